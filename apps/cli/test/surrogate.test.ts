import { existsSync, readFileSync, writeFileSync } from "node:fs"
import { join, resolve } from "node:path"
import { gunzipSync, gzipSync } from "node:zlib"
import { readModelFile } from "@cosearch/engine"
import { describe, expect, it } from "vitest"
import { runInProcess } from "./run-cli.js"
import { freshFolder, readStudy, writeExperiment } from "./study-kit.js"

/** Samples `n` designs of the score experiment into `db` (one worker, batches of 8). */
const sample = (experiment: string, n: number, db: string, workers = 1) =>
  runInProcess([
    "surrogate",
    "sample",
    "--evaluator",
    experiment,
    "--n",
    String(n),
    "--db",
    db,
    "--workers",
    String(workers),
    "--batch",
    "8",
  ])

const paramsOf = async (db: string, study: string) => (await readStudy(db, study)).trials.map((trial) => [trial.number, trial.params])

describe("cosearch surrogate", () => {
  it("samples a study resumably, trains on it with the index-mod-5 split and evaluates the model", async () => {
    const folder = freshFolder()
    const experiment = writeExperiment(folder)
    const db = join(folder, "samples.db")
    const first = await sample(experiment, 24, db)
    expect(first.code).toBe(0)
    expect(first.stdout).toMatch(/^study "study-sample" in .*samples\.db: 24 complete, 0 infeasible, 0 failed of 24/)
    const more = await sample(experiment, 40, db, 2)
    expect(more.stdout).toMatch(/40 complete, 0 infeasible, 0 failed of 40 \(16 evaluated/)
    const straight = join(folder, "straight.db")
    await sample(experiment, 40, straight)
    expect(await paramsOf(db, "study-sample")).toEqual(await paramsOf(straight, "study-sample"))
    const keys = new Set((await paramsOf(db, "study-sample")).map(([, params]) => JSON.stringify(params)))
    expect(keys.size).toBe(40)

    const model = join(folder, "score.json")
    const train = await runInProcess(["surrogate", "train", "--data", "study-sample", "--db", db, "--target", "score", "--out", model])
    expect(train.code).toBe(0)
    // Trials 0, 5, ..., 35 are the test rows: 8 of 40.
    expect(train.stdout).toMatch(/^trained gbt on 32 of 40 rows of study "study-sample" in .*, target score, \d+ features/)
    expect(train.stdout).toMatch(/\ntest\s+8 rows {2}Kendall tau -?[\d.]+ {2}Spearman -?[\d.]+ {2}MAPE [\d.]+%/)
    expect(readModelFile(model).surrogate.target).toBe("score")
    const evaluated = await runInProcess(["surrogate", "eval", "--model", model, "--data", "study-sample", "--db", db])
    expect(evaluated.code).toBe(0)
    expect(evaluated.stdout).toMatch(/\nall\s+40 rows {2}Kendall tau/)
  })

  it("trains on an NB201 CSV with its arch column, gzipped", async () => {
    const table = resolve(import.meta.dirname, "../../../packages/network/data/nb201.csv.gz")
    const lines = gunzipSync(readFileSync(table)).toString("utf8").trim().split("\n").slice(0, 201)
    const folder = freshFolder()
    const data = join(folder, "cells.csv.gz")
    writeFileSync(data, gzipSync(`${lines.join("\n")}\n`))
    const model = join(folder, "coral.json")
    const run = await runInProcess([
      "surrogate",
      "train",
      "--data",
      data,
      "--target",
      "lb_edgetpu_int8_ms",
      "--model",
      "rf",
      "--out",
      model,
    ])
    expect(run.code).toBe(0)
    const usable = lines.slice(1).filter((line) => !line.endsWith(","))
    const tested = usable.filter((line) => Number(line.split(",")[0]) % 5 === 0).length
    expect(run.stdout).toContain(`trained rf on ${usable.length - tested} of ${usable.length} rows of CSV ${data}`)
    expect(run.stdout).toMatch(new RegExp(`\\ntest\\s+${tested} rows`))
    const evaluated = await runInProcess(["surrogate", "eval", "--model", model, "--data", data])
    expect(evaluated.stdout).toMatch(new RegExp(`\\nall\\s+${usable.length} rows`))
  })

  it("names the field and value of bad input, exits 1 and writes nothing", async () => {
    const folder = freshFolder()
    const db = join(folder, "samples.db")
    await sample(writeExperiment(folder), 8, db)
    const out = join(folder, "model.json")
    const target = await runInProcess(["surrogate", "train", "--data", "study-sample", "--db", db, "--target", "latency", "--out", out])
    expect(target).toMatchObject({
      code: 1,
      stderr: 'cosearch: --target: study "study-sample" has no metric "latency" (its metrics are score, cost)',
    })
    const missing = await runInProcess(["surrogate", "train", "--data", join(folder, "none.csv"), "--target", "x", "--out", out])
    expect(missing.code).toBe(1)
    expect(missing.stderr).toContain(`cannot read data file "${join(folder, "none.csv")}"`)
    const model = await runInProcess(["surrogate", "eval", "--model", join(folder, "none.json"), "--data", "study-sample", "--db", db])
    expect(model.stderr).toContain(`cannot read model file "${join(folder, "none.json")}"`)
    const space = await runInProcess(["surrogate", "sample", "--evaluator", '{"kind":"cost"}', "--n", "8", "--db", db])
    expect(space).toMatchObject({ code: 1, stderr: "cosearch: --space: name the space to sample (or give --evaluator an experiment file)" })
    expect(existsSync(out)).toBe(false)
  })
})
