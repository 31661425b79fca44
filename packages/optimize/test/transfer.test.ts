import { complete, type Optimizer, type Outcome, runOptimization } from "@cosearch/optimize"
import type { Configuration } from "@cosearch/space"
import { describe, expect, it } from "vitest"
import { makers } from "./makers.js"
import { allConfigurations, boundedSphere, gridSpace } from "./problems.js"

// Transfer across constraint budgets: a previous study minimised the sphere around (3, 3, 3, 3)
// subject to a + b + c + d >= 25; the new one needs a + b + c + d >= 29, whose optimum is 73.
const total = (config: Configuration): number => ["a", "b", "c", "d"].reduce((sum, name) => sum + (config[name] as number), 0)
const study =
  (minimum: number) =>
  (config: Configuration): Outcome =>
    complete([boundedSphere(config)], [minimum - total(config)])
const newOptimum = Math.min(
  ...allConfigurations(gridSpace)
    .filter((config) => total(config) >= 29)
    .map(boundedSphere),
)

const previous = makers["gp-bo"]?.(gridSpace, { seed: 100 }) as Optimizer
runOptimization(previous, study(25), { budget: 60 })
const warmStart = { trials: previous.history }

/** Evaluations until the new optimum is evaluated (budget + 1 when it never is). */
const evaluationsToOptimum = (optimizer: Optimizer, budget: number): number => {
  const evaluate = study(29)
  for (let spent = 1; spent <= budget; spent++) {
    const suggestions = optimizer.ask(1)
    const outcome = evaluate((suggestions[0] as (typeof suggestions)[0]).configuration)
    optimizer.tell(suggestions.map((suggestion) => ({ ...suggestion, outcome })))
    const config = (suggestions[0] as (typeof suggestions)[0]).configuration
    if (total(config) >= 29 && boundedSphere(config) === newOptimum) return spent
  }
  return budget + 1
}

const meanEvaluations = (name: string, seeds: readonly number[], transfer: boolean): number => {
  const make = makers[name] as (typeof makers)[string]
  const counts = seeds.map((seed) => evaluationsToOptimum(make(gridSpace, transfer ? { seed, warmStart } : { seed }), 200))
  return counts.reduce((sum, count) => sum + count, 0) / counts.length
}

describe("warm starts from a study under another constraint budget", () => {
  it("the new optimum is 73 and the previous study did not evaluate it", () => {
    expect(newOptimum).toBe(73)
    expect(previous.history.some((trial) => total(trial.configuration) >= 29 && boundedSphere(trial.configuration) === 73)).toBe(false)
  })

  it.each(["gp-bo", "p3bo"])("%s (a GP prior on the old trials) reaches the new optimum in under half the evaluations", (name) => {
    expect(meanEvaluations(name, [0, 1], true)).toBeLessThan(meanEvaluations(name, [0, 1], false) / 2)
  })

  it("aging evolution (a seeded population) reaches it sooner", () => {
    expect(meanEvaluations("evolution", [0, 1, 2, 3], true)).toBeLessThan(meanEvaluations("evolution", [0, 1, 2, 3], false))
  })
})
