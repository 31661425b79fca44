import type { Random } from "@cosearch/space"
import type { Dataset } from "../data/dataset.js"
import type { JsonReader } from "../json/read-json.js"

/** A trained model, predicting in the (possibly log-) transformed target space. */
export interface FittedModel {
  /** The prediction for the row of `features` starting at `offset`; allocates nothing. */
  readonly predict: (features: ArrayLike<number>, offset: number) => number
  /** Predictions for `rows` rows of `width` features into `out`, when the model has a faster batch path than row by row (identical values). */
  readonly predictMany?: (features: Float64Array, rows: number, width: number, out: Float64Array) => void
  /** The model's parameters as plain JSON (typed arrays as number arrays). */
  readonly toJSON: () => Record<string, unknown>
}

/** What a trainer returns: the model and, for iterative ones, the rounds or epochs kept. */
export interface ModelFit {
  readonly model: FittedModel
  readonly epochs?: number
}

/** A trainer of one kind: training rows, optional validation rows (targets already transformed), a seeded source. */
export type ModelTrainer<Options> = (train: Dataset, validation: Dataset | undefined, options: Options, random: Random) => ModelFit

/** Mean squared error of a model on a dataset. */
export const meanSquaredError = (predict: (features: Float64Array, offset: number) => number, data: Dataset): number => {
  const width = data.featureNames.length
  let error = 0
  for (let i = 0; i < data.rows; i++) error += (predict(data.features, i * width) - (data.targets[i] as number)) ** 2
  return data.rows === 0 ? 0 : error / data.rows
}

/**
 * One model kind: how it trains (with its own options) and how it loads its saved `parameters`.
 * Each kind's file exports one; `modelRegistry` lists them.
 *
 * @example
 * const entry: ModelEntry<MlpOptions> = { train: trainMlp, load: mlpFromJson }
 */
export interface ModelEntry<Options> {
  readonly train: ModelTrainer<Options>
  /** Reads the `parameters` of a saved model with `width` features. */
  readonly load: (json: JsonReader, width: number) => FittedModel
}
