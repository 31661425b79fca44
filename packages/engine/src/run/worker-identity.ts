import { randomUUID } from "node:crypto"
import { hostname } from "node:os"

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
 * Who runs trials: `host:pid:run:` followed by the lane number. `isAbandoned` tells that a worker
 * id belongs to a process of this host that is gone (or to a finished run of this process), so its
 * running trials can be re-run at once; trials of other hosts wait for their heartbeat to go stale.
 *
 * @example
 * const identity = startRunIdentity()
 * identity.worker(0) // "my-host:4242:1f3a9c2e:0"
 * identity.end()
 */
export interface RunIdentity {
  readonly prefix: string
  readonly worker: (lane: number) => string
  readonly isAbandoned: (worker: string) => boolean
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
    isAbandoned: (worker) => {
      const [workerHost, pidText, workerRun] = worker.split(":")
      const pid = Number(pidText)
      if (workerHost !== host || !Number.isInteger(pid) || workerRun === undefined) return false
      return pid === process.pid ? !activeRuns.has(workerRun) : !isProcessAlive(pid)
    },
    end: () => void activeRuns.delete(run),
  }
}
