import {
  constraintValue,
  type Predictions,
  type Predictor,
  type ScreenSettings,
  type StudyConstraint,
  type StudyObjective,
  type TrialRecord,
} from "@cosearch/optimize"
import { genomeToConfiguration, type Space, type SpaceJson } from "@cosearch/space"
import { datasetOf, type ModelKind, type Surrogate, trainSurrogate } from "@cosearch/surrogate"
import type { Evaluate } from "../evaluators/evaluator.js"
import { createFeaturizer, type Featurizer } from "../surrogate/featurizer.js"
import type { ModelFile } from "../surrogate/model-file.js"
import type { ScreenConfig } from "./schema.js"

/** The default trials with objective values before an online screen starts ranking. */
export const DEFAULT_ONLINE_MIN_TRIALS = 16

/** Featurizes genomes of the study's space into one row-major matrix. */
const featureMatrix = (space: Space, featurizer: Featurizer, genomes: readonly Float64Array[]): Float64Array => {
  const width = featurizer.names.length
  const matrix = new Float64Array(genomes.length * width)
  for (const [i, genome] of genomes.entries()) featurizer.ofConfiguration(genomeToConfiguration(space, genome), matrix, i * width)
  return matrix
}

/**
 * A predictor from trained model files: each objective and constraint whose metric a model
 * predicts gets its predictions; the first objective must have a model (checked when the
 * experiment is decoded). A constraint with no model is taken to hold.
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
    return model.surrogate.predictMany(featureMatrix(space, model.featurizer, genomes), genomes.length)
  }
  return {
    name: `models(${models.map((model) => model.surrogate.target).join(", ")})`,
    predict: (genomes) => {
      const predictedObjectives = objectives.map((objective) => {
        const values = predictMetric(objective.metric, genomes) ?? new Float64Array(genomes.length)
        if (objective.direction === "maximize") for (let i = 0; i < values.length; i++) values[i] = -(values[i] as number)
        return values
      })
      const predictedConstraints = constraints.map((constraint) => {
        const values = predictMetric(constraint.metric, genomes)
        // A constraint no model predicts is taken to hold.
        if (values === undefined) return new Float64Array(genomes.length)
        for (let i = 0; i < values.length; i++) values[i] = constraintValue(constraint, values[i] as number)
        return values
      })
      return { objectives: predictedObjectives, constraints: predictedConstraints }
    },
  }
}

/**
 * An online predictor: models of every objective and constraint, refit on the study's told
 * trials (their design features in the study's space) each time more trials have been told.
 * Objectives are learnt from the trials that reported them (infeasible ones included: they are
 * information about the objective), constraint values from the trials that reported them, and
 * the evaluator's own infeasibility (designs it could not run) as one more constraint; failed
 * trials teach nothing. Each fit is seeded by (seed, number of trials), so the predictions are a
 * function of the history and a resumed study screens as an uninterrupted one.
 *
 * @example
 * const predictor = onlinePredictor("edgetpu-knobs", space, { seed: "0", learner: "gbt", minTrials: 16 })
 */
export const onlinePredictor = (
  spaceSpec: string | SpaceJson,
  space: Space,
  options: {
    readonly seed: string
    readonly learner: ModelKind
    readonly minTrials: number
    /** Constraints computed exactly (not to be modeled), by index. */
    readonly exactConstraints?: readonly boolean[]
  },
): Predictor => {
  const featurizer = createFeaturizer({ kind: "study", space: spaceSpec })
  const width = featurizer.names.length
  const rows: Float64Array[] = []
  let fitted:
    | {
        readonly told: number
        readonly objectives: Surrogate[]
        readonly constraints: (Surrogate | undefined)[]
        readonly infeasibility: Surrogate | undefined
      }
    | undefined

  const fit = (
    records: readonly TrialRecord[],
    read: (record: TrialRecord) => number | undefined,
    label: string,
    logTarget?: boolean,
  ): Surrogate => {
    const chosen = records.filter((record) => read(record) !== undefined)
    const data = datasetOf(
      featurizer.names,
      chosen.map((record) => rows[record.index] as Float64Array),
      chosen.map((record) => read(record) as number),
    )
    // Forests do not use validation rows; boosting stops early on them once there are enough.
    const validationFraction = options.learner !== "rf" && chosen.length >= 100 ? 0.1 : 0
    const seed = `${options.seed}|screen|${records.length}|${label}`
    return trainSurrogate(data, label, {
      model: options.learner,
      seed,
      validationFraction,
      ...(logTarget === undefined ? {} : { logTarget }),
    }).surrogate
  }

  /**
   * The evaluator's own infeasibility (a design it cannot run, reported with no values) as one
   * more constraint: a model of "was infeasible without values" (1) against "reported values"
   * (0), whose prediction minus one half holds when <= 0. None until both kinds were seen.
   */
  const bareInfeasibility = (records: readonly TrialRecord[]): Surrogate | undefined => {
    const isBare = (record: TrialRecord) => record.status === "infeasible" && record.objectives === undefined
    const bare = records.filter(isBare).length
    const informative = records.filter((record) => record.objectives !== undefined).length
    if (bare === 0 || informative === 0) return undefined
    return fit(records, (record) => (record.status === "failed" ? undefined : isBare(record) ? 1 : 0), "infeasible", false)
  }

  return {
    name: `online-${options.learner}`,
    predict: (genomes, { records, directions }): Predictions | undefined => {
      for (let i = rows.length; i < records.length; i++) {
        const row = new Float64Array(width)
        featurizer.ofConfiguration(genomeToConfiguration(space, (records[i] as TrialRecord).genome), row, 0)
        rows.push(row)
      }
      const withObjectives = records.filter((record) => record.objectives !== undefined).length
      if (withObjectives < options.minTrials) return undefined
      if (fitted?.told !== records.length) {
        const constraintCount = records.find((record) => record.constraints !== undefined)?.constraints?.length ?? 0
        const withConstraints = records.filter((record) => record.constraints !== undefined).length
        const constraints = Array.from({ length: constraintCount }, (_, c) =>
          withConstraints < options.minTrials || options.exactConstraints?.[c] === true
            ? undefined
            : fit(records, (record) => record.constraints?.[c], `constraint${c}`),
        )
        const infeasibility = bareInfeasibility(records)
        fitted = {
          told: records.length,
          objectives: directions.map((_, m) => fit(records, (record) => record.objectives?.[m], `objective${m}`)),
          constraints,
          infeasibility,
        }
      }
      const matrix = featureMatrix(space, featurizer, genomes)
      // A constraint not modeled (too few trials, or computed exactly instead) is taken to hold here.
      const constraints = fitted.constraints.map((model) =>
        model === undefined ? new Float64Array(genomes.length) : model.predictMany(matrix, genomes.length),
      )
      if (fitted.infeasibility !== undefined) {
        const share = fitted.infeasibility.predictMany(matrix, genomes.length)
        for (let i = 0; i < share.length; i++) share[i] = (share[i] as number) - 0.5
        constraints.push(share)
      }
      return { objectives: fitted.objectives.map((model) => model.predictMany(matrix, genomes.length)), constraints }
    },
  }
}

