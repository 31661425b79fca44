import type { Trial as OptimizerTrial } from "@cosearch/optimize"
import { failed, infeasible } from "@cosearch/optimize"
import type { StudyStore, Trial } from "@cosearch/store"
import { Effect } from "effect"
import type { Experiment } from "../config/experiment.js"
import { outcomeOf, trialResultOf } from "../run/trial-outcome.js"
import { type StorageError, StudyConflictError, storeStep } from "./open-study.js"

/**
 * What an earlier trial tells a new study: its stored metrics re-read under the new experiment's
 * objectives and constraints (another area budget moves only the constraint's threshold). A trial
 * the evaluator found infeasible stays infeasible; one that failed stays failed.
 *
 * @example
 * const outcome = rereadOutcome(trial, experiment)
 */
export const rereadOutcome = (trial: Trial, experiment: Experiment): OptimizerTrial["outcome"] => {
  if (trial.state === "failed") return failed(trial.error)
  const result = trialResultOf({ metrics: (trial.metrics ?? {}) as Record<string, never> }, experiment.objectives, experiment.constraints)
  if (result.state === "failed") return trial.state === "infeasible" ? infeasible() : outcomeOf(trial)
  return outcomeOf({ ...trial, ...result })
}

const sameSpace = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b)

/**
 * The finished trials of the study named in `optimizer.warmStart`, in trial order, as the new
 * experiment reads them. The earlier study must be in the same database and on the same space.
 *
 * @example
 * const trials = yield* warmStartTrials(store, experiment)
 */
export const warmStartTrials = (
  store: StudyStore,
  experiment: Experiment,
): Effect.Effect<readonly OptimizerTrial[] | undefined, StudyConflictError | StorageError> =>
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
      .map((trial) => ({ configuration: trial.params, origin: `warm-start:${source}`, outcome: rereadOutcome(trial, experiment) }))
  })
