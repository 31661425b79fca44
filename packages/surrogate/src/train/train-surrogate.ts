import { createRandom } from "@cosearch/space"
import { type Agreement, agreementOf } from "../agreement/agreement-of.js"
import { type Dataset, subsetOf } from "../data/dataset.js"
import { SurrogateDataError } from "../data/errors.js"
import { shuffleFront } from "../data/shuffle.js"
import { type ModelKind, type ModelOptions, modelKinds, trainModel } from "../models/registry.js"
import { type Surrogate, surrogateOf } from "./surrogate.js"

/**
 * How to train a surrogate. Model-specific knobs go under the model's key (`gbt`, `rf`, `mlp`,
 * `gp`); each documents its defaults.
 *
 * @example
 * const options: TrainOptions = { model: "gbt", seed: 1, gbt: { trees: 300 } }
 */
export interface TrainOptions extends ModelOptions {
  readonly model: ModelKind
  /** Seeds every random choice (validation split, subsamples, initial weights). */
  readonly seed: number | string
  /** Fraction of rows held out for validation and early stopping (default 0.1; 0 uses none). */
  readonly validationFraction?: number
  /** Fit log(target) (default: true when every target is positive). */
  readonly logTarget?: boolean
}

/** A trained surrogate with its agreement on the validation rows. */
export interface TrainResult {
  readonly surrogate: Surrogate
  /** Agreement on the held-out validation rows (on the training rows when none were held out). */
  readonly validation: Agreement
  /** Boosting rounds or epochs kept, for iterative models. */
  readonly epochs?: number
}

const checkOptions = (data: Dataset, target: string, options: TrainOptions): void => {
  if (!modelKinds.includes(options.model)) {
    throw new SurrogateDataError(`model: expected one of ${modelKinds.join(", ")}, got ${JSON.stringify(options.model)}`)
  }
  const fraction = options.validationFraction
  if (fraction !== undefined && !(fraction >= 0 && fraction < 1)) {
    throw new SurrogateDataError(`validationFraction: expected a number in [0, 1), got ${fraction}`)
  }
  if (target.length === 0) throw new SurrogateDataError('target: expected a name, got ""')
  if (data.rows < 2) throw new SurrogateDataError(`data: expected at least 2 rows, got ${data.rows}`)
  if (data.features.length !== data.rows * data.featureNames.length || data.targets.length !== data.rows) {
    throw new SurrogateDataError(
      `data: ${data.rows} rows of ${data.featureNames.length} features need ${data.rows * data.featureNames.length} values and ${data.rows} targets, got ${data.features.length} and ${data.targets.length}`,
    )
  }
  for (let i = 0; i < data.targets.length; i++) {
    if (!Number.isFinite(data.targets[i]))
      throw new SurrogateDataError(`data.targets[${i}]: expected a finite number, got ${data.targets[i]}`)
  }
}

/**
 * Trains a surrogate of `target` on `data`: holds out a seeded `validationFraction` of the rows
 * (for early stopping and the reported agreement), fits the model on log(target) when
 * `logTarget`, and stores `meta` (the caller's featurizer description) in the model's JSON.
 * Deterministic for a seed. Throws `SurrogateDataError` naming the field for bad data or options.
 *
 * @example
 * const { surrogate, validation } = trainSurrogate(data, "latencyMs", { model: "gbt", seed: 1 }, { space: "edgetpu-joint" })
 * console.log(validation.kendallTau, surrogate.predict(data.features))
 */
export const trainSurrogate = (
  data: Dataset,
  target: string,
  options: TrainOptions,
  meta: Readonly<Record<string, unknown>> = {},
): TrainResult => {
  checkOptions(data, target, options)
  let positive = true
  for (let i = 0; i < data.rows; i++) if (!((data.targets[i] as number) > 0)) positive = false
  const logTarget = options.logTarget ?? positive
  if (logTarget && !positive) throw new SurrogateDataError("logTarget: true needs every target > 0, but some are <= 0")

  const random = createRandom(options.seed)
  const order = Int32Array.from({ length: data.rows }, (_, i) => i)
  shuffleFront(order, data.rows, random)
  const held = Math.min(data.rows - 1, Math.floor((options.validationFraction ?? 0.1) * data.rows))
  const validationRows = order.subarray(0, held).slice().sort()
  const trainRows = order.subarray(held).slice().sort()
  const transform = (set: Dataset): Dataset => (logTarget ? { ...set, targets: set.targets.map(Math.log) } : set)
  const train = transform(subsetOf(data, trainRows))
  const validation = held > 0 ? transform(subsetOf(data, validationRows)) : undefined

  const fit = trainModel(options.model, train, validation, options, random)
  const surrogate = surrogateOf({ model: options.model, target, featureNames: data.featureNames, logTarget, meta, fitted: fit.model })

  const checkRows = held > 0 ? validationRows : trainRows
  const checked = subsetOf(data, checkRows)
  const agreement = agreementOf(checked.targets, surrogate.predictMany(checked.features, checked.rows))
  return fit.epochs === undefined ? { surrogate, validation: agreement } : { surrogate, validation: agreement, epochs: fit.epochs }
}
