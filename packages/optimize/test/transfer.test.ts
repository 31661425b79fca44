import {
  complete,
  finishedTrial,
  type Optimizer,
  runOptimization,
  type TrialProposal,
  type TrialResult,
  type WarmStart,
} from "@cosearch/optimize"
import type { Configuration } from "@cosearch/space"
import { describe, expect, it } from "vitest"
import { type Maker, makers } from "./makers.js"
import { allConfigurations, boundedSphere, gridSpace } from "./problems.js"

// Transfer across constraint budgets: a previous study minimized the sphere around (3, 3, 3, 3)
// subject to a + b + c + d >= 25; the new one needs a + b + c + d >= 29, whose optimum is 73.
const total = (config: Configuration): number => ["a", "b", "c", "d"].reduce((sum, name) => sum + (config[name] as number), 0)
const study =
  (minimum: number) =>
  (config: Configuration): TrialResult =>
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
    const proposal = optimizer.ask(1)[0] as TrialProposal
    const config = proposal.params
    optimizer.tell([finishedTrial(optimizer.history.length, proposal, evaluate(config))])
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
    expect(previous.history.some((trial) => total(trial.params) >= 29 && boundedSphere(trial.params) === 73)).toBe(false)
  })

  it.each(["gp-bo", "p3bo"])("%s (a GP prior on the old trials) reaches the new optimum in under half the evaluations", (name) => {
    expect(meanEvaluations(name, [0, 1], true)).toBeLessThan(meanEvaluations(name, [0, 1], false) / 2)
  })

  it("aging evolution (a seeded population) reaches it sooner", () => {
    expect(meanEvaluations("evolution", [0, 1, 2, 3], true)).toBeLessThan(meanEvaluations("evolution", [0, 1, 2, 3], false))
  })
})

// Transfer across area budgets, as in the accelerator bench: "area" a·b + c·d, a speed that wants
// large products, and a tighter budget whose optimum is one configuration the old study never saw.
const area = (config: Configuration): number => (config.a as number) * (config.b as number) + (config.c as number) * (config.d as number)
const latency = (config: Configuration): number => {
  const [a, b, c, d] = ["a", "b", "c", "d"].map((name) => config[name] as number) as [number, number, number, number]
  return 1000 / (1 + 2 * a * b + c * d + a + c)
}
const areaStudy =
  (budget: number) =>
  (config: Configuration): TrialResult =>
    complete([latency(config)], [area(config) - budget])
const tightOptimum = Math.min(
  ...allConfigurations(gridSpace)
    .filter((config) => area(config) <= 40)
    .map(latency),
)
const looseStudy = makers.evolution?.(gridSpace, { seed: 100 }) as Optimizer
runOptimization(looseStudy, areaStudy(90), { budget: 60 })

/** Evaluations until the tight optimum is evaluated (budget + 1 when it never is). */
const evaluationsToTightOptimum = (optimizer: Optimizer, budget: number): number => {
  const evaluate = areaStudy(40)
  for (let spent = 1; spent <= budget; spent++) {
    const proposal = optimizer.ask(1)[0] as TrialProposal
    const config = proposal.params
    optimizer.tell([finishedTrial(optimizer.history.length, proposal, evaluate(config))])
    if (area(config) <= 40 && latency(config) === tightOptimum) return spent
  }
  return budget + 1
}

const meanToTightOptimum = (warmStart: WarmStart | undefined): number => {
  const seeds = [0, 1, 2, 3, 4, 5]
  const counts = seeds.map((seed) =>
    evaluationsToTightOptimum((makers.evolution as Maker)(gridSpace, warmStart === undefined ? { seed } : { seed, warmStart }), 3000),
  )
  return counts.reduce((sum, count) => sum + count, 0) / counts.length
}

describe("a warm-started evolution screening its mutants with the old trials' models", () => {
  it("the tight optimum is one configuration, (10, 4, 10, 0) at 1000 / 101, and the old study did not evaluate it", () => {
    // By hand: with a·b + c·d <= 40 the denominator 1 + 2ab + cd + a + c is largest at ab = 40, a = c = 10, d = 0.
    const optima = allConfigurations(gridSpace).filter((config) => area(config) <= 40 && latency(config) === tightOptimum)
    expect(tightOptimum).toBeCloseTo(1000 / 101, 12)
    expect(optima).toEqual([{ a: 10, b: 4, c: 10, d: 0 }])
    expect(looseStudy.history.some((trial) => area(trial.params) <= 40 && latency(trial.params) === tightOptimum)).toBe(false)
  })

  it("reaches it in under half the evaluations of a scratch evolution and of a seeded population alone", () => {
    const screened = meanToTightOptimum({ trials: looseStudy.history })
    expect(screened).toBeLessThan(meanToTightOptimum(undefined) / 2)
    expect(screened).toBeLessThan(meanToTightOptimum({ trials: looseStudy.history, screen: 1 }) / 2)
  })
})
