// runWorker as a library call, on SQLite: the studies it serves, from the experiments stored with
// them, and those it refuses or skips.
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { runWorker, type WorkerStudyError } from "@cosearch/engine"
import { Effect, Either } from "effect"
import { describe, expect, it } from "vitest"
import { experimentOf, fixtures, freshDatabase, runToEnd, scoreExperiment, storeAt } from "./engine-test-kit.js"

const states = async (store: ReturnType<typeof storeAt>, name: string) => {
  const study = await store.findStudy(name)
  return study === undefined ? [] : (await store.trials(study.id)).map((trial) => trial.state)
}

describe("runWorker", () => {
  it("serves every study with work left, oldest first, from its stored experiment, to the same trials as a run", async () => {
    const store = storeAt(freshDatabase())
    // Two studies started for one batch (4 trials) each, with budgets of 12 and 8 in their experiments.
    await runToEnd(scoreExperiment({ name: "first", budget: { trials: 12 } }), store, { trials: 4 })
    await runToEnd(scoreExperiment({ name: "second", seed: 9, budget: { trials: 8 } }), store, { trials: 4 })
    const report = await Effect.runPromise(runWorker({ store, baseDirectory: fixtures, workers: 2 }))
    expect(report.runs.map((run) => [run.study.name, run.reason, run.counts.total])).toEqual([
      ["first", "budget", 12],
      ["second", "budget", 8],
    ])
    expect(report.skipped).toEqual([])

    const alone = storeAt(freshDatabase())
    await runToEnd(scoreExperiment({ name: "first", budget: { trials: 12 } }), alone)
    const params = async (at: ReturnType<typeof storeAt>) =>
      (await at.trials((await at.findStudy("first"))?.id ?? -1)).map((trial) => trial.params)
    expect(await params(store)).toEqual(await params(alone))
    // Nothing left: a second worker ends at once.
    expect((await Effect.runPromise(runWorker({ store, baseDirectory: fixtures }))).runs).toEqual([])
    await Promise.all([store.close(), alone.close()])
  })

  it("leaves a study that reached its target and serves the next one", async () => {
    const store = storeAt(freshDatabase())
    // The first study's target (a score of at least 0) is reached by its first trial.
    await runToEnd(scoreExperiment({ name: "reached", budget: { trials: 12, target: 0 } }), store, { trials: 4 })
    await runToEnd(scoreExperiment({ name: "next", seed: 9, budget: { trials: 8 } }), store, { trials: 4 })
    const report = await Effect.runPromise(runWorker({ store, baseDirectory: fixtures, workers: 1 }))
    expect(report.runs.map((run) => [run.study.name, run.reason])).toEqual([
      ["reached", "target"],
      ["next", "budget"],
    ])
    expect((await states(store, "next")).length).toBe(8)
    await store.close()
  })

  it("refuses an unknown study, and a study whose experiment does not decode from the base directory, naming them", async () => {
    const store = storeAt(freshDatabase())
    await runToEnd(scoreExperiment({ name: "first" }), store, { trials: 1 })
    const failure = async (options: Parameters<typeof runWorker>[0]) => {
      const result = await Effect.runPromise(Effect.either(runWorker(options)))
      if (Either.isRight(result)) throw new Error("expected the worker to refuse")
      return result.left as WorkerStudyError
    }
    expect((await failure({ store, study: "nope", baseDirectory: fixtures })).message).toContain(
      `no study named "nope" in ${store.location}`,
    )
    const elsewhere = mkdtempSync(join(tmpdir(), "cosearch-elsewhere-"))
    const lost = await failure({ store, study: "first", baseDirectory: elsewhere })
    expect(lost._tag).toBe("WorkerStudyError")
    expect(lost.message).toContain(`relative paths are read from ${elsewhere}`)
    expect(lost.message).toContain("evaluator.module")
    // Serving every study, it is skipped and told; nothing ran.
    const skipped: string[] = []
    const report = await Effect.runPromise(runWorker({ store, baseDirectory: elsewhere, onSkip: (error) => skipped.push(error.message) }))
    expect(report.runs).toEqual([])
    expect(report.skipped.map((error) => error.message)).toEqual(skipped)
    expect(skipped).toHaveLength(1)
    expect(await states(store, "first")).toEqual(["complete"])
    await store.close()
  })

  it("creates the study from the experiment it is given, under the name it is given, and joins it after", async () => {
    const store = storeAt(freshDatabase())
    const experiment = await experimentOf(scoreExperiment({ budget: { trials: 6 } }))
    const first = await Effect.runPromise(runWorker({ store, experiment, study: "renamed", trials: 3, workers: 1 }))
    expect(first.runs.map((run) => [run.study.name, run.resumed, run.counts.total])).toEqual([["renamed", false, 3]])
    const second = await Effect.runPromise(runWorker({ store, experiment, study: "renamed", workers: 1 }))
    expect(second.runs.map((run) => [run.study.name, run.resumed, run.counts.total])).toEqual([["renamed", true, 6]])
    await store.close()
  })
})
