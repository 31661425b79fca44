import type { Trial } from "@cosearch/optimize"
import type { StudyStore } from "@cosearch/store"
import { Effect } from "effect"
import type { Experiment } from "../config/experiment.js"
import { type StorageError, StudyConflictError, storeStep } from "./open-study.js"
import { trialResultOf } from "./trial-result.js"

/**
 * What an earlier trial tells a new study: its stored metrics re-read under the new experiment's
 * objectives and constraints (another area budget moves only the constraint's threshold), which
 * give its state, values and constraint values. A trial that failed stays failed. When its metrics
 * do not give every new value, an infeasible trial stays infeasible (without values) and a
 * complete one keeps what was stored.
 *
 * @example
 * const told = rereadTrial(trial, experiment) // the trial with the new experiment's values and constraints
 */
export const rereadTrial = (trial: Trial, experiment: Experiment): Trial => {
  if (trial.state === "failed") return trial
  const result = trialResultOf({ metrics: (trial.metrics ?? {}) as Record<string, never> }, experiment.objectives, experiment.constraints)
  if (result.state === "failed") return trial.state === "infeasible" ? { ...trial, values: undefined, constraints: undefined } : trial
  return { ...trial, ...result }
}

const sameSpace = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b)

/**
 * The finished trials of the study named in `optimizer.warmStart`, in trial order, as the new
 * experiment reads them (see `rereadTrial`), with the origin `warm-start:<study>`. The earlier
 * study must be in the same database and on the same space.
 *
 * @example
 * const trials = yield* warmStartTrials(store, experiment)
 */
export const warmStartTrials = (
  store: StudyStore,
  experiment: Experiment,
): Effect.Effect<readonly Trial[] | undefined, StudyConflictError | StorageError> =>
  Effect.gen(function* () {
    const source = experiment.config.optimizer.warmStart?.study
    if (source === undefined) return undefined
    const study = yield* storeStep(() => store.findStudy(source))
    if (study === undefined)
      return yield* new StudyConflictError({
        message: `optimizer.warmStart.study "${source}" is not a study of this database; run it first (cosearch status lists the studies)`,
      })
    if (!sameSpace(study.space, experiment.spaceSpec))
      return yield* new StudyConflictError({
        message: `optimizer.warmStart.study "${source}" searched another space; a warm start needs the same space`,
      })
    const trials = yield* storeStep(() => store.trials(study.id, ["complete", "infeasible", "failed"]))
    return [...trials]
      .sort((a, b) => a.number - b.number)
      .map((trial) => ({ ...rereadTrial(trial, experiment), origin: `warm-start:${source}` }))
  })
