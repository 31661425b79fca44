import type { Predictions, Predictor, ScreenSettings, TrialRecord } from "@cosearch/optimize"
import { genomeToConfiguration, type Space, type SpaceJson } from "@cosearch/space"
import type { StudyConstraint, StudyObjective } from "@cosearch/store"
import { datasetOf, type ModelKind, type Surrogate, trainSurrogate } from "@cosearch/surrogate"
import { createFeaturiser, type Featuriser } from "./featuriser.js"
import type { ModelFile } from "./model-file.js"

/**
 * The `optimizer.screen` section of an experiment: `model` is `"online"` (models refit on the
 * study's own trials as they arrive) or model files predicting the objectives (and constraints)
 * by metric name; `candidates` proposals per evaluated trial (default 10); for `online`, the
 * model kind (`learner`, default `gbt`) and the trials with objective values needed before
 * screening starts (`minTrials`, default 16).
 *
 * @example
 * const screen: ScreenConfig = { model: "online", candidates: 20 }
 */
export interface ScreenConfig {
  readonly model: string | readonly string[]
  readonly candidates?: number
  readonly learner?: ModelKind
  readonly minTrials?: number
}

/** The default trials with objective values before an online screen starts ranking. */
export const DEFAULT_ONLINE_MIN_TRIALS = 16

/** A constraint's value (`<= 0` when it holds) from a metric's value. */
const constraintValue = (constraint: StudyConstraint, value: number): number =>
  constraint.max !== undefined ? value - constraint.max : (constraint.min ?? value) - value

/** Featurises genomes of the study's space into one row-major matrix. */
const featureMatrix = (space: Space, featuriser: Featuriser, genomes: readonly Float64Array[]): Float64Array => {
  const width = featuriser.names.length
  const matrix = new Float64Array(genomes.length * width)
  for (const [i, genome] of genomes.entries()) featuriser.ofConfiguration(genomeToConfiguration(space, genome), matrix, i * width)
  return matrix
}

/**
 * A predictor from trained model files: each objective and constraint whose metric a model
 * predicts gets its predictions; the first objective must have a model (checked when the
 * experiment is decoded). A constraint with no model is not predicted.
 *
 * @example
 * const predictor = fileModelPredictor(space, objectives, constraints, [latencyModel, areaModel])
 */
export const fileModelPredictor = (
  space: Space,
  objectives: readonly StudyObjective[],
  constraints: readonly StudyConstraint[],
  models: readonly ModelFile[],
): Predictor => {
  const byMetric = new Map(models.map((model) => [model.surrogate.target, model]))
  const predictMetric = (metric: string, genomes: readonly Float64Array[]): Float64Array | undefined => {
    const model = byMetric.get(metric)
    if (model === undefined) return undefined
    return model.surrogate.predictMany(featureMatrix(space, model.featuriser, genomes), genomes.length)
  }
  return {
    name: `models(${models.map((model) => model.surrogate.target).join(", ")})`,
    predict: (genomes) => {
      const predictedObjectives = objectives.map((objective) => {
        const values = predictMetric(objective.metric, genomes) ?? new Float64Array(genomes.length)
        if (objective.direction === "maximize") for (let i = 0; i < values.length; i++) values[i] = -(values[i] as number)
        return values
      })
      const predictedConstraints: Float64Array[] = []
      for (const constraint of constraints) {
        const values = predictMetric(constraint.metric, genomes)
        if (values === undefined) continue
        for (let i = 0; i < values.length; i++) values[i] = constraintValue(constraint, values[i] as number)
        predictedConstraints.push(values)
      }
      return { objectives: predictedObjectives, constraints: predictedConstraints }
    },
  }
}

