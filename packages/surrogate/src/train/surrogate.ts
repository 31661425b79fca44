import { SurrogateDataError } from "../data/errors.js"
import { JsonReader, readBoolean, readString, readStringArray } from "../json/read-json.js"
import type { FittedModel } from "../models/model.js"
import { type ModelKind, modelKinds, modelRegistry } from "../models/registry.js"

/** The JSON form of a surrogate: what `toJSON` writes and `surrogateFromJson` reads. */
export interface SurrogateJson {
  readonly format: "cosearch-surrogate"
  readonly version: 1
  readonly model: ModelKind
  readonly target: string
  readonly featureNames: readonly string[]
  /** Whether the model fits log(target); predictions are exp of the model's output then. */
  readonly logTarget: boolean
  /** The caller's record (the featurizer description: space, network spec, ...). */
  readonly meta: Readonly<Record<string, unknown>>
  /** The model's own parameters (trees, weights, training points). */
  readonly parameters: Readonly<Record<string, unknown>>
}

/**
 * A trained predictor of one target from a fixed feature vector: microseconds per prediction.
 *
 * @example
 * const latency = surrogate.predict(features)             // one row
 * const all = surrogate.predictMany(matrix, rows)          // row-major rows x featureNames.length
 */
export interface Surrogate {
  readonly model: ModelKind
  readonly target: string
  readonly featureNames: readonly string[]
  readonly logTarget: boolean
  readonly meta: Readonly<Record<string, unknown>>
  /** The prediction for the row of `features` starting at `offset` (default 0). Allocates nothing. */
  predict(features: Float64Array, offset?: number): number
  /** Predictions for `rows` rows (row-major), into `out` when given. */
  predictMany(features: Float64Array, rows: number, out?: Float64Array): Float64Array
  /** Plain JSON, `meta` included; `surrogateFromJson` restores a surrogate that predicts identically. */
  toJSON(): SurrogateJson
}

interface SurrogateParts {
  readonly model: ModelKind
  readonly target: string
  readonly featureNames: readonly string[]
  readonly logTarget: boolean
  readonly meta: Readonly<Record<string, unknown>>
  readonly fitted: FittedModel
}

/** A surrogate around a fitted model: undoes the target transform, checks batch sizes. */
export const surrogateOf = (parts: SurrogateParts): Surrogate => {
  const { fitted, logTarget } = parts
  const width = parts.featureNames.length
  const predict = logTarget
    ? (features: Float64Array, offset = 0): number => Math.exp(fitted.predict(features, offset))
    : (features: Float64Array, offset = 0): number => fitted.predict(features, offset)
  return {
    model: parts.model,
    target: parts.target,
    featureNames: parts.featureNames,
    logTarget,
    meta: parts.meta,
    predict,
    predictMany: (features, rows, out) => {
      if (!(Number.isInteger(rows) && rows >= 0) || features.length < rows * width) {
        throw new SurrogateDataError(
          `predictMany: expected ${rows} rows of ${width} features (${rows * width} values), got ${features.length} values`,
        )
      }
      const result = out ?? new Float64Array(rows)
      if (result.length < rows) throw new SurrogateDataError(`predictMany: out holds ${result.length} values, ${rows} needed`)
      if (fitted.predictMany === undefined) for (let i = 0; i < rows; i++) result[i] = predict(features, i * width)
      else {
        fitted.predictMany(features, rows, width, result)
        if (logTarget) for (let i = 0; i < rows; i++) result[i] = Math.exp(result[i] as number)
      }
      return result
    },
    toJSON: () => ({
      format: "cosearch-surrogate",
      version: 1,
      model: parts.model,
      target: parts.target,
      featureNames: [...parts.featureNames],
      logTarget,
      meta: parts.meta,
      parameters: fitted.toJSON(),
    }),
  }
}

/**
 * Restores a surrogate from its JSON (`Surrogate.toJSON`, or the parsed text of a saved model
 * file). Throws `SurrogateFormatError` whose message names the JSON path and the value found.
 *
 * @example
 * const surrogate = surrogateFromJson(JSON.parse(readFileSync("model.json", "utf8")))
 */
export const surrogateFromJson = (json: unknown): Surrogate => {
  const root = new JsonReader(json)
  if (typeof json !== "object" || json === null || Array.isArray(json)) root.fail("a surrogate object")
  if (root.at("format").value !== "cosearch-surrogate") root.at("format").fail('"cosearch-surrogate"')
  if (root.at("version").value !== 1) root.at("version").fail("1")
  const model = readString(root.at("model"))
  const entry = modelRegistry[model as ModelKind]
  if (entry === undefined) root.at("model").fail(`one of ${modelKinds.join(", ")}`)
  const featureNames = readStringArray(root.at("featureNames"))
  if (featureNames.length === 0) root.at("featureNames").fail("at least one feature name")
  const meta = root.at("meta")
  if (typeof meta.value !== "object" || meta.value === null || Array.isArray(meta.value)) meta.fail("an object")
  const parameters = root.at("parameters")
  if (parameters.at("kind").value !== model) parameters.at("kind").fail(JSON.stringify(model))
  return surrogateOf({
    model: model as ModelKind,
    target: readString(root.at("target")),
    featureNames,
    logTarget: readBoolean(root.at("logTarget")),
    meta: meta.value as Record<string, unknown>,
    fitted: (entry as NonNullable<typeof entry>).load(parameters, featureNames.length),
  })
}
