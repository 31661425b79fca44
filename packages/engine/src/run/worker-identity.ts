import { randomUUID } from "node:crypto"
import { hostname } from "node:os"
import type { WorkerStatus } from "@cosearch/store"

/** The runs alive in this process, so that trials of a finished run of this process are known stale. */
const activeRuns = new Set<string>()

const isProcessAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as { code?: string }).code === "EPERM"
  }
}

/**
 * Who runs trials: `host:pid:run:` followed by the lane number. `workerStatus` tells a worker id of
 * this run (alive), of a gone process of this host or a finished run of this process (dead: its
 * running trials are re-run at once), or of another host (unknown: its trials wait for their
 * heartbeat to go stale).
 *
 * @example
 * const identity = startRunIdentity()
 * identity.worker(0) // "my-host:4242:1f3a9c2e:0"
 * identity.end()
 */
export interface RunIdentity {
  readonly prefix: string
  readonly worker: (lane: number) => string
  readonly workerStatus: (worker: string) => WorkerStatus
  readonly end: () => void
}

/**
 * A new run's identity, registered as alive until `end`.
 *
 * @example
 * const identity = startRunIdentity()
 */
export const startRunIdentity = (): RunIdentity => {
  const host = hostname()
  const run = randomUUID().slice(0, 8)
  const prefix = `${host}:${process.pid}:${run}:`
  activeRuns.add(run)
  return {
    prefix,
    worker: (lane) => `${prefix}${lane}`,
    workerStatus: (worker) => {
      const [workerHost, pidText, workerRun] = worker.split(":")
      const pid = Number(pidText)
      if (workerHost !== host || !Number.isInteger(pid) || workerRun === undefined) return "unknown"
      if (pid === process.pid) return activeRuns.has(workerRun) ? "alive" : "dead"
      return isProcessAlive(pid) ? "unknown" : "dead"
    },
    end: () => void activeRuns.delete(run),
  }
}
