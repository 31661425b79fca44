import { mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { createRequire } from "node:module"
import { tmpdir } from "node:os"
import { dirname, join, resolve } from "node:path"
import { gunzipSync, gzipSync } from "node:zlib"
import {
  areaEvaluator,
  costEvaluator,
  csvRows,
  decodeExperiment,
  lookupSpace,
  readModelFile,
  splitRows,
  studyRows,
  surrogateEvaluator,
  writeModelFile,
} from "@cosearch/engine"
import { createRandom, sampleMany } from "@cosearch/space"
import { designFeatures, trainSurrogate } from "@cosearch/surrogate"
import { Effect, Either } from "effect"
import { describe, expect, it } from "vitest"
import { fixtures, freshDatabase, runToEnd, scoreExperiment, storeAt } from "./engine-test-kit.js"

const folder = () => mkdtempSync(join(tmpdir(), "cosearch-surrogate-"))

/** The NB201 table bundled with @cosearch/network, read at test time. */
const bundledTable = (): string[] => {
  const path = resolve(dirname(createRequire(import.meta.url).resolve("@cosearch/network")), "../data/nb201.csv.gz")
  return gunzipSync(readFileSync(path)).toString("utf8").trim().split("\n")
}

const paramsOf = async (path: string, name: string) => {
  const store = storeAt(path)
  const study = await store.findStudy(name)
  const trials = study === undefined ? [] : await store.trials(study.id)
  await store.close()
  return trials.map((trial) => [trial.number, trial.state, trial.params])
}

const screened = (trials: number) =>
  scoreExperiment({
    optimizer: {
      name: "evolution",
      population: 10,
      sampleSize: 3,
      batch: 4,
      screen: { model: "online", learner: "rf", candidates: 6, refine: 2, minTrials: 8 },
    },
    budget: { trials },
  })

describe("surrogate-screened studies", () => {
  it("resume to the trials of an uninterrupted run, and differ from the unscreened study", async () => {
    const resumed = freshDatabase()
    const store = storeAt(resumed)
    await runToEnd(screened(12), store, { workers: 1 })
    const second = await runToEnd(screened(28), store, { workers: 2 })
    expect(second.resumed).toBe(true)
    await store.close()
    const straight = freshDatabase()
    await runToEnd(screened(28), storeAt(straight), { workers: 1 })
    const trials = await paramsOf(resumed, "score")
    expect(trials).toHaveLength(28)
    expect(trials).toEqual(await paramsOf(straight, "score"))
    const plain = freshDatabase()
    await runToEnd(scoreExperiment({ budget: { trials: 28 } }), storeAt(plain), { workers: 1 })
    expect(await paramsOf(plain, "score")).not.toEqual(trials)
    // The first two batches come before the model (minTrials 8): they are the unscreened ones.
    expect((await paramsOf(plain, "score")).slice(0, 8)).toEqual(trials.slice(0, 8))
  })

  it("refuses screen settings that do not fit, naming the field", async () => {
    const decode = (optimizer: Record<string, unknown>) =>
      Effect.runPromise(Effect.either(decodeExperiment(scoreExperiment({ optimizer }), { source: "test", baseDirectory: fixtures })))
    const missing = await decode({ name: "evolution", screen: { model: "nope.json" } })
    expect(Either.isLeft(missing) && missing.left.message).toMatch(
      /optimizer\.screen\.model: cannot predict for space "nb201": cannot read model file ".*nope\.json"/,
    )
    const learner = await decode({ name: "evolution", screen: { model: "online", learner: "svm" } })
    expect(Either.isLeft(learner) && learner.left.message).toMatch(/optimizer\.screen\.learner: expected "gbt", "rf"/)
    const exact = await decode({ name: "evolution", screen: { model: "online", exact: { kind: "area" } } })
    expect(Either.isLeft(exact) && exact.left.message).toMatch(/optimizer\.screen\.exact\.kind: the area evaluator needs accelerator knobs/)
  })
})

describe("the area evaluator", () => {
  const found = lookupSpace("edgetpu-knobs")
  if (!found.ok) throw new Error(found.message)
  const context = { space: found.entry.space, entry: found.entry, baseDirectory: "." }

  it("gives the Edge TPU template's area by hand: 20 PEs x 16 cores x 256 int8 lanes and their SRAMs", async () => {
    const evaluate = await areaEvaluator.create({ kind: "area" }, context)
    const configuration = {
      pe_x: 2,
      pe_y: 10,
      compute_lanes: 256,
      cores_per_pe: 16,
      pe_memory: 262144,
      core_memory: 8192,
      instruction_memory: 2048,
      parameter_memory: 8192,
      activation_memory: 4096,
      io_bandwidth: 30,
    }
    // MACs: 320 cores x 256 lanes x 419 um2; SRAM 9.72 um2 per byte: 20 x 256 KiB PE memories,
    // 320 x (8 + 8 + 4) KiB core memories, 320 x 2,048 instructions x 8 bytes.
    const sram = 9.72e-6
    const expected = 320 * 256 * 419e-6 + 20 * 262144 * sram + 320 * 20480 * sram + 320 * 2048 * 8 * sram
    const { metrics } = (await evaluate({ study: "s", number: 0, configuration })) as { metrics: { areaMm2: number } }
    expect(metrics.areaMm2).toBeCloseTo(expected, 9)
  })

  it("equals the cost evaluator's areaMm2 on sampled designs", async () => {
    const area = await areaEvaluator.create({ kind: "area" }, context)
    const cost = await costEvaluator.create({ kind: "cost", network: "mobilenet_v2" }, context)
    let compared = 0
    for (const configuration of sampleMany(found.entry.space, 40, "area-vs-cost")) {
      const full = (await cost({ study: "s", number: 0, configuration })).metrics.areaMm2
      if (typeof full !== "number") continue
      expect((await area({ study: "s", number: 0, configuration })).metrics.areaMm2).toBeCloseTo(full, 9)
      compared++
    }
    expect(compared).toBeGreaterThan(10)
  })
})

describe("training data, model files and the surrogate evaluator", () => {
  it("reads an NB201 CSV (gzipped) with its arch column: rows without latency left out, keys from the index column", () => {
    const [header = "", ...rows] = bundledTable()
    const head = header.split(",")
    const latency = head.indexOf("lb_edgetpu_int8_ms")
    const sample = rows.slice(0, 300)
    const path = join(folder(), "cells.csv.gz")
    writeFileSync(path, gzipSync(`${[header, ...sample].join("\n")}\n`))
    const labeled = csvRows(path, "lb_edgetpu_int8_ms")
    const withLatency = sample.filter((row) => (row.split(",")[latency] ?? "") !== "")
    expect(labeled.dataset.rows).toBe(withLatency.length)
    expect(labeled.excluded).toBe(sample.length - withLatency.length)
    expect(labeled.featurizer.spec).toEqual({ kind: "table", columns: [], networkColumn: "arch_str" })
    expect([...labeled.dataset.targets]).toEqual(withLatency.map((row) => Number(row.split(",")[latency])))
    expect([...labeled.keys]).toEqual(withLatency.map((row) => Number(row.split(",")[0])))
    const { test } = splitRows(labeled.keys, "index-mod-5", createRandom(0))
    expect(test.length).toBe(withLatency.filter((row) => Number(row.split(",")[0]) % 5 === 0).length)
    // Another campaign's file, whose network column is named `arch`, read with this file's featurizer.
    const other = join(folder(), "other.csv")
    writeFileSync(other, `arch,latency_ms\n${withLatency.map((row) => `${row.split(",")[1]},${row.split(",")[latency]}`).join("\n")}\n`)
    const reread = csvRows(other, "latency_ms", { kind: "table", columns: [], networkColumn: "arch_str" })
    expect([...reread.dataset.features]).toEqual([...labeled.dataset.features])
    expect(() => csvRows(path, "latency")).toThrow(
      /--target: expected a column of ".*cells\.csv\.gz" \(index, arch_str, .*\), got "latency"/,
    )
  })

  it("featurizes a study's complete trials only, and predicts them back through a model file", async () => {
    const path = freshDatabase()
    const store = storeAt(path)
    await runToEnd(scoreExperiment({ budget: { trials: 40 } }), store, { workers: 1 })
    const study = await store.findStudy("score")
    if (study === undefined) throw new Error("no study")
    const trials = await store.trials(study.id)
    await store.close()
    const rows = studyRows(study, trials, "score")
    const complete = trials.filter((trial) => trial.state === "complete")
    expect(rows.dataset.rows).toBe(complete.length)
    expect(rows.excluded).toBe(trials.length - complete.length)
    const found = lookupSpace("nb201")
    if (!found.ok) throw new Error(found.message)
    const first = complete[0]
    if (first === undefined) throw new Error("no complete trial")
    expect([...rows.dataset.features.subarray(0, rows.featurizer.names.length)].slice(0, 30)).toEqual(
      [...designFeatures(found.entry.space, first.params)].slice(0, 30),
    )

    const { surrogate } = trainSurrogate(
      rows.dataset,
      "score",
      { model: "gbt", seed: 1 },
      { featurizer: rows.featurizer.spec, data: "test" },
    )
    const modelPath = join(folder(), "score.json")
    writeModelFile(modelPath, surrogate)
    const loaded = readModelFile(modelPath)
    // A model file written before the spelling change names its featurizer `meta.featuriser`.
    const saved = JSON.parse(readFileSync(modelPath, "utf8")) as { meta: Record<string, unknown> }
    const { featurizer: spec, ...rest } = saved.meta
    expect(spec).toEqual(rows.featurizer.spec)
    const legacyPath = join(folder(), "score-legacy.json")
    writeFileSync(legacyPath, JSON.stringify({ ...saved, meta: { ...rest, featuriser: spec } }))
    expect(readModelFile(legacyPath).featurizer.names).toEqual(loaded.featurizer.names)
    const context = { space: found.entry.space, entry: found.entry, baseDirectory: "." }
    const evaluate = await surrogateEvaluator.create({ kind: "surrogate", model: modelPath }, context)
    const features = new Float64Array(loaded.featurizer.names.length)
    for (const trial of complete.slice(0, 5)) {
      loaded.featurizer.ofConfiguration(trial.params, features, 0)
      const predicted = (await evaluate({ study: "s", number: 0, configuration: trial.params })).metrics.score
      expect(predicted).toBe(surrogate.predict(features))
    }
    const issues = await surrogateEvaluator.check({ kind: "surrogate", model: [modelPath, modelPath] }, context)
    expect(issues).toEqual([{ path: "model[1]", message: 'predicts "score", as model[0] already does' }])
  })
})
