import type { TrialRecord } from "../trial/record.js"

/**
 * Whether `a` Pareto-dominates `b` (minimization): no worse in every objective, better in one.
 *
 * @example
 * dominates(Float64Array.of(1, 2), Float64Array.of(1, 3)) // true
 */
export const dominates = (a: Float64Array, b: Float64Array): boolean => {
  let better = false
  for (let m = 0; m < a.length; m++) {
    const x = a[m] as number
    const y = b[m] as number
    if (x > y) return false
    if (x < y) better = true
  }
  return better
}

/**
 * Constraint-domination (Deb et al. 2002): a feasible trial dominates an infeasible one, of two
 * infeasible trials the one with the smaller violation dominates, and two feasible trials compare
 * by Pareto dominance. Failed trials have infinite violation, so every other trial dominates them.
 *
 * @example
 * constrainedDominates(feasibleRecord, failedRecord) // true
 */
export const constrainedDominates = (a: TrialRecord, b: TrialRecord): boolean => {
  if (a.violation !== b.violation) return a.violation < b.violation
  if (a.violation > 0 || a.objectives === undefined || b.objectives === undefined) return false
  return dominates(a.objectives, b.objectives)
}

/**
 * The order of single-objective trials: feasible ones by objective (minimization form), then
 * infeasible ones by violation, then failed ones. Negative when `a` is better.
 *
 * @example
 * records.slice().sort(compareRecords)[0] // the best trial
 */
export const compareRecords = (a: TrialRecord, b: TrialRecord): number => {
  if (a.violation !== b.violation) return a.violation < b.violation ? -1 : 1
  const x = a.objectives?.[0] ?? Infinity
  const y = b.objectives?.[0] ?? Infinity
  return x === y ? 0 : x < y ? -1 : 1
}
