import { createBatchPlanner, createStopSignal, type StudyEvent } from "@cosearch/engine"
import { describe, expect, it } from "vitest"
import { experimentOf, freshDatabase, runToEnd, scoreExperiment, storeAt } from "./engine-test-kit.js"

const paramsOf = async (path: string) => {
  const store = storeAt(path)
  const study = await store.findStudy("score")
  const trials = study === undefined ? [] : await store.trials(study.id)
  await store.close()
  return trials.map((trial) => [trial.number, trial.state, trial.params])
}

describe("runStudy", () => {
  it("runs the budget exactly, records every trial and does not depend on the worker count", async () => {
    const one = freshDatabase()
    const two = freshDatabase()
    const storeOne = storeAt(one)
    const report = await runToEnd(scoreExperiment({ budget: { trials: 22 } }), storeOne, { workers: 1 })
    expect(report.reason).toBe("budget")
    expect(report.counts.total).toBe(22)
    expect(report.counts.complete + report.counts.infeasible).toBe(22)
    expect(storeOne.integrityCheck()).toBe("ok")
    await storeOne.close()
    await runToEnd(scoreExperiment({ budget: { trials: 22 } }), storeAt(two), { workers: 3 })
    const trials = await paramsOf(one)
    expect(trials.map(([number]) => number)).toEqual(Array.from({ length: 22 }, (_, k) => k))
    expect(await paramsOf(two)).toEqual(trials)
  })

  it("continues a study with a larger budget to the trials of an uninterrupted run", async () => {
    const resumed = freshDatabase()
    const store = storeAt(resumed)
    await runToEnd(scoreExperiment({ budget: { trials: 12 } }), store)
    const second = await runToEnd(scoreExperiment({ budget: { trials: 28 } }), store)
    expect(second.resumed).toBe(true)
    expect(second.finishedThisRun).toBe(16)
    await store.close()
    const straight = freshDatabase()
    await runToEnd(scoreExperiment({ budget: { trials: 28 } }), storeAt(straight))
    expect(await paramsOf(resumed)).toEqual(await paramsOf(straight))
  })

  it("re-runs trials left running by a dead worker (stale heartbeat) under their number", async () => {
    const path = freshDatabase()
    const store = storeAt(path)
    await runToEnd(scoreExperiment({ budget: { trials: 8 } }), store)
    const study = await store.findStudy("score")
    if (study === undefined) throw new Error("no study")
    // Batch 8-11 as a process on another host left it: trial 8 with an old heartbeat, 9 fresh.
    const planner = createBatchPlanner(await experimentOf(scoreExperiment()))
    await store.addTrials(study.id, 8, planner.plan(await store.history(study.id), 8, 4))
    await store.claimTrial(study.id, "elsewhere:1:gone:0", Date.now() - 120_000)
    await store.claimTrial(study.id, "elsewhere:1:gone:1", Date.now())
    // Stop once the other three trials are done: trial 9 stays with its (live, for all we know) worker.
    const stop = createStopSignal()
    const onEvent = (event: StudyEvent) => {
      if (event.kind === "trial" && event.finishedThisRun === 3) stop.request()
    }
    const report = await runToEnd(scoreExperiment({ budget: { trials: 12 } }), store, { staleAfterMs: 60_000, pollMs: 5, stop, onEvent })
    expect(report.counts).toMatchObject({ total: 12, running: 1, waiting: 0 })
    // The fresh one is re-run once its heartbeat is stale too.
    const later = await runToEnd(scoreExperiment({ budget: { trials: 12 } }), store, { staleAfterMs: 1000 })
    expect(later.counts).toMatchObject({ total: 12, running: 0, waiting: 0 })
    const trials = await store.trials(study.id)
    expect(trials.filter((trial) => trial.attempts === 2).map((trial) => trial.number)).toEqual([8, 9])
    expect(store.integrityCheck()).toBe("ok")
    await store.close()
  })

  it("refuses a changed experiment for an existing study unless forked", async () => {
    const store = storeAt(freshDatabase())
    await runToEnd(scoreExperiment({ budget: { trials: 4 } }), store)
    const changed = scoreExperiment({ budget: { trials: 4 }, seed: 6 })
    await expect(runToEnd(changed, store)).rejects.toThrow(
      /study "score" in .* was made from a different experiment \(config hash [0-9a-f]{16}; this one has [0-9a-f]{16}\); run with --fork NEW_NAME/,
    )
    const forked = await runToEnd(changed, store, { fork: "score-seed-6" })
    expect(forked.study.name).toBe("score-seed-6")
    expect(forked.counts.total).toBe(4)
    expect((await store.listStudies()).map(({ study }) => study.name)).toEqual(["score", "score-seed-6"])
    await store.close()
  })

  it("stops at the target value and within the wall time", async () => {
    const store = storeAt(freshDatabase())
    const target = await runToEnd(scoreExperiment({ name: "t", budget: { trials: 400, target: 12 } }), store)
    expect(target.reason).toBe("target")
    expect(target.counts.total).toBeLessThan(400)
    const timed = await runToEnd(
      scoreExperiment({
        name: "w",
        evaluator: { kind: "module", module: "sleepy.mjs", options: { ms: 30 } },
        constraints: [],
        budget: { trials: 400, wallTimeSeconds: 0.5 },
      }),
      store,
    )
    expect(timed.reason).toBe("wall-time")
    expect(timed.counts.running).toBe(0)
    await store.close()
  })
})
