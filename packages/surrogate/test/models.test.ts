import { createRandom } from "@cosearch/space"
import { describe, expect, it } from "vitest"
import { agreementOf, datasetOf, type ModelKind, surrogateFromJson, type TrainOptions, trainSurrogate } from "../src/index.js"
import { type Forest, predictForest } from "../src/models/tree/forest.js"

/** y = exp(a + 0.5 b) with a, b uniform on [0, 1] and a third feature that does not matter: smooth and positive. */
const sample = (n: number, seed: number) => {
  const random = createRandom(seed)
  const rows = Array.from({ length: n }, () => Float64Array.of(random(), random(), random()))
  return { rows, targets: rows.map((row) => Math.exp((row[0] as number) + 0.5 * (row[1] as number))) }
}

const matrixOf = (rows: readonly Float64Array[]): Float64Array => {
  const matrix = new Float64Array(rows.length * 3)
  for (const [i, row] of rows.entries()) matrix.set(row, i * 3)
  return matrix
}

const cases: readonly [ModelKind, TrainOptions, number][] = [
  ["rf", { model: "rf", seed: 3, rf: { trees: 40 } }, 5],
  ["mlp", { model: "mlp", seed: 3, mlp: { hidden: [16, 16], epochs: 60 } }, 3],
  ["gp", { model: "gp", seed: 3, gp: { maxPoints: 300 } }, 1],
]

describe.each(cases)("%s", (_kind, options, mapeLimit) => {
  const train = sample(options.model === "gp" ? 300 : 1500, 1)
  const data = datasetOf(["a", "b", "noise"], train.rows, train.targets)
  const result = trainSurrogate(data, "y", options, { kind: _kind })
  const test = sample(300, 2)
  const matrix = matrixOf(test.rows)

  it(`learns exp(a + b / 2) on held-out rows: MAPE under ${mapeLimit} %, Kendall tau over 0.9`, () => {
    const agreement = agreementOf(test.targets, result.surrogate.predictMany(matrix, test.rows.length))
    expect(agreement.mape).toBeLessThan(mapeLimit)
    expect(agreement.kendallTau).toBeGreaterThan(0.9)
    expect(result.surrogate.logTarget).toBe(true)
  })

  it("saves to JSON and loads a surrogate that predicts identically", () => {
    const loaded = surrogateFromJson(JSON.parse(JSON.stringify(result.surrogate.toJSON())))
    expect(Array.from(loaded.predictMany(matrix, test.rows.length))).toEqual(
      Array.from(result.surrogate.predictMany(matrix, test.rows.length)),
    )
    expect(loaded.meta).toEqual({ kind: _kind })
  })

  it("is deterministic for a seed", () => {
    const again = trainSurrogate(data, "y", options, { kind: _kind })
    expect(JSON.stringify(again.surrogate.toJSON())).toBe(JSON.stringify(result.surrogate.toJSON()))
  })
})

describe("regression trees", () => {
  it("split a step function once, at the midpoint between the two sides", () => {
    // y = 1 for x <= 3, 5 for x >= 4: one split at 3.5 explains everything; leaves hold the means.
    const xs = [1, 2, 3, 4, 5, 6]
    const data = datasetOf(
      ["x"],
      xs.map((x) => Float64Array.of(x)),
      xs.map((x) => (x <= 3 ? 1 : 5)),
    )
    const { surrogate } = trainSurrogate(data, "y", {
      model: "rf",
      seed: 1,
      validationFraction: 0,
      logTarget: false,
      rf: { trees: 1, minLeaf: 1 },
    })
    const forest = surrogate.toJSON().parameters as { feature: number[]; threshold: number[] }
    // A bootstrap sample may miss one side; the predictions are then the side's values or the mean.
    expect(forest.feature[0] === -1 || forest.threshold[0] === 3.5 || forest.threshold[0] === 2.5 || forest.threshold[0] === 4.5).toBe(true)
    const gbt = trainSurrogate(data, "y", {
      model: "gbt",
      seed: 1,
      validationFraction: 0,
      logTarget: false,
      gbt: { trees: 1, learningRate: 1, subsample: 1, featureFraction: 1, minLeaf: 1 },
    })
    const tree = gbt.surrogate.toJSON().parameters as { feature: number[]; threshold: number[]; base: number; value: number[] }
    expect(tree.base).toBe(3)
    expect(tree.feature[0]).toBe(0)
    expect(tree.threshold[0]).toBe(3.5)
    expect(gbt.surrogate.predict(Float64Array.of(2))).toBe(1)
    expect(gbt.surrogate.predict(Float64Array.of(5.5))).toBe(5)
  })
})

describe("training input checks", () => {
  const data = datasetOf(["x"], [Float64Array.of(1), Float64Array.of(2), Float64Array.of(3)], [1, -2, 3])
  it("names the field and value", () => {
    expect(() => trainSurrogate(data, "y", { model: "svm" as ModelKind, seed: 1 })).toThrow(
      'model: expected one of gbt, rf, mlp, gp, got "svm"',
    )
    expect(() => trainSurrogate(data, "y", { model: "gbt", seed: 1, validationFraction: 1.5 })).toThrow(
      "validationFraction: expected a number in [0, 1), got 1.5",
    )
    expect(() => trainSurrogate(data, "y", { model: "gbt", seed: 1, logTarget: true })).toThrow("logTarget: true needs every target > 0")
    expect(() => datasetOf(["x"], [Float64Array.of(Number.NaN)], [1])).toThrow('rows[0] feature "x": expected a finite number, got NaN')
    expect(() => datasetOf(["x", "x"], [], [])).toThrow('featureNames: the name "x" appears twice')
  })
})

describe("the complete-tree layout", () => {
  it("predicts exactly what the node layout predicts, row by row and in batches", () => {
    const train = sample(800, 5)
    const data = datasetOf(["a", "b", "noise"], train.rows, train.targets)
    const { surrogate } = trainSurrogate(data, "y", { model: "gbt", seed: 2, logTarget: false, gbt: { trees: 50, maxDepth: 5 } })
    const forest = surrogate.toJSON().parameters as unknown as Forest
    const nodes: Forest = {
      base: forest.base,
      roots: Int32Array.from(forest.roots),
      feature: Int32Array.from(forest.feature),
      threshold: Float64Array.from(forest.threshold),
      left: Int32Array.from(forest.left),
      right: Int32Array.from(forest.right),
      value: Float64Array.from(forest.value),
    }
    const test = sample(37, 6)
    const matrix = matrixOf(test.rows)
    const batch = surrogate.predictMany(matrix, 37)
    for (let i = 0; i < 37; i++) {
      const byNodes = predictForest(nodes, matrix, i * 3)
      expect(surrogate.predict(matrix, i * 3)).toBe(byNodes)
      expect(batch[i]).toBe(byNodes)
    }
  })
})
