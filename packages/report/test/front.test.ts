import { type Direction, paretoFront, type Trial } from "@cosearch/optimize"
import { createRandom } from "@cosearch/space"
import { describe, expect, it } from "vitest"
import { fastParetoFront, frontIndices } from "../src/index.js"

/** Random trials with many ties (small integer values), some infeasible, failed or broken-constraint. */
const randomTrials = (k: number, count: number, seed: number, levels: number): Trial[] => {
  const random = createRandom(seed)
  return Array.from({ length: count }, (_, number): Trial => {
    const values = Array.from({ length: k }, () => Math.floor(random() * levels))
    const draw = random()
    if (draw < 0.05) return { number, params: {}, origin: "t", state: "failed" }
    if (draw < 0.1) return { number, params: {}, origin: "t", state: "infeasible", values }
    if (draw < 0.15) return { number, params: {}, origin: "t", state: "complete", values, constraints: [0.5] }
    return { number, params: {}, origin: "t", state: "complete", values, constraints: [draw < 0.5 ? 0 : -1] }
  })
}

const numbers = (trials: readonly Trial[]) => trials.map((trial) => trial.number)

describe("fastParetoFront", () => {
  it.each([1, 2, 3, 4])("gives exactly paretoFront's trials with %i objectives (random data with ties, every direction mix)", (k) => {
    for (let seed = 0; seed < 12; seed++) {
      const directions = Array.from({ length: k }, (_, m): Direction => ((seed >> m) & 1 ? "maximize" : "minimize"))
      for (const levels of [3, 10, 1000]) {
        const trials = randomTrials(k, 400, seed * 7 + levels, levels)
        expect(numbers(fastParetoFront(directions, trials))).toEqual(numbers(paretoFront(directions, trials)))
      }
    }
  })

  it("keeps every copy of a front point and drops a point equal in one objective and worse in the other", () => {
    const losses = [Float64Array.of(1, 3), Float64Array.of(2, 2), Float64Array.of(1, 3), Float64Array.of(2, 3), Float64Array.of(3, 1)]
    expect(frontIndices(losses)).toEqual([0, 1, 2, 4])
  })

  it("handles no trials and trials without values", () => {
    expect(fastParetoFront(["minimize"], [])).toEqual([])
    expect(fastParetoFront(["minimize", "minimize"], [{ number: 0, params: {}, origin: "t", state: "failed" }])).toEqual([])
  })
})
