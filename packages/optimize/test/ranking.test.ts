import {
  bestTrial,
  bestTrials,
  complete,
  crowdingDistances,
  failed,
  finishedTrial,
  hypervolume2d,
  infeasible,
  isFeasible,
  nonDominatedFronts,
  paretoFront,
  type Trial,
  type TrialResult,
  toRecord,
} from "@cosearch/optimize"
import { defineSpace, ordinal } from "@cosearch/space"
import { describe, expect, it } from "vitest"

const space = defineSpace({ name: "index", parameters: [ordinal("i", [0, 1, 2, 3, 4, 5, 6, 7])] })
const trial = (i: number, result: TrialResult): Trial => finishedTrial(i, { params: { i }, origin: "test" }, result)
const record = (i: number, result: TrialResult) => toRecord(space, ["minimize", "maximize"], trial(i, result), i)

describe("non-dominated sorting under constraint-domination", () => {
  const records = [
    record(0, complete([1, 5])), // front 0
    record(1, complete([2, 6])), // front 0 (trades off with 0)
    record(2, complete([2, 4])), // dominated by 0 and 1: front 1
    record(3, complete([0, 1], [0.5])), // infeasible, violation 0.5: after every feasible one
    record(4, infeasible()), // infeasible without constraint values: after known violations
    record(5, failed("crash")), // last
    record(6, complete([0, 9], [3])), // infeasible, violation 3
  ]

  it("puts feasible fronts first, infeasible ones by violation, failed ones last", () => {
    expect([...nonDominatedFronts(records)]).toEqual([0, 0, 1, 2, 4, 5, 3])
  })

  it("gives the extremes of a front infinite crowding and the middle its normalized neighbor gaps", () => {
    const front = [record(0, complete([0, 3])), record(1, complete([1, 1])), record(2, complete([3, 0]))]
    // Objective 1 spans 0..3, objective 2 (negated for maximize) spans -3..0: middle = (3 - 0) / 3 + (0 - -3) / 3 = 2.
    expect([...crowdingDistances(front)]).toEqual([Infinity, 2, Infinity])
  })

  it("returns the feasible Pareto front in history order", () => {
    const history = records.map((r) => trial(r.index, [complete([1, 5]), complete([2, 6]), complete([2, 4])][r.index] ?? failed()))
    expect(paretoFront(["minimize", "maximize"], history).map((trial) => trial.params.i)).toEqual([0, 1])
  })
})

describe("the best trials and the Pareto front", () => {
  const directions = ["maximize", "minimize"] as const
  const trials = [
    trial(0, complete([90, 2])),
    trial(1, complete([93, 3])),
    trial(2, complete([94, 9], [0.5])), // violates its constraint
    trial(3, complete([92, 1])),
    trial(4, complete([91, 4])), // dominated by 1
    trial(5, failed("crash")),
    trial(6, complete([93, 3])), // ties with 1
    trial(7, infeasible({ values: [99, 0] })),
    { ...trial(8, complete([95, 0])), state: "running" } as Trial,
  ]

  it("counts complete trials with every value and every constraint holding as feasible", () => {
    expect(trials.filter((t) => isFeasible(directions, t)).map((t) => t.number)).toEqual([0, 1, 3, 4, 6])
    expect(isFeasible(["maximize"], trial(9, complete([1, 2])))).toBe(false)
    expect(isFeasible(directions, trial(10, complete([1, 2], [0, -1])))).toBe(true)
  })

  it("orders feasible trials by the first objective, equals in the order given", () => {
    expect(bestTrials(directions, trials, 3).map((t) => t.number)).toEqual([1, 6, 3])
    expect(bestTrials(directions, trials).map((t) => t.number)).toEqual([1, 6, 3, 4, 0])
    expect(bestTrial(directions, trials)?.number).toBe(1)
    expect(bestTrial(["minimize"], [trial(0, failed())])).toBeUndefined()
  })

  it("keeps every non-dominated feasible trial, ties included", () => {
    expect(paretoFront(directions, trials).map((t) => t.number)).toEqual([1, 3, 6])
    expect(
      paretoFront(["minimize"], [trial(0, complete([2])), trial(1, complete([1])), trial(2, complete([1]))]).map((t) => t.number),
    ).toEqual([1, 2])
  })
})

describe("hypervolume in two dimensions", () => {
  it("adds the rectangles of a staircase", () => {
    // Reference (4, 4): (1, 3) adds 3 x 1, (2, 2) adds 2 x 1, (3, 1) adds 1 x 1 => 6.
    expect(
      hypervolume2d(
        [
          [3, 1],
          [1, 3],
          [2, 2],
        ],
        [4, 4],
      ),
    ).toBe(6)
    expect(
      hypervolume2d(
        [
          [1, 3],
          [2, 3.5],
          [5, 0],
        ],
        [4, 4],
      ),
    ).toBe(3)
  })
})
