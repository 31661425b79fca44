import { budgetShares, complete, failed, finishedTrial, memberCredits, toRecord, trialRewards } from "@cosearch/optimize"
import { defineSpace, ordinal } from "@cosearch/space"
import { describe, expect, it } from "vitest"

const space = defineSpace({ name: "index", parameters: [ordinal("i", [0, 1, 2, 3, 4, 5])] })
const records = [
  toRecord(space, ["minimize"], finishedTrial(0, { params: { i: 0 }, origin: "a" }, complete([5])), 0),
  toRecord(space, ["minimize"], finishedTrial(1, { params: { i: 1 }, origin: "b" }, complete([7])), 1),
  toRecord(space, ["minimize"], finishedTrial(2, { params: { i: 2 }, origin: "a" }, complete([6])), 2),
  toRecord(space, ["minimize"], finishedTrial(3, { params: { i: 3 }, origin: "b" }, failed()), 3),
  toRecord(space, ["minimize"], finishedTrial(4, { params: { i: 4 }, origin: "b" }, complete([1])), 4),
]

describe("P3BO's credit", () => {
  it("rewards each trial by the fraction of earlier feasible trials it beats", () => {
    // 5: first feasible, 1. 7 beats none of {5}: 0. 6 beats 7 of {5, 7}: 1/2. failed: 0. 1 beats all three: 1.
    expect([...trialRewards(records, 1)]).toEqual([1, 0, 0.5, 0, 1])
  })

  it("averages a member's recent rewards with one pseudo-trial at the prior", () => {
    const credits = memberCredits(records, trialRewards(records, 1), ["a", "b"], 4, 0.5)
    // Window: the last 4 trials. a: (0.5 + 0.5) / 2; b: (0.5 + 0 + 0 + 1) / 4.
    expect([...credits]).toEqual([0.5, 0.375])
  })

  it("shares the budget by a softmax with a floor", () => {
    const shares = budgetShares(Float64Array.of(0, 1), 0.5, 0.1)
    const softmax = Math.exp(-2) / (Math.exp(-2) + 1)
    expect(shares[0]).toBeCloseTo(0.1 + 0.8 * softmax, 14)
    expect((shares[0] as number) + (shares[1] as number)).toBeCloseTo(1, 14)
  })
})
