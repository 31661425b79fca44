import { createRandom } from "@cosearch/space"
import { describe, expect, it } from "vitest"
import { agreementOf, datasetOf, SurrogateFormatError, surrogateFromJson, trainSurrogate } from "../src/index.js"

/** y = 2 + 3 a + b², a and b uniform on [0, 1], plus a feature that does not matter. */
const sampleRows = (n: number, seed: number) => {
  const random = createRandom(seed)
  const rows = Array.from({ length: n }, () => Float64Array.of(random(), random(), random()))
  return { rows, targets: rows.map((row) => 2 + 3 * (row[0] as number) + (row[1] as number) ** 2) }
}

describe("gradient-boosted trees", () => {
  const train = sampleRows(2000, 1)
  const data = datasetOf(["a", "b", "noise"], train.rows, train.targets)
  const result = trainSurrogate(data, "y", { model: "gbt", seed: 7 }, { source: "test" })

  it("learns a smooth function: held-out MAPE under 2 % and Kendall tau over 0.95", () => {
    const test = sampleRows(500, 2)
    const predicted = test.rows.map((row) => result.surrogate.predict(row))
    const agreement = agreementOf(test.targets, predicted)
    expect(agreement.mape).toBeLessThan(2)
    expect(agreement.kendallTau).toBeGreaterThan(0.95)
    expect(result.validation.rows).toBe(200)
    expect(result.epochs).toBeGreaterThan(10)
  })

  it("saves to JSON and loads a surrogate that predicts identically, meta included", () => {
    const text = JSON.stringify(result.surrogate.toJSON())
    const loaded = surrogateFromJson(JSON.parse(text))
    const test = sampleRows(200, 3)
    const matrix = new Float64Array(200 * 3)
    for (const [i, row] of test.rows.entries()) matrix.set(row, i * 3)
    expect(Array.from(loaded.predictMany(matrix, 200))).toEqual(Array.from(result.surrogate.predictMany(matrix, 200)))
    expect(loaded.meta).toEqual({ source: "test" })
    expect(loaded.featureNames).toEqual(["a", "b", "noise"])
  })

  it("is deterministic for a seed", () => {
    const again = trainSurrogate(data, "y", { model: "gbt", seed: 7 }, { source: "test" })
    expect(JSON.stringify(again.surrogate.toJSON())).toBe(JSON.stringify(result.surrogate.toJSON()))
  })

  it("names the JSON path and value of a bad model file", () => {
    const json = result.surrogate.toJSON() as unknown as { parameters: { threshold: unknown[] } }
    const broken = { ...json, parameters: { ...json.parameters, threshold: ["x", ...json.parameters.threshold.slice(1)] } }
    expect(() => surrogateFromJson(broken)).toThrow(SurrogateFormatError)
    expect(() => surrogateFromJson(broken)).toThrow('$.parameters.threshold[0]: expected a finite number, got "x"')
    expect(() => surrogateFromJson({ ...json, model: "svm" })).toThrow('$.model: expected one of gbt, rf, mlp, gp, got "svm"')
  })
})
