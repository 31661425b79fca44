import { complete, createAgingEvolution, type Optimizer, runOptimization, screenOrder } from "@cosearch/optimize"
import { describe, expect, it } from "vitest"
import { nearestPredictor } from "./nearest-predictor.js"
import { boundedSphere, boundedSphereOutcome, gridSpace, sphere, sumDeficit } from "./problems.js"

/** The number of evaluations until the history first holds a feasible trial at or below `target`. */
const evaluationsToReach = (optimizer: Optimizer, target: number): number => {
  const index = optimizer.history.findIndex(
    (trial) =>
      trial.state === "complete" && (trial.constraints ?? []).every((value) => value <= 0) && (trial.values?.[0] as number) <= target,
  )
  return index < 0 ? Number.POSITIVE_INFINITY : index + 1
}

const seeds = [0, 1, 2, 3, 4]
const evolution = { population: 10, sampleSize: 3 }

describe("screenOrder", () => {
  it("puts predicted-feasible candidates first, then orders by the objective, then by proposal order", () => {
    const order = screenOrder({ objectives: [Float64Array.of(5, 1, 2, 1, 0)], constraints: [Float64Array.of(0, -1, -3, -2, 4)] }, 5)
    expect(order).toEqual([1, 3, 2, 0, 4])
  })

  it("ranks several objectives by the sum of their ranks", () => {
    // ranks in the first objective: 0, 1, 2; in the second: 2, 0, 1; sums 2, 1, 3
    expect(screenOrder({ objectives: [Float64Array.of(1, 2, 3), Float64Array.of(9, 7, 8)] }, 3)).toEqual([1, 0, 2])
  })
})

describe("surrogate-screened evolution", () => {
  it("reaches the sphere's optimum (0 at 3, 7, 2, 8) in fewer evaluations than plain evolution, for every seed", () => {
    const evaluate = (config: Parameters<typeof sphere>[0]) => complete([sphere(config)])
    for (const seed of seeds) {
      const plain = createAgingEvolution(gridSpace, { ...evolution, seed })
      const screened = createAgingEvolution(gridSpace, { ...evolution, seed, screen: { predictor: nearestPredictor(3), candidates: 8 } })
      runOptimization(plain, evaluate, { budget: 400, batch: 4 })
      runOptimization(screened, evaluate, { budget: 400, batch: 4 })
      expect(evaluationsToReach(screened, 0)).toBeLessThan(evaluationsToReach(plain, 0))
    }
  })

  it("with the constraint predicted, reaches the bounded sphere's optimum (73) sooner than plain evolution over the seeds", () => {
    // boundedSphere's optimum under a + b + c + d >= 29 is 73 (see problems.ts).
    expect(boundedSphere({ a: 7, b: 7, c: 7, d: 8 })).toBe(73)
    expect(sumDeficit({ a: 7, b: 7, c: 7, d: 8 })).toBe(0)
    let plainTotal = 0
    let screenedTotal = 0
    for (const seed of seeds) {
      const plain = createAgingEvolution(gridSpace, { ...evolution, seed })
      const screened = createAgingEvolution(gridSpace, { ...evolution, seed, screen: { predictor: nearestPredictor(3), candidates: 8 } })
      runOptimization(plain, boundedSphereOutcome, { budget: 600, batch: 4 })
      runOptimization(screened, boundedSphereOutcome, { budget: 600, batch: 4 })
      plainTotal += Math.min(600, evaluationsToReach(plain, 73))
      screenedTotal += Math.min(600, evaluationsToReach(screened, 73))
    }
    expect(screenedTotal).toBeLessThan(plainTotal)
  })

  it("hands out the unscreened proposals while the predictor cannot predict", () => {
    const plain = createAgingEvolution(gridSpace, { ...evolution, seed: 5 })
    const screened = createAgingEvolution(gridSpace, { ...evolution, seed: 5, screen: { predictor: nearestPredictor(50), candidates: 8 } })
    expect(screened.ask(4)).toEqual(plain.ask(4))
  })
})
