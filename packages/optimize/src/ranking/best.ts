import type { Direction, Trial } from "../trial/trial.js"
import { dominates } from "./dominance.js"

/**
 * Whether a trial counts for the best and the Pareto front: complete, with one objective value
 * per direction and every constraint value `<= 0`.
 *
 * @example
 * const feasible = (await store.trials(study.id)).filter((trial) => isFeasible(["maximize"], trial))
 */
export const isFeasible = (directions: readonly Direction[], trial: Pick<Trial, "state" | "values" | "constraints">): boolean =>
  trial.state === "complete" &&
  trial.values !== undefined &&
  trial.values.length === directions.length &&
  (trial.constraints ?? []).every((value) => value <= 0)

/** A feasible trial's objective values in minimization form (maximized ones negated). */
const lossesOf = (directions: readonly Direction[], trial: Trial): Float64Array => {
  const values = trial.values as readonly number[]
  const losses = new Float64Array(directions.length)
  for (let m = 0; m < directions.length; m++) losses[m] = directions[m] === "maximize" ? -(values[m] as number) : (values[m] as number)
  return losses
}

/**
 * The feasible trials (see `isFeasible`) ordered from best on the first objective, equals in the
 * order given (by number, for a store's trials), at most `limit` of them.
 *
 * @example
 * const [best] = bestTrials(study.objectives.map((objective) => objective.direction), await store.trials(study.id), 1)
 */
export const bestTrials = (directions: readonly Direction[], trials: readonly Trial[], limit = Number.POSITIVE_INFINITY): Trial[] => {
  if (directions.length === 0) return []
  const feasible = trials.filter((trial) => isFeasible(directions, trial))
  const loss = feasible.map((trial) => lossesOf(directions, trial)[0] as number)
  return feasible
    .map((_, i) => i)
    .sort((a, b) => (loss[a] as number) - (loss[b] as number) || a - b)
    .slice(0, limit)
    .map((i) => feasible[i] as Trial)
}

/**
 * The best feasible trial on the first objective (the first of equals), or undefined when no trial
 * is feasible: `bestTrials(directions, trials, 1)[0]`.
 *
 * @example
 * bestTrial(["maximize"], optimizer.history)?.params
 */
export const bestTrial = (directions: readonly Direction[], trials: readonly Trial[]): Trial | undefined =>
  bestTrials(directions, trials, 1)[0]

/**
 * The feasible trials no other feasible trial dominates, in the order given (by number, for a
 * store's trials). Ties are kept: every trial of a front point is on the front, so with one
 * objective the front is every trial sharing the best value.
 *
 * @example
 * paretoFront(["maximize", "minimize"], optimizer.history).map((trial) => trial.values)
 */
export const paretoFront = (directions: readonly Direction[], trials: readonly Trial[]): Trial[] => {
  const feasible = trials.filter((trial) => isFeasible(directions, trial))
  const losses = feasible.map((trial) => lossesOf(directions, trial))
  return feasible.filter((_, i) => !losses.some((other) => dominates(other, losses[i] as Float64Array)))
}
