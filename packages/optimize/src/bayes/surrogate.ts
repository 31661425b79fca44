import { encodeGenome, type Space, vectorLength } from "@cosearch/space"
import { conditionGaussianProcess, type GaussianProcess, type Prediction, predict } from "../gp/gaussian-process.js"
import type { GpData } from "../gp/gp-data.js"
import { defaultHyperparameters, type HyperparameterBounds, type Hyperparameters } from "../gp/hyperparameters.js"
import { fitHyperparameters } from "../gp/likelihood.js"
import { type OutputTransform, transformTargets } from "../gp/output-transform.js"
import type { TrialRecord } from "../trial/record.js"
import type { ModelledOutput } from "./outputs.js"

/**
 * How the GP of one output is built.
 *
 * @example
 * const settings: SurrogateSettings = { transform: "rank", maxPoints: 300, refitGrowth: 0.15, fitSteps: 30 }
 */
export interface SurrogateSettings {
  readonly transform: OutputTransform
  /** The most points a GP is fitted on: the best half of the cap by target, then the most recent. */
  readonly maxPoints: number
  /** Hyperparameters are refitted when the history has grown by this fraction since the last fit. */
  readonly refitGrowth: number
  /** Adam steps of a refit, warm-started from the previous fit (twice as many for the first). */
  readonly fitSteps: number
  readonly bounds?: HyperparameterBounds
}

/**
 * A conditioned GP of one output, with the map from its units to prediction units
 * (`offset + scale * m`, plus the prior's mean when it models residuals of a warm start).
 *
 * @example
 * const out = { mean: 0, variance: 0 }
 * predictOutput(model, vectors, 0, out)
 */
export interface OutputModel {
  readonly process: GaussianProcess
  readonly offset: number
  readonly scale: number
  readonly prior: OutputModel | undefined
  /** The observed targets in prediction units, and whether each came from a feasible trial. */
  readonly observed: Float64Array
  readonly feasible: Uint8Array
}

/**
 * Predicts an output at row `row` of `points` in prediction units.
 *
 * @example
 * predictOutput(model, vectors, 3, prediction).mean
 */
export const predictOutput = (model: OutputModel, points: Float64Array, row: number, out: Prediction): Prediction => {
  predict(model.process, points, row, out)
  out.mean = model.offset + model.scale * out.mean
  out.variance *= model.scale * model.scale
  if (model.prior !== undefined) {
    const variance = out.variance
    const mean = out.mean
    predictOutput(model.prior, points, row, out)
    out.mean += mean
    out.variance = variance
  }
  return out
}

const vectorCache = new WeakMap<TrialRecord, Float64Array>()

/**
 * The vector encoding of a record's genome (cached per record).
 *
 * @example
 * const vector = recordVector(space, record)
 */
export const recordVector = (space: Space, record: TrialRecord): Float64Array => {
  let vector = vectorCache.get(record)
  if (vector === undefined) {
    vector = encodeGenome(space, record.genome)
    vectorCache.set(record, vector)
  }
  return vector
}

/** The records an output is fitted on: those with a target, capped (best half of the cap, then the most recent). */
const selectRecords = (records: readonly TrialRecord[], count: number, output: ModelledOutput, maxPoints: number): TrialRecord[] => {
  const withTarget: TrialRecord[] = []
  for (let i = 0; i < count; i++) {
    const record = records[i] as TrialRecord
    if (output.target(record) !== undefined) withTarget.push(record)
  }
  if (withTarget.length <= maxPoints) return withTarget
  const target = (record: TrialRecord): number => output.target(record) as number
  const best = [...withTarget].sort((a, b) => target(a) - target(b) || a.index - b.index).slice(0, Math.floor(maxPoints / 2))
  const kept = new Set(best)
  for (let i = withTarget.length - 1; i >= 0 && kept.size < maxPoints; i--) kept.add(withTarget[i] as TrialRecord)
  return withTarget.filter((record) => kept.has(record))
}

interface Built {
  readonly data: GpData
  readonly offset: number
  readonly scale: number
  readonly observed: Float64Array
  readonly feasible: Uint8Array
}

const buildData = (
  space: Space,
  records: readonly TrialRecord[],
  count: number,
  output: ModelledOutput,
  prior: OutputModel | undefined,
  settings: SurrogateSettings,
): Built => {
  const chosen = selectRecords(records, count, output, settings.maxPoints)
  const d = vectorLength(space)
  const n = chosen.length
  const x = new Float64Array(n * d)
  const raw = new Float64Array(n)
  const feasible = new Uint8Array(n)
  const prediction = { mean: 0, variance: 0 }
  chosen.forEach((record, row) => {
    x.set(recordVector(space, record), row * d)
    raw[row] = output.target(record) as number
    feasible[row] = record.status === "feasible" ? 1 : 0
  })
  const priorMean = new Float64Array(n)
  if (prior !== undefined) for (let row = 0; row < n; row++) priorMean[row] = predictOutput(prior, x, row, prediction).mean
  const residual = raw.map((value, row) => value - (priorMean[row] as number))
  const transform = prior === undefined && output.rankable ? settings.transform : "standardize"
  const { values, offset, scale } = transformTargets(residual, transform)
  // Prediction units: original units when standardised (plus the prior), normal scores when ranked.
  const observed = transform === "rank" ? values : raw
  return { data: { x, y: values, n, d }, offset, scale, observed, feasible }
}

