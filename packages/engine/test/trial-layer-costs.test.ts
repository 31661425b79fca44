import { readFileSync } from "node:fs"
import { join } from "node:path"
import { costEvaluator, lookupSpace, trialLayerCosts } from "@cosearch/engine"
import { sampleMany } from "@cosearch/space"
import { describe, expect, it } from "vitest"

const experiments = join(import.meta.dirname, "../../../experiments")
const quickstart = JSON.parse(readFileSync(join(experiments, "quickstart.json"), "utf8"))

describe("trialLayerCosts", () => {
  it("re-runs a trial of a composite experiment's cost evaluator layer by layer, with the totals the evaluator reported", async () => {
    const found = lookupSpace("nb201-edgetpu")
    if (!found.ok) throw new Error(found.message)
    const context = { space: found.entry.space, entry: found.entry, baseDirectory: experiments }
    const evaluate = await costEvaluator.create({ kind: "cost" }, context)
    let checked = 0
    for (const configuration of sampleMany(found.entry.space, 6, "layer-costs")) {
      const costs = trialLayerCosts(quickstart, configuration, experiments)
      if (!costs.ok) throw new Error(costs.message)
      const evaluation = await evaluate({ study: "quickstart", number: 0, configuration })
      expect(costs.feasible).toBe(evaluation.infeasible === undefined)
      if (!costs.feasible) continue
      checked++
      expect(costs.kind).toBe("edgetpu")
      expect(costs.layers.length).toBeGreaterThan(3)
      const cycles = costs.layers.reduce((sum, layer) => sum + (layer.cycles ?? 0), 0)
      expect(cycles).toBeGreaterThan(0)
      expect(cycles).toBeLessThanOrEqual((evaluation.metrics.cycles as number) * (1 + 1e-9))
      for (const layer of costs.layers) expect(typeof layer.name).toBe("string")
    }
    expect(checked).toBeGreaterThan(0)
  })

  it("runs a plain cost evaluator with a fixed network and preset", () => {
    const config = { space: "nb201", evaluator: { kind: "cost", network: "ffnn:64-32-10", accelerator: "eyeriss-v1-like" } }
    const found = lookupSpace("nb201")
    if (!found.ok) throw new Error(found.message)
    const [configuration] = sampleMany(found.entry.space, 1, "fixed")
    const costs = trialLayerCosts(config, configuration ?? {}, ".")
    if (!costs.ok) throw new Error(costs.message)
    expect(costs.layers.map((layer) => layer.name).length).toBeGreaterThanOrEqual(2)
    expect(costs.layers.every((layer) => layer.accesses !== null)).toBe(true)
  })

  it("says why when there is no cost evaluator or the space is unknown", () => {
    expect(trialLayerCosts({ space: "nb201", evaluator: { kind: "nb201-table" } }, {}, ".")).toEqual({
      ok: false,
      message: "the experiment has no cost evaluator",
    })
    const unknown = trialLayerCosts({ space: "nope", evaluator: { kind: "cost", accelerator: "coral" } }, {}, ".")
    expect(unknown.ok).toBe(false)
    if (!unknown.ok) expect(unknown.message).toContain("nope")
  })
})