/**
 * A predictor whose objectives and constraints named by the metrics of a cheap `exact`
 * evaluator are computed by it instead of predicted; the others come from `base`, whose
 * constraint predictions are in the study's constraint order (extra ones after).
 *
 * @example
 * const predictor = withExactMetrics(onlineModel, areaOnly, space, objectives, constraints)
 */
export const withExactMetrics = (
  base: Predictor,
  exact: Evaluate,
  space: Space,
  objectives: readonly StudyObjective[],
  constraints: readonly StudyConstraint[],
): Predictor => ({
  name: `${base.name}+exact`,
  predict: (genomes, context) => {
    const predicted = base.predict(genomes, context)
    if (predicted === undefined) return undefined
    const metrics = genomes.map((genome) => {
      const evaluation = exact({ study: "screen", number: -1, configuration: genomeToConfiguration(space, genome) })
      if (evaluation instanceof Promise) throw new Error("optimizer.screen.exact must be an evaluator that answers at once (such as area)")
      return evaluation.metrics
    })
    const exactOf = (metric: string): Float64Array | undefined => {
      if (!metrics.every((record) => typeof record[metric] === "number")) return undefined
      return Float64Array.from(metrics, (record) => record[metric] as number)
    }
    const predictedObjectives = objectives.map((objective, m) => {
      const values = exactOf(objective.metric)
      if (values === undefined) return predicted.objectives[m] as Float64Array
      if (objective.direction === "maximize") for (let i = 0; i < values.length; i++) values[i] = -(values[i] as number)
      return values
    })
    const predictedConstraints = [...(predicted.constraints ?? [])]
    for (const [c, constraint] of constraints.entries()) {
      const values = exactOf(constraint.metric)
      if (values === undefined) continue
      for (let i = 0; i < values.length; i++) values[i] = constraintValue(constraint, values[i] as number)
      predictedConstraints[c] = values
    }
    return { objectives: predictedObjectives, constraints: predictedConstraints }
  },
})

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
    /** The evaluate function of `config.exact`, when set. */
    readonly exact?: Evaluate | undefined
    /** The metrics `exact` reports. */
    readonly exactMetrics?: ReadonlySet<string> | undefined
  },
): ScreenSettings => {
  const exactMetrics = study.exactMetrics ?? new Set<string>()
  const base =
    config.model === "online"
      ? onlinePredictor(study.spaceSpec, study.space, {
          seed: study.seed,
          learner: config.learner ?? "gbt",
          minTrials: config.minTrials ?? DEFAULT_ONLINE_MIN_TRIALS,
          exactConstraints: study.constraints.map((constraint) => exactMetrics.has(constraint.metric)),
        })
      : fileModelPredictor(study.space, study.objectives, study.constraints, study.models)
  const predictor = study.exact === undefined ? base : withExactMetrics(base, study.exact, study.space, study.objectives, study.constraints)
  return {
    predictor,
    ...(config.candidates === undefined ? {} : { candidates: config.candidates }),
    ...(config.refine === undefined ? {} : { refine: config.refine }),
    ...(config.random === undefined ? {} : { random: config.random }),
  }
}
