import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import {
  cachedModelFile,
  clearModelCache,
  createEvaluator,
  createFeaturizer,
  createStudyOptimizer,
  lookupSpace,
  modelCacheStats,
  writeModelFile,
} from "@cosearch/engine"
import { sampleMany } from "@cosearch/space"
import { datasetOf, trainSurrogate } from "@cosearch/surrogate"
import { describe, expect, it } from "vitest"
import { experimentOf, scoreExperiment } from "./engine-test-kit.js"

/** A small model of the metric "score" over nb201 configurations. */
const scoreModel = (targetOf: (row: number) => number) => {
  const found = lookupSpace("nb201")
  if (!found.ok) throw new Error(found.message)
  const featurizer = createFeaturizer({ kind: "study", space: "nb201" })
  const rows = sampleMany(found.entry.space, 30, "model-cache").map((configuration) => {
    const features = new Float64Array(featurizer.names.length)
    featurizer.ofConfiguration(configuration, features, 0)
    return features
  })
  const dataset = datasetOf(
    featurizer.names,
    rows,
    rows.map((_, row) => targetOf(row)),
  )
  return trainSurrogate(dataset, "score", { model: "gbt", seed: 1 }, { featurizer: featurizer.spec, data: "test" }).surrogate
}

/** A model of "score" written to a fresh folder; its path. */
const writeScoreModel = (targetOf: (row: number) => number): string => {
  const path = join(mkdtempSync(join(tmpdir(), "cosearch-model-cache-")), "score.json")
  writeModelFile(path, scoreModel(targetOf))
  return path
}

describe("screen and surrogate model files", () => {
  it("are decoded once for a study's check, its screen and its in-process evaluator", async () => {
    const model = writeScoreModel((row) => row % 7)
    clearModelCache()
    const experiment = await experimentOf(
      scoreExperiment({
        evaluator: { kind: "surrogate", model },
        constraints: undefined,
        optimizer: { name: "evolution", population: 10, sampleSize: 3, batch: 4, screen: { model } },
      }),
    )
    createStudyOptimizer(experiment)
    const { space, entry, baseDirectory } = experiment
    await createEvaluator(experiment.evaluator, { space, entry, baseDirectory })
    // one read; hits: the evaluator's outputs (its metrics, checked against the objectives), the screen, the evaluator
    expect(modelCacheStats()).toEqual({ reads: 1, hits: 4 })
  })

  it("are decoded again once the file is rewritten", () => {
    const model = writeScoreModel((row) => row % 7)
    clearModelCache()
    const first = cachedModelFile(model, ".")
    expect(cachedModelFile(model, ".")).toBe(first)
    writeModelFile(
      model,
      scoreModel((row) => row % 5),
    )
    expect(cachedModelFile(model, ".")).not.toBe(first)
    expect(modelCacheStats()).toEqual({ reads: 2, hits: 1 })
  })
})
