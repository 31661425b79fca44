import { type Direction, isFeasible, type Trial } from "@cosearch/optimize"

/**
 * The feasible trials of a study (`isFeasible`, in the order given) with their objective values
 * in minimization form (maximized objectives negated), the form every analysis works in.
 *
 * @example
 * const { trials, losses } = feasibleLosses(["maximize", "minimize"], study.trials)
 */
export interface FeasibleLosses {
  readonly trials: readonly Trial[]
  readonly losses: readonly Float64Array[]
}

/**
 * The feasible trials and their losses (see `FeasibleLosses`).
 *
 * @example
 * feasibleLosses(["maximize"], trials).losses[0] // Float64Array [-93.1]
 */
export const feasibleLosses = (directions: readonly Direction[], trials: readonly Trial[]): FeasibleLosses => {
  const feasible: Trial[] = []
  const losses: Float64Array[] = []
  for (const trial of trials) {
    if (!isFeasible(directions, trial)) continue
    const values = trial.values as readonly number[]
    const loss = new Float64Array(directions.length)
    for (let m = 0; m < directions.length; m++) loss[m] = directions[m] === "maximize" ? -(values[m] as number) : (values[m] as number)
    feasible.push(trial)
    losses.push(loss)
  }
  return { trials: feasible, losses }
}

/**
 * The trials that are not feasible but carry objective values (an `infeasible` trial with known
 * values, or a `complete` one that breaks a constraint): drawn apart on the Pareto chart.
 *
 * @example
 * infeasibleWithValues(["minimize"], trials).length
 */
export const infeasibleWithValues = (directions: readonly Direction[], trials: readonly Trial[]): Trial[] =>
  trials.filter(
    (trial) =>
      (trial.state === "infeasible" || trial.state === "complete") &&
      trial.values !== undefined &&
      trial.values.length === directions.length &&
      !isFeasible(directions, trial),
  )
