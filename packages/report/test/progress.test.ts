import { hypervolume2d, paretoFront, type Trial } from "@cosearch/optimize"
import { createRandom } from "@cosearch/space"
import { describe, expect, it } from "vitest"
import { bestSoFar, hypervolumeBox, hypervolumeHistory } from "../src/index.js"

const trial = (number: number, values: number[], state: Trial["state"] = "complete", constraints?: number[]): Trial => ({
  number,
  params: {},
  origin: "t",
  state,
  values,
  ...(constraints === undefined ? {} : { constraints }),
})

describe("bestSoFar", () => {
  it("follows a hand-computed example, skipping infeasible and failed trials, in trial-number order", () => {
    const trials = [
      trial(3, [5, 1]),
      trial(0, [3, 4]),
      trial(1, [7, 2], "complete", [1]), // breaks its constraint
      trial(2, [4, 6]),
      { number: 4, params: {}, origin: "t", state: "failed" } as Trial,
      trial(5, [9, 0], "infeasible"),
      trial(6, [2, 5]),
    ]
    const [maximized, minimized] = bestSoFar(["maximize", "minimize"], trials)
    expect(maximized).toEqual({ numbers: [0, 2, 3, 6], values: [3, 4, 5, 2], best: [3, 4, 5, 5] })
    expect(minimized).toEqual({ numbers: [0, 2, 3, 6], values: [4, 6, 1, 5], best: [4, 4, 1, 1] })
  })

  it("is monotone in the objective's direction on random data", () => {
    const random = createRandom(3)
    const trials = Array.from({ length: 500 }, (_, n) => trial(n, [random(), random()]))
    const [up, down] = bestSoFar(["maximize", "minimize"], trials)
    for (let i = 1; i < 500; i++) {
      expect(up?.best[i]).toBeGreaterThanOrEqual(up?.best[i - 1] as number)
      expect(down?.best[i]).toBeLessThanOrEqual(down?.best[i - 1] as number)
    }
    expect(up?.best.at(-1)).toBe(Math.max(...trials.map((t) => t.values?.[0] as number)))
  })
})

describe("hypervolumeHistory", () => {
  it("puts the reference point a tenth of the range beyond the worst feasible values", () => {
    const trials = [trial(0, [10, 1]), trial(1, [20, 3]), trial(2, [0, 100], "complete", [1])]
    expect(hypervolumeBox(["maximize", "minimize"], trials)).toEqual({ ideal: [20, 1], reference: [9, 3.2] })
  })

  it("is exact for two objectives: the running front's hypervolume2d after each trial, non-decreasing", () => {
    const random = createRandom(5)
    const trials = Array.from({ length: 300 }, (_, n) => trial(n, [random(), random()]))
    const history = hypervolumeHistory(["maximize", "minimize"], trials)
    expect(history.method).toBe("exact")
    const [r1, r2] = history.reference as [number, number]
    for (const at of [0, 10, 150, 299]) {
      const front = paretoFront(["maximize", "minimize"], trials.slice(0, at + 1))
      const expected = hypervolume2d(
        front.map((t) => [-(t.values?.[0] as number), t.values?.[1] as number] as const),
        [-r1, r2],
      )
      expect(history.hypervolume[at]).toBeCloseTo(expected, 12)
    }
    for (let i = 1; i < 300; i++) expect(history.hypervolume[i]).toBeGreaterThanOrEqual(history.hypervolume[i - 1] as number)
  })

  it("estimates three objectives by seeded Monte Carlo, close to the exact volume of two boxes", () => {
    // Reference (1.1, 1.1, 1.1) in a box from (0, 0, 0): ranges 1, a tenth beyond 1.
    const trials = [trial(0, [0, 1, 1]), trial(1, [1, 0, 1]), trial(2, [1, 1, 0]), trial(3, [0.5, 0.5, 0.5])]
    const history = hypervolumeHistory(["minimize", "minimize", "minimize"], trials, { samples: 200_000, seed: 1 })
    expect(history.method).toBe("monte-carlo")
    expect(history.reference).toEqual([1.1, 1.1, 1.1])
    // Three bars 1.1·0.1·0.1 each, meeting pairwise and all three in the corner cube 0.1³ (inclusion-exclusion).
    const bars = 3 * 0.011 - 3 * 0.001 + 0.001
    // The cube 0.6³ of (0.5, 0.5, 0.5), less its overlap with the bars (each 0.6·0.1·0.1, meeting in 0.1³).
    const cube = 0.216 - (3 * 0.006 - 3 * 0.001 + 0.001)
    // Within four standard errors of the estimate (box volume 1.1³, 200,000 samples).
    const box = 1.1 ** 3
    const within = (estimate: number | undefined, exact: number) => {
      const p = exact / box
      expect(Math.abs((estimate as number) - exact)).toBeLessThan(4 * box * Math.sqrt((p * (1 - p)) / 200_000))
    }
    within(history.hypervolume[2], bars)
    within(history.hypervolume[3], bars + cube)
    expect(hypervolumeHistory(["minimize", "minimize", "minimize"], trials, { samples: 1000, seed: 1 })).toEqual(
      hypervolumeHistory(["minimize", "minimize", "minimize"], trials, { samples: 1000, seed: 1 }),
    )
  })
})
