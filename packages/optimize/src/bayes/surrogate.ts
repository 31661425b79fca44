import { type GaussianProcess, type Prediction, predict } from "../gp/gaussian-process.js"
import type { HyperparameterBounds } from "../gp/hyperparameters.js"
import type { OutputTransform } from "../gp/output-transform.js"

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
