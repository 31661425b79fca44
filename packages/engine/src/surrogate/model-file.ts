import { readFileSync, renameSync, rmSync, writeFileSync } from "node:fs"
import { type Surrogate, surrogateFromJson } from "@cosearch/surrogate"
import { createFeaturizer, FeaturizeError, type Featurizer, type FeaturizerSpec } from "./featurizer.js"

/**
 * A saved surrogate with the featurizer its `meta.featurizer` describes: all it takes to predict
 * a candidate's metric.
 *
 * @example
 * const { surrogate, featurizer } = readModelFile("latency.json")
 */
export interface ModelFile {
  readonly path: string
  readonly surrogate: Surrogate
  readonly featurizer: Featurizer
}

/**
 * The `meta` written with a model trained by cosearch: the featurizer and where the data came from.
 *
 * @example
 * const meta: ModelMeta = { featurizer: { kind: "study", space: "edgetpu-knobs" }, data: "study apollo in x.db" }
 */
export interface ModelMeta {
  readonly featurizer: FeaturizerSpec
  readonly data: string
  readonly [key: string]: unknown
}

/** The `meta` field naming the featurizer in model files written before the spelling change. */
const legacyFeaturizerKey = "featuriser"

const isSpec = (value: unknown): value is FeaturizerSpec => {
  const kind = (value as { kind?: unknown } | null)?.kind
  return typeof value === "object" && value !== null && (kind === "study" || kind === "table")
}

/**
 * Reads a model file and builds its featurizer.
 *
 * @throws FeaturizeError naming the file and the field (a missing file, bad JSON, a bad model or featurizer).
 * @example
 * const model = readModelFile("experiments/models/apollo-latency.json")
 */
export const readModelFile = (path: string, baseDirectory = "."): ModelFile => {
  let text: string
  try {
    text = readFileSync(path, "utf8")
  } catch (error) {
    throw new FeaturizeError(`cannot read model file "${path}": ${(error as Error).message}`)
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw new FeaturizeError(`model file "${path}" is not JSON: ${(error as Error).message}`)
  }
  let surrogate: Surrogate
  try {
    surrogate = surrogateFromJson(json)
  } catch (error) {
    throw new FeaturizeError(`model file "${path}": ${(error as Error).message}`)
  }
  // Model files written before the repository settled on American spelling name the field
  // `featuriser`; they still read.
  const spec = surrogate.meta.featurizer ?? surrogate.meta[legacyFeaturizerKey]
  if (!isSpec(spec)) {
    throw new FeaturizeError(
      `model file "${path}": meta.featurizer: expected a featurizer ({ "kind": "study" | "table", ... }), got ${JSON.stringify(spec) ?? "nothing"}`,
    )
  }
  let featurizer: Featurizer
  try {
    featurizer = createFeaturizer(spec, baseDirectory)
  } catch (error) {
    throw new FeaturizeError(`model file "${path}": meta.featurizer.${(error as Error).message}`)
  }
  if (featurizer.names.join("\n") !== surrogate.featureNames.join("\n")) {
    throw new FeaturizeError(
      `model file "${path}": featureNames: the model has ${surrogate.featureNames.length} features, its featurizer makes ${featurizer.names.length} others (was it trained by another version?)`,
    )
  }
  return { path, surrogate, featurizer }
}

/**
 * Writes a surrogate's JSON to `path` atomically: to a temporary file beside it, then renamed, so
 * that a crash leaves the old file or the new one, never half of one.
 *
 * @example
 * writeModelFile("model.json", surrogate)
 */
export const writeModelFile = (path: string, surrogate: Surrogate): void => {
  const temporary = `${path}.${process.pid}.tmp`
  try {
    writeFileSync(temporary, `${JSON.stringify(surrogate.toJSON())}\n`)
    renameSync(temporary, path)
  } catch (error) {
    rmSync(temporary, { force: true })
    throw new FeaturizeError(`cannot write model file "${path}": ${(error as Error).message}`)
  }
}
