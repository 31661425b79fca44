import { bestTrial, runOptimization } from "@cosearch/optimize"
import { describe, expect, it } from "vitest"
import { improvers, makers } from "./makers.js"
import {
  allConfigurations,
  boundedSphere,
  boundedSphereBinary,
  boundedSphereOutcome,
  expectedMinimum,
  gridSpace,
  sumDeficit,
} from "./problems.js"

// The bounded sphere: minimize sum (x - 3)^2 on the 11^4 grid subject to a + b + c + d >= 29.
const grid = allConfigurations(gridSpace)
const feasibleValues = grid.filter((config) => sumDeficit(config) <= 0).map(boundedSphere)
const optimum = Math.min(...feasibleValues)
const worst = Math.max(...feasibleValues)
const budget = 150
// Random search's exact expected best, counting an infeasible draw as the worst feasible value
// (an upper bound on what it reports; it finds no feasible point with probability 0.9^150 ~ 1e-7).
const randomExpectation = expectedMinimum(
  grid.map((config) => (sumDeficit(config) <= 0 ? boundedSphere(config) : worst)),
  budget,
)

describe("a problem where 90% of the space is infeasible", () => {
  it("is one: about 10% feasible, the feasible optimum 73 at (7, 7, 7, 8), random search expects about 80", () => {
    expect(feasibleValues.length / grid.length).toBeGreaterThan(0.09)
    expect(feasibleValues.length / grid.length).toBeLessThan(0.11)
    expect(optimum).toBe(73)
    expect(randomExpectation).toBeGreaterThan(79)
  })

  const reports = { "constraint values": boundedSphereOutcome, "bare infeasible states": boundedSphereBinary }
  describe.each(Object.entries(reports))("reported as %s", (_, evaluate) => {
    it.each(improvers)(`%s finds feasible optima in ${budget} evaluations, better than random search`, (name) => {
      const make = makers[name] as (typeof makers)[string]
      const bests = [0, 1].map((seed) => {
        const optimizer = make(gridSpace, { seed })
        runOptimization(optimizer, evaluate, { budget })
        const best = bestTrial(["minimize"], optimizer.history)
        expect(best).toBeDefined()
        return boundedSphere(best?.params ?? {})
      })
      const mean = (bests[0] as number) / 2 + (bests[1] as number) / 2
      expect(Math.min(...bests)).toBeLessThanOrEqual(optimum + 2)
      expect(mean).toBeLessThanOrEqual(optimum + 6)
      expect(mean).toBeLessThan(randomExpectation)
    })
  })
})