/**
 * An online predictor: models of every objective and constraint, refit on the study's told
 * trials (their design features in the study's space) each time more trials have been told.
 * Objectives are learnt from the trials that reported them (infeasible ones included: they are
 * information about the objective), constraint values from the trials that reported them; failed
 * trials teach nothing. Each fit is seeded by (seed, number of trials), so the predictions are a
 * function of the history and a resumed study screens as an uninterrupted one.
 *
 * @example
 * const predictor = onlinePredictor("edgetpu-knobs", space, { seed: "0", learner: "gbt", minTrials: 16 })
 */
export const onlinePredictor = (
  spaceSpec: string | SpaceJson,
  space: Space,
  options: { readonly seed: string; readonly learner: ModelKind; readonly minTrials: number },
): Predictor => {
  const featuriser = createFeaturiser({ kind: "study", space: spaceSpec })
  const width = featuriser.names.length
  const rows: Float64Array[] = []
  let fitted: { readonly told: number; readonly objectives: Surrogate[]; readonly constraints: Surrogate[] } | undefined

  const fit = (
    records: readonly TrialRecord[],
    read: (record: TrialRecord) => Float64Array | undefined,
    m: number,
    label: string,
  ): Surrogate => {
    const chosen = records.filter((record) => read(record) !== undefined)
    const data = datasetOf(
      featuriser.names,
      chosen.map((record) => rows[record.index] as Float64Array),
      chosen.map((record) => (read(record) as Float64Array)[m] as number),
    )
    const validationFraction = chosen.length >= 100 ? 0.1 : 0
    return trainSurrogate(data, label, {
      model: options.learner,
      seed: `${options.seed}|screen|${records.length}|${label}`,
      validationFraction,
    }).surrogate
  }

  return {
    name: `online-${options.learner}`,
    predict: (genomes, { records, directions }): Predictions | undefined => {
      for (let i = rows.length; i < records.length; i++) {
        const row = new Float64Array(width)
        featuriser.ofConfiguration(genomeToConfiguration(space, (records[i] as TrialRecord).genome), row, 0)
        rows.push(row)
      }
      const withObjectives = records.filter((record) => record.objectives !== undefined).length
      if (withObjectives < options.minTrials) return undefined
      if (fitted?.told !== records.length) {
        const constraintCount = records.find((record) => record.constraints !== undefined)?.constraints?.length ?? 0
        const withConstraints = records.filter((record) => record.constraints !== undefined).length
        fitted = {
          told: records.length,
          objectives: directions.map((_, m) => fit(records, (record) => record.objectives, m, `objective${m}`)),
          constraints:
            withConstraints < options.minTrials
              ? []
              : Array.from({ length: constraintCount }, (_, c) => fit(records, (record) => record.constraints, c, `constraint${c}`)),
        }
      }
      const matrix = featureMatrix(space, featuriser, genomes)
      return {
        objectives: fitted.objectives.map((model) => model.predictMany(matrix, genomes.length)),
        constraints: fitted.constraints.map((model) => model.predictMany(matrix, genomes.length)),
      }
    },
  }
}

/**
 * The screen settings of an experiment's `optimizer.screen`, with its predictor built (model files
 * read, or an online predictor).
 *
 * @example
 * const screen = screenSettingsOf(config, { space, spaceSpec, seed, objectives, constraints, models })
 */
export const screenSettingsOf = (
  config: ScreenConfig,
  study: {
    readonly space: Space
    readonly spaceSpec: string | SpaceJson
    readonly seed: string
    readonly objectives: readonly StudyObjective[]
    readonly constraints: readonly StudyConstraint[]
    readonly models: readonly ModelFile[]
  },
): ScreenSettings => {
  const predictor =
    config.model === "online"
      ? onlinePredictor(study.spaceSpec, study.space, {
          seed: study.seed,
          learner: config.learner ?? "gbt",
          minTrials: config.minTrials ?? DEFAULT_ONLINE_MIN_TRIALS,
        })
      : fileModelPredictor(study.space, study.objectives, study.constraints, study.models)
  return config.candidates === undefined ? { predictor } : { predictor, candidates: config.candidates }
}
