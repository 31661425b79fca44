import { createOptimizerByName, type Optimizer, type Trial, type TrialProposal } from "@cosearch/optimize"
import type { Experiment } from "../config/experiment.js"
import { exactEvaluator, screenModels } from "../screen/screen-check.js"
import { screenSettingsOf } from "../screen/screen-predictor.js"

/**
 * Plans a study's batches. Holds the study's optimizer and tells it the finished trials it has not
 * seen, in number order, before each ask; so the configurations of batch k depend only on
 * (settings, seed, the trials before it), whether this process asked the earlier batches, another
 * process did, or a process that was killed.
 *
 * @example
 * const planner = createBatchPlanner(experiment)
 * const batch = planner.plan(await store.history(study.id, planner.told), 16, 8)
 */
export interface BatchPlanner {
  /** How many trials the optimizer has been told (trials 0 to told - 1). */
  readonly told: number
  /**
   * Tells the optimizer `history` (finished trials numbered from `told`, in order, up to
   * `firstNumber`, as the store gives them) and asks `size` proposals for the trials numbered from
   * `firstNumber`.
   */
  readonly plan: (history: readonly Trial[], firstNumber: number, size: number) => TrialProposal[]
}

/**
 * The optimizer an experiment names, with its settings, directions and seed.
 *
 * @example
 * const optimizer = createStudyOptimizer(experiment)
 */
export const createStudyOptimizer = (experiment: Experiment, warmStart?: readonly Trial[]): Optimizer => {
  const { name, batch: _batch, warmStart: source, screen, ...settings } = experiment.config.optimizer
  const transferScreen = source?.screen
  return createOptimizerByName(name, experiment.space, {
    ...settings,
    ...(screen === undefined ? {} : { screen: studyScreen(experiment, screen) }),
    ...(warmStart === undefined
      ? {}
      : { warmStart: { trials: warmStart, ...(transferScreen === undefined ? {} : { screen: transferScreen }) } }),
    directions: experiment.objectives.map((objective) => objective.direction),
    seed: experiment.seed,
  })
}

/** The screen settings of an experiment's `optimizer.screen`, its model files read. */
const studyScreen = (experiment: Experiment, screen: NonNullable<Experiment["config"]["optimizer"]["screen"]>) => {
  const { space, entry, baseDirectory, objectives, constraints } = experiment
  const { models, issues } = screenModels(screen, { space, entry, baseDirectory }, objectives, constraints)
  if (issues.length > 0) throw new Error(`optimizer.screen: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join("; ")}`)
  const exact = screen.exact === undefined ? undefined : exactEvaluator(screen.exact, { space, entry, baseDirectory })
  return screenSettingsOf(screen, {
    space,
    spaceSpec: experiment.spaceSpec,
    seed: experiment.seed,
    objectives,
    constraints,
    models,
    exact: exact?.exact,
    exactMetrics: exact?.metrics,
  })
}

/**
 * A planner for an experiment (see `BatchPlanner`).
 *
 * @throws Error when the history has a gap: a trial before `firstNumber` that is not finished.
 * @example
 * const planner = createBatchPlanner(experiment)
 */
export const createBatchPlanner = (experiment: Experiment, warmStart?: readonly Trial[]): BatchPlanner => {
  const optimizer = createStudyOptimizer(experiment, warmStart)
  let told = 0
  return {
    get told() {
      return told
    },
    plan: (history, firstNumber, size) => {
      const fresh = history.filter((trial) => trial.number >= told && trial.number < firstNumber)
      for (const [offset, trial] of fresh.entries()) {
        if (trial.number !== told + offset) throw new Error(`trial ${told + offset} is not finished; cannot plan trial ${firstNumber}`)
      }
      optimizer.tell(fresh)
      told += fresh.length
      if (told !== firstNumber) throw new Error(`trials ${told} to ${firstNumber - 1} are not finished; cannot plan trial ${firstNumber}`)
      return optimizer.ask(size)
    },
  }
}
