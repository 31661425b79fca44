import { readFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { describe, expect, it } from "vitest"
import { fixtures, freshDatabase, runToEnd, scoreExperiment, storeAt } from "./engine-test-kit.js"

/** The pids fixtures/sleeper.sh wrote (each run: the script's and its `sleep` grandchild's). */
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

/** The pids still alive after polling for up to `ms`. */
const survivors = async (pids: readonly number[], ms = 3000): Promise<number[]> => {
  const end = Date.now() + ms
  for (;;) {
    const living = pids.filter(alive)
    if (living.length === 0 || Date.now() >= end) return living
    await new Promise((done) => setTimeout(done, 50))
  }
}

const sleeper = (pidsFile: string, fields: Record<string, unknown> = {}) => ({
  kind: "command",
  command: ["/bin/sh", join(fixtures, "sleeper.sh"), pidsFile],
  ...fields,
})

/** Runs two trials of `evaluator(pidsFile)` on two workers; the trials and the pids written. */
const runWith = async (evaluator: (pidsFile: string) => unknown, fields: Record<string, unknown> = {}) => {
  const database = freshDatabase()
  const pidsFile = join(dirname(database), "pids.txt")
  const store = storeAt(database)
  const raw = scoreExperiment({
    evaluator: evaluator(pidsFile),
    constraints: [],
    optimizer: { name: "random", batch: 2 },
    budget: { trials: 2 },
    ...fields,
  })
  const report = await runToEnd(raw, store, { workers: 2 })
  const trials = await store.trials(report.study.id)
  await store.close()
  return { trials, pids: pidsIn(pidsFile) }
}

describe("a command evaluator's processes", () => {
  it("are all killed, grandchildren too, when execution.timeoutSeconds fires (the pool worker is terminated)", async () => {
    // The timeout counts from the task's submission, so it covers the workers' start (a few seconds under tsx).
    const { trials, pids } = await runWith((file) => sleeper(file), { execution: { timeoutSeconds: 8 } })
    expect(trials.map((trial) => trial.error)).toEqual(["the evaluation timed out after 8 s", "the evaluation timed out after 8 s"])
    expect(pids).toHaveLength(4)
    expect(await survivors(pids)).toEqual([])
  }, 20_000)

  it("are all killed, grandchildren too, when the command's own timeoutSeconds fires", async () => {
    const { trials, pids } = await runWith((file) => sleeper(file, { timeoutSeconds: 1 }))
    expect(trials.map((trial) => trial.error)).toEqual([
      "the command timed out after 1 s and was killed",
      "the command timed out after 1 s and was killed",
    ])
    expect(pids).toHaveLength(4)
    expect(await survivors(pids)).toEqual([])
  }, 20_000)

  it("left running by a program that answered are killed when it exits", async () => {
    const script = 'cat >/dev/null; sleep 300 >/dev/null 2>&1 & echo "$$ $!" >>"$0"; echo \'{"score": 1}\''
    const { trials, pids } = await runWith((file) => ({ kind: "command", command: ["/bin/sh", "-c", script, file] }))
    expect(trials.map((trial) => trial.state)).toEqual(["complete", "complete"])
    expect(pids).toHaveLength(4)
    expect(await survivors(pids)).toEqual([])
  }, 20_000)

  it("a program that does not exist fails its trial saying so", async () => {
    const { trials } = await runWith(() => ({ kind: "command", command: ["no-such-program-here", "x"] }))
    expect(trials.map((trial) => trial.error)).toEqual([
      'cannot run "no-such-program-here": no-such-program-here: not found',
      'cannot run "no-such-program-here": no-such-program-here: not found',
    ])
  }, 20_000)
})
