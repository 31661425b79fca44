import {
  bestTrial,
  complete,
  createGpBo,
  createP3bo,
  hypervolume2d,
  type Optimizer,
  paretoFront,
  runOptimization,
} from "@cosearch/optimize"
import { createRandom } from "@cosearch/space"
import { describe, expect, it } from "vitest"
import { makers } from "./makers.js"
import { allConfigurations, branin, braninSpace, expectedMinimum, gridSpace, sphere, zdt1, zdtSpace } from "./problems.js"

const BRANIN_MINIMUM = 0.397887

// Random search's expected best of 30 Branin evaluations, by Monte Carlo over 4,000 independent
// runs drawn directly (no optimizer involved).
const randomBraninExpectation = (() => {
  const rng = createRandom("branin-reference")
  let total = 0
  for (let run = 0; run < 4000; run++) {
    let best = Infinity
    for (let draw = 0; draw < 30; draw++) best = Math.min(best, branin({ x1: -5 + 15 * rng(), x2: 15 * rng() }))
    total += best
  }
  return total / 4000
})()

const meanBest = (make: (seed: number) => Optimizer, f: (config: Record<string, unknown>) => number, budget: number, batch = 1): number => {
  let total = 0
  for (const seed of [0, 1, 2]) {
    const optimizer = make(seed)
    runOptimization(optimizer, (config) => complete([f(config)]), { budget, batch })
    total += f(bestTrial(["minimize"], optimizer.history)?.params ?? {})
  }
  return total / 3
}

describe("GP-BO and P3BO beat random search", () => {
  it("random search's expected best on Branin after 30 evaluations is about 2.1", () => {
    expect(randomBraninExpectation).toBeGreaterThan(1.8)
    expect(randomBraninExpectation).toBeLessThan(2.5)
  })

  it.each(["gp-bo", "gp-bo-ucb"])("%s on Branin (floats): a quarter of random search's gap to 0.397887 in 30 evaluations", (name) => {
    const make = makers[name] as (typeof makers)[string]
    const best = meanBest((seed) => make(braninSpace, { seed }), branin as never, 30)
    expect(best - BRANIN_MINIMUM).toBeLessThan((randomBraninExpectation - BRANIN_MINIMUM) / 4)
  })

  const randomGrid = expectedMinimum(allConfigurations(gridSpace).map(sphere), 40)
  it.each(["gp-bo", "gp-bo-ucb", "p3bo"])("%s on the grid sphere: under a third of random search's exact expected best in 40", (name) => {
    const make = makers[name] as (typeof makers)[string]
    expect(meanBest((seed) => make(gridSpace, { seed }), sphere as never, 40)).toBeLessThan(randomGrid / 3)
  })

  it.each(["kriging-believer", "constant-liar"] as const)("GP-BO with batches of 4 by %s still beats random search", (batch) => {
    const make = (seed: number) => createGpBo(gridSpace, { seed, batch, initial: 8 })
    expect(meanBest(make, sphere as never, 40, 4)).toBeLessThan(randomGrid / 3)
  })

  it("GP-BO with two objectives (ParEGO scalarization) beats random search's hypervolume on ZDT1", () => {
    const space = zdtSpace(3)
    const directions = ["minimize", "minimize"] as const
    const hypervolume = (optimizer: Optimizer): number => {
      runOptimization(optimizer, (config) => complete(zdt1(config)), { budget: 40 })
      return hypervolume2d(
        paretoFront(directions, optimizer.history).map((trial) => trial.values as [number, number]),
        [1, 1],
      )
    }
    const gp = hypervolume(createGpBo(space, { directions, seed: 0, initial: 10 }))
    const random = hypervolume(makers.random?.(space, { directions, seed: 0 }) as Optimizer)
    expect(gp).toBeGreaterThan(random + 0.1)
  })

  it("P3BO credits its members: every suggestion names the member that made it", () => {
    const optimizer = createP3bo(gridSpace, { seed: 0 })
    runOptimization(optimizer, (config) => complete([sphere(config)]), { budget: 30, batch: 3 })
    const origins = new Set(optimizer.history.map((trial) => trial.origin))
    expect([...origins].every((origin) => ["evolution", "gp-bo", "gp-bo-ucb"].includes(origin))).toBe(true)
    expect(origins.size).toBeGreaterThan(1)
  })
})
