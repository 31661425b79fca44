import { describe, expect, it } from "vitest"
import { hierarchies, random, randomMapping, randomNest, simulateMapping, tinyNest } from "./loopnest-simulator.js"
import { expectSimulatedAccesses, expectSimulatedCounts } from "./simulator-agreement.js"

describe("evaluateMapping equals a brute-force loop-nest simulation", () => {
  for (const accelerator of hierarchies) {
    it(`random tiny layers and mappings on ${accelerator.name}`, () => {
      const next = random(accelerator.name.length * 7919 + 17)
      let compared = 0
      for (let trial = 0; trial < 60; trial++) {
        const nest = randomNest(next, trial)
        expectSimulatedCounts(nest, accelerator, randomMapping(nest, accelerator, next))
        compared++
      }
      expect(compared).toBe(60)
    })
  }

  it("stride 2, dilation 2, depthwise and grouped layers on every hierarchy, with fixed mappings", () => {
    const nests = [
      tinyNest({ K: 2, C: 2, P: 3, Q: 2, R: 3, S: 2, stride: 2 }),
      tinyNest({ K: 2, C: 2, P: 2, Q: 3, R: 2, S: 3, dilation: 2 }),
      tinyNest({ G: 4, P: 4, Q: 2, R: 3, S: 3 }),
      tinyNest({ N: 2, G: 2, K: 2, C: 3, P: 2, Q: 2, R: 2, S: 1, stride: 2, dilation: 2 }),
    ]
    const next = random(2024)
    for (const accelerator of hierarchies) {
      for (const nest of nests) {
        for (let trial = 0; trial < 10; trial++) {
          expectSimulatedAccesses(nest, accelerator, randomMapping(nest, accelerator, next))
        }
      }
    }
  })

  it("telling tiles apart by the data they cover gives the same counts: multicast is by data", () => {
    // PEs on a diagonal of spatial P and R (Eyeriss's row-stationary diagonal) hold the same input
    // rows under different indices; the parent serves the union of what the PEs fetch, so keying
    // tiles by their coordinates instead of their indices changes nothing (docs/cost-model.md).
    const next = random(99)
    for (const accelerator of hierarchies) {
      for (let trial = 0; trial < 40; trial++) {
        const nest = randomNest(next, trial)
        const mapping = randomMapping(nest, accelerator, next)
        const byIndices = simulateMapping(nest, accelerator, mapping)
        const byData = simulateMapping(nest, accelerator, mapping, "coordinates")
        expect(byData.reads).toEqual(byIndices.reads)
        expect(byData.writes).toEqual(byIndices.writes)
        expect(byData.network).toBe(byIndices.network)
      }
    }
  })
})
