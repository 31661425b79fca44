import type { AcceleratorUnit } from "@cosearch/accelerator"
import { acceleratorKinds, costOn } from "@cosearch/cost"
import { areaEvaluator, clearNetworkCache, costEvaluator, type Evaluation, lookupSpace, networkCacheStats } from "@cosearch/engine"
import { analyzeNetworkOrThrow } from "@cosearch/network"
import { sampleMany } from "@cosearch/space"
import { describe, expect, it } from "vitest"

const entryOf = (name: string) => {
  const found = lookupSpace(name)
  if (!found.ok) throw new Error(found.message)
  return found.entry
}

const contextOf = (name: string) => {
  const entry = entryOf(name)
  return { space: entry.space, entry, baseDirectory: "." }
}

describe("the engine's evaluators on every accelerator kind", () => {
  it("take every preset of every kind in the cost evaluator, with the figures of costOn", async () => {
    const context = contextOf("nb201")
    const [configuration] = sampleMany(context.space, 1, "kinds-presets")
    if (configuration === undefined) throw new Error("no sample")
    const entry = context.entry
    const decoded = entry.decode(configuration)
    if (decoded.kind !== "network") throw new Error("not a network")
    const network = analyzeNetworkOrThrow(decoded.network)
    for (const name of acceleratorKinds.presetNames) {
      const settings = { kind: "cost" as const, accelerator: name }
      expect(await costEvaluator.check(settings, context), name).toEqual([])
      const evaluation: Evaluation = await (await costEvaluator.create(settings, context))({ study: "s", number: 0, configuration })
      const result = costOn(acceleratorKinds.preset(name) as AcceleratorUnit, network)
      if (result.feasible) {
        const { latencyMs, energyMj, areaMm2, utilization, cycles, macs } = result.totals
        expect(evaluation, name).toEqual({ metrics: { latencyMs, energyMj, areaMm2, utilization, cycles, macs } })
      } else expect(evaluation.infeasible, name).toContain(`layer ${result.failure.layer}: ${result.failure.reason}`)
    }
  })

  it("refuses an unknown preset, listing the registry's", async () => {
    const issues = await costEvaluator.check({ kind: "cost", accelerator: "tpu-v9" }, contextOf("nb201"))
    expect(issues[0]?.message).toBe(
      `expected an accelerator preset, got "tpu-v9"; the presets are ${acceleratorKinds.presetNames.join(", ")}`,
    )
  })

  it("cost and measure the IMAC kind's knob space", async () => {
    const context = contextOf("imac-knobs")
    expect(await costEvaluator.check({ kind: "cost", network: "ffnn:256-256-10" }, context)).toEqual([])
    expect(await areaEvaluator.check({ kind: "area" }, context)).toEqual([])
    const cost = await costEvaluator.create({ kind: "cost", network: "ffnn:256-256-10" }, context)
    const area = await areaEvaluator.create({ kind: "area" }, context)
    for (const configuration of sampleMany(context.space, 10, "kinds-imac")) {
      const evaluation = await cost({ study: "s", number: 0, configuration })
      const measured = await area({ study: "s", number: 0, configuration })
      if (evaluation.infeasible === undefined) expect(evaluation.metrics.areaMm2).toBe(measured.metrics.areaMm2)
      else expect(evaluation.infeasible).toMatch(/crossbar-capacity/)
    }
  })

  it("analyze a joint space's network part once per distinct network, whatever the accelerator", async () => {
    const context = contextOf("nb201-edgetpu")
    const evaluate = await costEvaluator.create({ kind: "cost" }, context)
    const [first, second] = sampleMany(context.space, 2, "kinds-cache")
    if (first === undefined || second === undefined) throw new Error("no samples")
    // The same cell with the other sample's knobs: the network part repeats.
    const sameCell = { ...second, ...Object.fromEntries(Object.entries(first).filter(([name]) => name.startsWith("nn."))) }
    clearNetworkCache()
    await evaluate({ study: "s", number: 0, configuration: first })
    await evaluate({ study: "s", number: 1, configuration: sameCell })
    await evaluate({ study: "s", number: 2, configuration: first })
    expect(networkCacheStats()).toMatchObject({ hits: 2, misses: 1, size: 1 })
  })
})
