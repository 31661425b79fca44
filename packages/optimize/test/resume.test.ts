import { complete, failed, finishedTrial, infeasible, type Optimizer, optimizerNames, type TrialResult } from "@cosearch/optimize"
import type { Configuration } from "@cosearch/space"
import { describe, expect, it } from "vitest"
import { makers } from "./makers.js"
import { gridSpace, sphere } from "./problems.js"

// A problem with every kind of result: failures, bare infeasible reports, violated constraints.
const evaluate = (config: Configuration): TrialResult => {
  if (config.a === 0) return failed("crash")
  if (config.b === 10) return infeasible()
  return complete([sphere(config)], [(config.c as number) - 8])
}

// A registered optimizer reaches these suites through its line in makers.ts (small settings for
// the test budgets); one without a line would skip them silently. makers.ts also runs variants
// (a batch mode, screening) under names of their own.
describe("the behavioral suites", () => {
  it("run every registered optimizer", () => {
    expect(optimizerNames.filter((name) => makers[name] === undefined)).toEqual([])
  })
})

const round = (optimizer: Optimizer, n: number) => {
  const proposals = optimizer.ask(n)
  const first = optimizer.history.length
  optimizer.tell(proposals.map((proposal, k) => finishedTrial(first + k, proposal, evaluate(proposal.params))))
  return proposals
}

/**
 * Runs `rounds` asks, rebuilds the optimizer from its history (told at once and in chunks of 5:
 * the state depends on the order of the trials, not on how they came) and checks that the next
 * `after` asks of all three agree.
 */
const expectRebuildsExactly = (create: () => Optimizer, rounds: number, after: number): void => {
  const uninterrupted = create()
  for (let r = 0; r < rounds; r++) round(uninterrupted, r % 2 === 0 ? 3 : 2)
  const rebuilt = create()
  rebuilt.tell(uninterrupted.history)
  const chunked = create()
  for (let start = 0; start < uninterrupted.history.length; start += 5) chunked.tell(uninterrupted.history.slice(start, start + 5))
  for (let r = 0; r < after; r++) {
    const expected = round(uninterrupted, 3)
    expect(round(rebuilt, 3)).toEqual(expected)
    expect(round(chunked, 3)).toEqual(expected)
  }
  expect(rebuilt.history).toEqual(uninterrupted.history)
}

describe.each(Object.entries(makers))("%s", (_, make) => {
  it("is deterministic per seed and differs between seeds", () => {
    const histories = [1, 1, 2].map((seed) => {
      const optimizer = make(gridSpace, { seed })
      for (let r = 0; r < 8; r++) round(optimizer, 3)
      return optimizer.history
    })
    expect(histories[1]).toEqual(histories[0])
    expect(histories[2]).not.toEqual(histories[0])
  })

  it("rebuilt from (settings, seed, history) asks what the uninterrupted optimizer asks", () => {
    expectRebuildsExactly(() => make(gridSpace, { seed: 7 }), 9, 4)
  })

  it("keeps a batch free of repeats and of configurations already evaluated", () => {
    const optimizer = make(gridSpace, { seed: 3 })
    for (let r = 0; r < 6; r++) round(optimizer, 4)
    const keys = optimizer.history.map((trial) => JSON.stringify(trial.params))
    expect(new Set(keys).size).toBe(keys.length)
  })
})

// Warm-started optimizers: the old trials' models (and, for the evolution, their updates by the new
// trials every 25 trials) must be rebuilt from the same (settings, seed, history).
const source = makers.evolution?.(gridSpace, { seed: 11 }) as Optimizer
for (let r = 0; r < 15; r++) round(source, 3)
const warmStart = { trials: source.history }

describe.each(["evolution", "gp-bo"])("%s warm-started", (name) => {
  const make = makers[name] as (typeof makers)[string]
  it("is deterministic per seed", () => {
    const histories = [1, 1].map((seed) => {
      const optimizer = make(gridSpace, { seed, warmStart })
      for (let r = 0; r < 12; r++) round(optimizer, 3)
      return optimizer.history
    })
    expect(histories[1]).toEqual(histories[0])
  })

  it("rebuilt from (settings, seed, history) asks what the uninterrupted optimizer asks", () => {
    // 30 trials, then 24 more: past the evolution's model updates at 25 and 50 trials.
    expectRebuildsExactly(() => make(gridSpace, { seed: 7, warmStart }), 12, 8)
  })
})
