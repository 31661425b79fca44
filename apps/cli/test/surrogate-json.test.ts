import { join } from "node:path"
import { readModelFile, studyRows } from "@cosearch/engine"
import { openSqliteStore } from "@cosearch/store"
import { type Agreement, agreementOf } from "@cosearch/surrogate"
import { describe, expect, it } from "vitest"
import { runInProcess } from "./run-cli.js"
import { freshFolder, readStudy, writeExperiment } from "./study-kit.js"

/** The agreement as `agreementLine` prints it, to find in a text run's output. */
const printed = (agreement: Agreement): string =>
  `${String(agreement.rows).padStart(6)} rows  Kendall tau ${agreement.kendallTau.toFixed(4)}  Spearman ${agreement.spearman.toFixed(4)}  MAPE ${agreement.mape.toFixed(2)}%`

describe("cosearch surrogate --json", () => {
  it("sample, train and eval print their figures as one JSON document each, as the store and the text runs have them", async () => {
    const folder = freshFolder()
    const experiment = writeExperiment(folder)
    const db = join(folder, "samples.db")
    const sampleArgs = ["surrogate", "sample", "--evaluator", experiment, "--n", "30", "--db", db, "--workers", "1", "--batch", "8"]
    const sampled = await runInProcess([...sampleArgs, "--json"])
    expect(sampled.code).toBe(0)
    expect(sampled.stderr).toMatch(/^sampling "study-sample": 0\/30 designs done, 1 workers/)
    const sample = JSON.parse(sampled.stdout) as { study: string; db: string; counts: Record<string, number>; finishedThisRun: number }
    const { trials } = await readStudy(db, "study-sample")
    expect(sample).toMatchObject({ study: "study-sample", db, resumed: false, samples: 30, finishedThisRun: 30 })
    expect(sample.counts).toEqual({
      waiting: 0,
      running: 0,
      complete: trials.filter((trial) => trial.state === "complete").length,
      failed: 0,
      infeasible: 0,
      total: trials.length,
    })

    const model = join(folder, "score.json")
    const trainArgs = ["surrogate", "train", "--data", "study-sample", "--db", db, "--target", "score", "--model", "rf", "--out", model]
    const trainedText = await runInProcess(trainArgs)
    const trainedJson = await runInProcess([...trainArgs, "--json"])
    expect(trainedJson.code).toBe(0)
    const train = JSON.parse(trainedJson.stdout) as {
      rows: number
      trainRows: number
      testRows: number
      validation: Agreement
      test: Agreement
    }
    // Trials 0, 5, ..., 25 are the test rows: 6 of 30.
    expect(train).toMatchObject({ model: "rf", target: "score", rows: 30, trainRows: 24, testRows: 6, excluded: 0, out: model })
    expect(train.test.rows).toBe(6)
    expect(trainedText.stdout).toContain(`validation ${printed(train.validation)}`)
    expect(trainedText.stdout).toContain(`test       ${printed(train.test)}`)

    const evaluated = await runInProcess(["surrogate", "eval", "--model", model, "--data", "study-sample", "--db", db, "--json"])
    expect(evaluated.code).toBe(0)
    const evaluation = JSON.parse(evaluated.stdout) as { all: Agreement }
    const loaded = readModelFile(model)
    const store = openSqliteStore(db, { readOnly: true })
    const study = await store.findStudy("study-sample")
    if (study === undefined) throw new Error("no study")
    const rows = studyRows(study, await store.trials(study.id), "score", loaded.featurizer.spec)
    await store.close()
    const expected = agreementOf(rows.dataset.targets, loaded.surrogate.predictMany(rows.dataset.features, rows.dataset.rows))
    expect(evaluation).toEqual({
      model: "rf",
      modelFile: model,
      modelTarget: "score",
      target: "score",
      data: "study-sample",
      rows: 30,
      excluded: 0,
      exclusions: [],
      all: expected,
    })
  })
})
