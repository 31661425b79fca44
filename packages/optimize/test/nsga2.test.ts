import { complete, createNsga2, createRandomSearch, hypervolume2d, type Optimizer, paretoFront, runOptimization } from "@cosearch/optimize"
import { describe, expect, it } from "vitest"
import { zdt1, zdt2, zdtSpace } from "./problems.js"

// ZDT1 and ZDT2 with 10 variables. Their Pareto fronts (g = 1, i.e. x_2..x_n = 0) are
// f2 = 1 - sqrt(f1) and f2 = 1 - f1^2 for f1 in [0, 1]. With the reference point (1, 1) the
// hypervolume of the whole front is the unit square minus the area under the front:
//   ZDT1: 1 - integral_0^1 (1 - sqrt x) dx = 1 - (1 - 2/3) = 2/3
//   ZDT2: 1 - integral_0^1 (1 - x^2) dx   = 1 - (1 - 1/3) = 1/3
// No finite set of points reaches these values; NSGA-II is held to a fraction of them.
const space = zdtSpace(10)
const directions = ["minimize", "minimize"] as const
const reference: [number, number] = [1, 1]

const hypervolumeAfter = (optimizer: Optimizer, f: typeof zdt1, budget: number): number => {
  runOptimization(optimizer, (config) => complete(f(config)), { budget, batch: 40 })
  const front = paretoFront(directions, optimizer.history)
  return hypervolume2d(
    front.map((trial) => trial.values as [number, number]),
    reference,
  )
}

describe.each([
  ["ZDT1", zdt1, 2 / 3, 0.95],
  ["ZDT2", zdt2, 1 / 3, 0.85],
] as const)("NSGA-II on %s (10 variables, 4,000 evaluations)", (_, f, optimum, fraction) => {
  it(`reaches ${fraction * 100}% of the front's hypervolume ${optimum.toFixed(4)}, where random search reaches almost none`, () => {
    for (const seed of [0, 1]) {
      const nsga2 = hypervolumeAfter(createNsga2(space, { directions, seed, population: 40 }), f, 4000)
      expect(nsga2).toBeGreaterThan(fraction * optimum)
      expect(nsga2).toBeLessThan(optimum)
    }
    expect(hypervolumeAfter(createRandomSearch(space, { directions, seed: 0 }), f, 4000)).toBeLessThan(0.05)
  })
})
