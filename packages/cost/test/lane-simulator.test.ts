import { describe, expect, it } from "vitest"
import { laneHierarchies, random, randomMapping, randomNest, tinyNest } from "./loopnest-simulator.js"
import { expectSimulatedAccesses, expectSimulatedCounts } from "./simulator-agreement.js"

describe("two nested fan-outs (PEs, then each PE's lanes): evaluateMapping equals the brute-force simulation", () => {
  for (const accelerator of laneHierarchies) {
    it(`random tiny layers and mappings on ${accelerator.name}`, () => {
      const next = random(accelerator.name.length * 104729 + 3)
      let compared = 0
      let spreadOverLanes = 0
      for (let trial = 0; trial < 60; trial++) {
        const nest = randomNest(next, trial)
        const cost = expectSimulatedCounts(nest, accelerator, randomMapping(nest, accelerator, next))
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
          expectSimulatedAccesses(nest, accelerator, randomMapping(nest, accelerator, next))
        }
      }
    }
  })
})
