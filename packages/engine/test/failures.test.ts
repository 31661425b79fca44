import { describe, expect, it } from "vitest"
import { fixtures, freshDatabase, runToEnd, scoreExperiment, storeAt } from "./engine-test-kit.js"

const trialsOf = async (raw: Record<string, unknown>, options: { workers?: number } = {}) => {
  const store = storeAt(freshDatabase())
  const report = await runToEnd(raw, store, options)
  const trials = await store.trials(report.study.id)
  expect(store.integrityCheck()).toBe("ok")
  await store.close()
  return { report, trials }
}

describe("evaluations that go wrong", () => {
  it("records a throwing evaluator and a worker that exits as failed trials with their errors, and goes on", async () => {
    const { report, trials } = await trialsOf(
      scoreExperiment({
        evaluator: { kind: "module", module: "faulty.mjs" },
        constraints: [],
        optimizer: { name: "random", batch: 4 },
        budget: { trials: 20 },
      }),
    )
    expect(report.counts.total).toBe(20)
    const failed = trials.filter((trial) => trial.state === "failed")
    expect(failed.map((trial) => trial.number)).toEqual([0, 3, 5, 10, 13, 15])
    expect(trials.find((trial) => trial.number === 5)?.error).toBe("evaluator broke on trial 5")
    expect(trials.find((trial) => trial.number === 13)?.error).toMatch(/exit/i)
    expect(trials.filter((trial) => trial.state === "complete")).toHaveLength(14)
  })

  it("fails a command evaluator that hangs past its timeout, keeping the error, and goes on", async () => {
    const command = { kind: "command", command: [process.execPath, `${fixtures}/hang.mjs`], timeoutSeconds: 0.5 }
    const { trials } = await trialsOf(
      scoreExperiment({ evaluator: command, constraints: [], optimizer: { name: "random", batch: 4 }, budget: { trials: 4 } }),
      {
        workers: 4,
      },
    )
    expect(trials.map((trial) => [trial.number, trial.state])).toEqual([
      [0, "complete"],
      [1, "failed"],
      [2, "complete"],
      [3, "failed"],
    ])
    expect(trials[1]?.error).toBe("the command timed out after 0.5 s and was killed")
    expect(trials[2]?.values).toEqual([2])
  })

  it("fails a command that exits non-zero or prints no JSON, and a metric that is missing", async () => {
    const program = (source: string) => ({ kind: "command", command: [process.execPath, "-e", source] })
    const run = (evaluator: unknown) =>
      trialsOf(scoreExperiment({ evaluator, constraints: [], optimizer: { name: "random", batch: 1 }, budget: { trials: 1 } }), {
        workers: 1,
      })
    const exits = await run(program("process.stderr.write('out of memory'); process.exit(4)"))
    expect(exits.trials[0]?.error).toBe("the command exited with code 4: out of memory")
    const noisy = await run(program("console.log('not json')"))
    expect(noisy.trials[0]?.error).toBe("the command printed no metrics JSON; its output ends with: not json")
    const wrong = await run(program("console.log(JSON.stringify({ other: 1 }))"))
    expect(wrong.trials[0]).toMatchObject({ state: "failed", error: 'the evaluator reported no metric "score" (it reported other)' })
  })

  it("times out any evaluator with execution.timeoutSeconds and retries with execution.retries", async () => {
    const slow = { kind: "module", module: "sleepy.mjs", options: { ms: 2000 } }
    const { trials } = await trialsOf(
      scoreExperiment({
        evaluator: slow,
        constraints: [],
        optimizer: { name: "random", batch: 2 },
        budget: { trials: 2 },
        execution: { timeoutSeconds: 0.2, retries: 1 },
      }),
    )
    expect(trials.map((trial) => [trial.state, trial.error])).toEqual([
      ["failed", "the evaluation timed out after 0.2 s"],
      ["failed", "the evaluation timed out after 0.2 s"],
    ])
  })
})
