import { evaluateMapping, type MappingCost, validateMapping } from "@cosearch/cost"
import { describe, expect, it } from "vitest"
import { laneHierarchies, random, randomMapping, randomNest, simulateMapping, tinyNest } from "./loopnest-simulator.js"

const operandNames = ["weights", "inputs", "outputs"] as const

/** The model's counts as the simulator reports them: per level, per operand. */
const counts = (cost: MappingCost, kind: "reads" | "writes"): number[][] =>
  cost.levels.map((level) => operandNames.map((operand) => level[kind][operand]))

describe("two nested fan-outs (PEs, then each PE's lanes): evaluateMapping equals the brute-force simulation", () => {
  for (const accelerator of laneHierarchies) {
    it(`random tiny layers and mappings on ${accelerator.name}`, () => {
      const next = random(accelerator.name.length * 104729 + 3)
      let compared = 0
      let spreadOverLanes = 0
      for (let trial = 0; trial < 60; trial++) {
        const nest = randomNest(next, trial)
        const mapping = randomMapping(nest, accelerator, next)
        expect(validateMapping(nest, accelerator, mapping)).toEqual([])
        const cost = evaluateMapping(nest, accelerator, mapping)
        if (!cost.feasible) throw new Error(cost.message)
        const simulated = simulateMapping(nest, accelerator, mapping)
        const context = JSON.stringify({
          nest: [nest.N, nest.G, nest.K, nest.C, nest.P, nest.Q, nest.R, nest.S, nest.strideH, nest.dilationH],
          mapping,
        })
        expect({ context, reads: counts(cost, "reads") }).toEqual({ context, reads: simulated.reads })
        expect({ context, writes: counts(cost, "writes") }).toEqual({ context, writes: simulated.writes })
        expect({ context, network: cost.networkTransfers }).toEqual({ context, network: simulated.network })
        expect(cost.macs).toBe(simulated.macs)
        expect(cost.computeCycles).toBe(simulated.steps)
        if ((cost.usedLanes ?? 1) > 1) spreadOverLanes++
        compared++
      }
      expect(compared).toBe(60)
      // Many random mappings use more than one lane (9 to 31 of the 60, by hierarchy).
      expect(spreadOverLanes).toBeGreaterThan(5)
    })
  }

  it("stride 2, dilation 2, depthwise and grouped layers on every two-fan-out hierarchy, with random mappings", () => {
    const nests = [
      tinyNest({ K: 2, C: 2, P: 3, Q: 2, R: 3, S: 2, stride: 2 }),
      tinyNest({ K: 2, C: 2, P: 2, Q: 3, R: 2, S: 3, dilation: 2 }),
      tinyNest({ G: 4, P: 4, Q: 2, R: 3, S: 3 }),
      tinyNest({ N: 2, G: 2, K: 2, C: 3, P: 2, Q: 2, R: 2, S: 1, stride: 2, dilation: 2 }),
    ]
    const next = random(4049)
    for (const accelerator of laneHierarchies) {
      for (const nest of nests) {
        for (let trial = 0; trial < 10; trial++) {
          const mapping = randomMapping(nest, accelerator, next)
          const cost = evaluateMapping(nest, accelerator, mapping)
          if (!cost.feasible) throw new Error(cost.message)
          const simulated = simulateMapping(nest, accelerator, mapping)
          expect(counts(cost, "reads")).toEqual(simulated.reads)
          expect(counts(cost, "writes")).toEqual(simulated.writes)
          expect(cost.networkTransfers).toBe(simulated.network)
        }
      }
    }
  })
})
