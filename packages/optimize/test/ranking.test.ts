import {
  complete,
  crowdingDistances,
  failed,
  hypervolume2d,
  infeasible,
  nonDominatedFronts,
  paretoFront,
  toRecord,
} from "@cosearch/optimize"
import { defineSpace, ordinal } from "@cosearch/space"
import { describe, expect, it } from "vitest"

const space = defineSpace({ name: "index", parameters: [ordinal("i", [0, 1, 2, 3, 4, 5, 6, 7])] })
const record = (i: number, outcome: Parameters<typeof toRecord>[2]["outcome"]) =>
  toRecord(space, ["minimize", "maximize"], { configuration: { i }, outcome }, i)

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

  it("gives the extremes of a front infinite crowding and the middle its normalised neighbour gaps", () => {
    const front = [record(0, complete([0, 3])), record(1, complete([1, 1])), record(2, complete([3, 0]))]
    // Objective 1 spans 0..3, objective 2 (negated for maximize) spans -3..0: middle = (3 - 0) / 3 + (0 - -3) / 3 = 2.
    expect([...crowdingDistances(front)]).toEqual([Infinity, 2, Infinity])
  })

  it("returns the feasible Pareto front in history order", () => {
    const history = records.map((r) => ({
      configuration: { i: r.index },
      outcome: [complete([1, 5]), complete([2, 6]), complete([2, 4])][r.index] ?? failed(),
    }))
    expect(paretoFront(space, ["minimize", "maximize"], history).map((trial) => trial.configuration.i)).toEqual([0, 1])
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
