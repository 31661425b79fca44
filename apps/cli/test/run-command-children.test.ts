import { readFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { evaluatorFixtures, freshFolder, readStudy, spawnCli, writeExperiment } from "./study-kit.js"

/** The pids fixtures/sleeper.sh wrote (each trial: the script's and its `sleep` grandchild's). */
const pidsIn = (file: string): number[] => {
  try {
    return readFileSync(file, "utf8").split(/\s+/).filter(Boolean).map(Number)
  } catch {
    return []
  }
}

/** Whether a process is alive: it exists and is not a zombie waiting to be reaped. */
const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
  } catch {
    return false // ESRCH
  }
  try {
    return readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.[0] !== "Z"
  } catch {
    return false
  }
}

const pause = (ms: number) => new Promise((done) => setTimeout(done, ms))

/** The pids still alive after polling for up to `ms`. */
const survivors = async (pids: readonly number[], ms = 3000): Promise<number[]> => {
  const end = Date.now() + ms
  for (;;) {
    const living = pids.filter(alive)
    if (living.length === 0 || Date.now() >= end) return living
    await pause(50)
  }
}

/**
 * Starts `cosearch run` (or `worker`) on two workers over a command evaluator that never answers and starts a
 * grandchild, and waits until both trials' programs have written their pids.
 */
const startSleepers = async (command: "run" | "worker" = "run") => {
  const folder = freshFolder()
  const pidsFile = join(folder, "pids.txt")
  const experiment = writeExperiment(folder, {
    evaluator: { kind: "command", command: ["/bin/sh", join(evaluatorFixtures, "sleeper.sh"), pidsFile] },
    optimizer: { name: "random", batch: 2 },
    budget: { trials: 2 },
  })
  const database = join(folder, "study.db")
  const running = spawnCli(
    command === "run"
      ? ["run", experiment, "--db", database, "--workers", "2"]
      : ["worker", "--config", experiment, "--db", database, "--workers", "2"],
  )
  const end = Date.now() + 15_000
  while (pidsIn(pidsFile).length < 4 && Date.now() < end) await pause(50)
  return { running, database, pids: pidsIn(pidsFile) }
}

describe("cosearch run with a command evaluator whose program starts a grandchild", () => {
  it("kills every process of the programs on a second SIGINT, exits 130 and leaves the trials waiting", async () => {
    const { running, database, pids } = await startSleepers()
    expect(pids).toHaveLength(4)
    running.child.kill("SIGINT")
    await pause(300)
    expect(await survivors(pids, 0)).toEqual(pids) // the first SIGINT lets running trials finish
    running.child.kill("SIGINT")
    expect(await running.exited).toBe(130)
    expect(await survivors(pids)).toEqual([])
    const { trials } = await readStudy(database, "study")
    expect(trials.map((trial) => trial.state)).toEqual(["waiting", "waiting"])
  }, 25_000)

  it.each(["run", "worker"] as const)(
    "kills every process of the programs when `cosearch %s` is SIGKILLed",
    async (command) => {
      const { running, pids } = await startSleepers(command)
      expect(pids).toHaveLength(4)
      running.child.kill("SIGKILL")
      expect(await running.exited).toBe(null)
      expect(await survivors(pids)).toEqual([])
    },
    25_000,
  )
})
