import {
  bestTrial,
  complete,
  createAgingEvolution,
  createNsga2,
  createRandomSearch,
  type Optimizer,
  runOptimization,
} from "@cosearch/optimize"
import { describe, expect, it } from "vitest"
import { allConfigurations, expectedMinimum, gridSpace, sphere } from "./problems.js"

const meanBest = (make: (seed: number) => Optimizer, budget: number, seeds: number): number => {
  let total = 0
  for (let seed = 0; seed < seeds; seed++) {
    const optimizer = make(seed)
    runOptimization(optimizer, (config) => complete([sphere(config)]), { budget })
    total += sphere(bestTrial(["minimize"], optimizer.history)?.params ?? {})
  }
  return total / seeds
}

describe("evolutions on the grid sphere (14,641 configurations, minimum 0)", () => {
  const exactRandom = expectedMinimum(allConfigurations(gridSpace).map(sphere), 80)

  it("random search matches the exact expected best of 80 draws without replacement", () => {
    expect(exactRandom).toBeCloseTo(5.5, 0)
    expect(meanBest((seed) => createRandomSearch(gridSpace, { seed }), 80, 40)).toBeCloseTo(exactRandom, 0)
  })

  it("aging evolution beats random search", () => {
    const best = meanBest((seed) => createAgingEvolution(gridSpace, { seed, population: 10, sampleSize: 3 }), 80, 8)
    expect(best).toBeLessThan(exactRandom / 2)
  })

  it("NSGA-II on one objective beats random search", () => {
    const best = meanBest((seed) => createNsga2(gridSpace, { seed, population: 10 }), 80, 8)
    expect(best).toBeLessThan(exactRandom / 2)
  })
})