/**
 * Fitted hyperparameters of each output along the history (see `createHyperparameterChain`).
 *
 * @example
 * const theta = chain.at(records, records.length, objectiveOutput, undefined)
 */
export interface HyperparameterChain {
  /** The hyperparameters of the last scheduled fit at or before `count` records (undefined before any). */
  readonly at: (
    records: readonly TrialRecord[],
    count: number,
    output: ModelledOutput,
    prior: OutputModel | undefined,
  ) => Hyperparameters | undefined
}

/**
 * Hyperparameters fitted along a schedule of history sizes, each fit warm-started from the one
 * before. The schedule depends on the history alone (refit at 2, 3, ... points, then whenever it
 * has grown by `refitGrowth`), so a resumed study fits the same hyperparameters as an
 * uninterrupted one, whatever the batch sizes were.
 *
 * @example
 * const chain = createHyperparameterChain(space, settings)
 * const theta = chain.at(records, records.length, objectiveOutput, undefined)
 */
export const createHyperparameterChain = (space: Space, settings: SurrogateSettings): HyperparameterChain => {
  const chains = new WeakMap<readonly TrialRecord[], Map<string, { fittedAt: number; theta: Hyperparameters | undefined }>>()
  const next = (point: number): number => (point < 2 ? 2 : Math.max(point + 1, Math.floor(point * (1 + settings.refitGrowth))))
  return {
    at: (
      records: readonly TrialRecord[],
      count: number,
      output: ModelledOutput,
      prior: OutputModel | undefined,
    ): Hyperparameters | undefined => {
      let byOutput = chains.get(records)
      if (byOutput === undefined) {
        byOutput = new Map()
        chains.set(records, byOutput)
      }
      let chain = byOutput.get(output.name)
      if (chain === undefined) {
        chain = { fittedAt: 0, theta: undefined }
        byOutput.set(output.name, chain)
      }
      for (let point = next(chain.fittedAt); point <= count; point = next(point)) {
        const { data } = buildData(space, records, point, output, prior, settings)
        if (data.n >= 2) {
          const start = chain.theta ?? defaultHyperparameters(data.d)
          const steps = chain.theta === undefined ? 2 * settings.fitSteps : settings.fitSteps
          chain.theta = fitHyperparameters(data, start, {
            steps,
            ...(settings.bounds === undefined ? {} : { bounds: settings.bounds }),
          }).theta
        }
        chain.fittedAt = point
      }
      return chain.theta
    },
  }
}

/**
 * Conditions the GP of an output on the first `count` records with the given hyperparameters
 * (defaults when none were fitted yet); undefined when the output has no data or the covariance
 * cannot be factorised.
 *
 * @example
 * const model = conditionOutput(space, records, records.length, objectiveOutput, theta, undefined, settings)
 */
export const conditionOutput = (
  space: Space,
  records: readonly TrialRecord[],
  count: number,
  output: ModelledOutput,
  theta: Hyperparameters | undefined,
  prior: OutputModel | undefined,
  settings: SurrogateSettings,
): OutputModel | undefined => {
  const built = buildData(space, records, count, output, prior, settings)
  if (built.data.n === 0) return undefined
  const result = conditionGaussianProcess(built.data, theta ?? defaultHyperparameters(built.data.d))
  if (!result.ok) return undefined
  return { process: result.process, offset: built.offset, scale: built.scale, prior, observed: built.observed, feasible: built.feasible }
}

/**
 * The model with one more (imagined) observation: `value` in the GP's own units at `vector`. The
 * batch rules (kriging believer, constant liar) add their pending points this way.
 *
 * @example
 * const believed = extendOutput(model, vector, believedValue)
 */
export const extendOutput = (model: OutputModel, vector: Float64Array, value: number): OutputModel | undefined => {
  const { data, theta } = model.process
  const x = new Float64Array((data.n + 1) * data.d)
  x.set(data.x)
  x.set(vector, data.n * data.d)
  const y = new Float64Array(data.n + 1)
  y.set(data.y)
  y[data.n] = value
  const result = conditionGaussianProcess({ x, y, n: data.n + 1, d: data.d }, theta)
  if (!result.ok) return undefined
  const observed = new Float64Array(data.n + 1)
  observed.set(model.observed)
  observed[data.n] = Number.NaN
  const feasible = new Uint8Array(data.n + 1)
  feasible.set(model.feasible)
  return { ...model, process: result.process, observed, feasible }
}

/**
 * Fits a model of an output on a previous study's records, from default hyperparameters: the
 * prior of a warm-started GP-BO.
 *
 * @example
 * const prior = fitPriorOutput(space, oldRecords, objectiveOutput, settings)
 */
export const fitPriorOutput = (
  space: Space,
  records: readonly TrialRecord[],
  output: ModelledOutput,
  settings: SurrogateSettings,
): OutputModel | undefined => {
  const standardized = { ...settings, transform: "standardize" as const }
  const built = buildData(space, records, records.length, output, undefined, standardized)
  if (built.data.n < 2) return undefined
  const options = { steps: 4 * settings.fitSteps, ...(settings.bounds === undefined ? {} : { bounds: settings.bounds }) }
  const { theta } = fitHyperparameters(built.data, defaultHyperparameters(built.data.d), options)
  return conditionOutput(space, records, records.length, output, theta, undefined, standardized)
}
