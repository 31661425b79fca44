import { type AssignmentCost, assignmentCost, assignmentObjective } from "./assignment.js"
import { labelDp } from "./label-dp.js"
import { improveByMoves } from "./local-search.js"
import { isChainGraph, type ScheduleObjective, type ScheduleProblem } from "./problem.js"

/** How `schedule` searches. */
export interface ScheduleOptions {
  /** Most (latency, energy) labels an EDP state keeps; default 256. Cutting makes the DP inexact. */
  readonly maxLabels?: number
  /** Most local-search sweeps per start on a DAG; default 20. */
  readonly maxSweeps?: number
}

/**
 * A schedule: the unit of every layer, its cost, and how it was found: `chain-dp` (the exact DP
 * on a chain) or `dag-heuristic`; `exact` says whether optimality is proven.
 */
export interface Schedule extends AssignmentCost {
  readonly assignment: readonly number[]
  readonly objective: ScheduleObjective
  /** The objective's value: seconds, pJ or s·pJ. */
  readonly value: number
  readonly method: "chain-dp" | "dag-heuristic"
  readonly exact: boolean
  /** False when some layer has no unit that can run it (every value is then `Infinity`). */
  readonly feasible: boolean
}

/**
 * Assigns every layer to a unit, minimizing latency, energy or EDP with transfers counted once
 * per crossing (docs/scheduling.md). On a chain: the DP over layers with the previous layer's
 * unit as state, exact. On a DAG, the stated heuristic: the same DP over the topological order
 * (crossings read off the best partial schedule of each state), then, from its result and from
 * every all-on-one-unit assignment, single-layer moves until none improves; the best wins.
 * Execution is sequential (no overlap of branches); `throughputPerSecond` gives the pipelined
 * figure. Never throws.
 *
 * @example
 * const best = schedule(problem, "edp")
 * console.log(best.assignment, best.latencySeconds, best.throughputPerSecond)
 */
export const schedule = (problem: ScheduleProblem, objective: ScheduleObjective, options: ScheduleOptions = {}): Schedule => {
  const maxSweeps = options.maxSweeps ?? 20
  const dp = labelDp(problem, objective, options.maxLabels ?? 256)
  const chain = isChainGraph(problem.graph)
  let best = dp.assignment
  let value = assignmentObjective(problem, best, objective)
  if (!chain) {
    const starts = [Int32Array.from(best)]
    for (let unit = 0; unit < problem.costs.units; unit++) starts.push(new Int32Array(best.length).fill(unit))
    for (const start of starts) {
      const improved = improveByMoves(problem, start, objective, maxSweeps)
      if (improved < value) {
        value = improved
        best = start
      }
    }
  }
  return {
    ...assignmentCost(problem, best),
    assignment: [...best],
    objective,
    value,
    method: chain ? "chain-dp" : "dag-heuristic",
    exact: chain && !dp.truncated,
    feasible: Number.isFinite(value),
  }
}
