import type { Study, StudyObjective, Trial } from "../study/study.js"

/**
 * Whether a trial counts for the best and the front: complete, with one value per objective and
 * every constraint value `<= 0`.
 *
 * @example
 * const feasible = (await store.trials(study.id)).filter((trial) => isFeasibleTrial(study, trial))
 */
export const isFeasibleTrial = (study: Pick<Study, "objectives">, trial: Trial): boolean =>
  trial.state === "complete" &&
  trial.values !== undefined &&
  trial.values.length === study.objectives.length &&
  (trial.constraints ?? []).every((value) => value <= 0)

/** `a`'s objective `m` as a quantity to minimise. */
const loss = (objective: StudyObjective, value: number): number => (objective.direction === "maximize" ? -value : value)

/** Whether `a` is at least as good as `b` on every objective and better on one. */
const dominates = (objectives: readonly StudyObjective[], a: readonly number[], b: readonly number[]): boolean => {
  let better = false
  for (const [m, objective] of objectives.entries()) {
    const lossA = loss(objective, a[m] as number)
    const lossB = loss(objective, b[m] as number)
    if (lossA > lossB) return false
    if (lossA < lossB) better = true
  }
  return better
}

/**
 * The feasible trials ordered from best on the first objective (ties: lower number first), at
 * most `limit` of them.
 *
 * @example
 * const [best] = bestTrials(study, await store.trials(study.id), 1)
 */
export const bestTrials = (study: Pick<Study, "objectives">, trials: readonly Trial[], limit = Number.POSITIVE_INFINITY): Trial[] => {
  const objective = study.objectives[0]
  if (objective === undefined) return []
  return trials
    .filter((trial) => isFeasibleTrial(study, trial))
    .sort((a, b) => loss(objective, a.values?.[0] as number) - loss(objective, b.values?.[0] as number) || a.number - b.number)
    .slice(0, limit)
}

/**
 * The feasible trials no other feasible trial dominates, by trial number. With one objective:
 * every trial sharing the best value.
 *
 * @example
 * for (const trial of paretoFront(study, await store.trials(study.id))) console.log(trial.number, trial.values)
 */
export const paretoFront = (study: Pick<Study, "objectives">, trials: readonly Trial[]): Trial[] => {
  const feasible = trials.filter((trial) => isFeasibleTrial(study, trial))
  return feasible.filter((candidate) => !feasible.some((other) => dominates(study.objectives, other.values ?? [], candidate.values ?? [])))
}
