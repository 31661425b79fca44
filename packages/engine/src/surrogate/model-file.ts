import { readFileSync, renameSync, rmSync, writeFileSync } from "node:fs"
import { type Surrogate, surrogateFromJson } from "@cosearch/surrogate"
import { createFeaturiser, FeaturiseError, type Featuriser, type FeaturiserSpec } from "./featuriser.js"

/**
 * A saved surrogate with the featuriser its `meta.featuriser` describes: all it takes to predict
 * a candidate's metric.
 *
 * @example
 * const { surrogate, featuriser } = readModelFile("latency.json")
 */
export interface ModelFile {
  readonly path: string
  readonly surrogate: Surrogate
  readonly featuriser: Featuriser
}

/**
 * The `meta` written with a model trained by cosearch: the featuriser and where the data came from.
 *
 * @example
 * const meta: ModelMeta = { featuriser: { kind: "study", space: "edgetpu-knobs" }, data: "study apollo in x.db" }
 */
export interface ModelMeta {
  readonly featuriser: FeaturiserSpec
  readonly data: string
  readonly [key: string]: unknown
}

const isSpec = (value: unknown): value is FeaturiserSpec => {
  const kind = (value as { kind?: unknown } | null)?.kind
  return typeof value === "object" && value !== null && (kind === "study" || kind === "table")
}

/**
 * Reads a model file and builds its featuriser.
 *
 * @throws FeaturiseError naming the file and the field (a missing file, bad JSON, a bad model or featuriser).
 * @example
 * const model = readModelFile("experiments/models/apollo-latency.json")
 */
export const readModelFile = (path: string, baseDirectory = "."): ModelFile => {
  let text: string
  try {
    text = readFileSync(path, "utf8")
  } catch (error) {
    throw new FeaturiseError(`cannot read model file "${path}": ${(error as Error).message}`)
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw new FeaturiseError(`model file "${path}" is not JSON: ${(error as Error).message}`)
  }
  let surrogate: Surrogate
  try {
    surrogate = surrogateFromJson(json)
  } catch (error) {
    throw new FeaturiseError(`model file "${path}": ${(error as Error).message}`)
  }
  const spec = surrogate.meta.featuriser
  if (!isSpec(spec)) {
    throw new FeaturiseError(
      `model file "${path}": meta.featuriser: expected a featuriser ({ "kind": "study" | "table", ... }), got ${JSON.stringify(spec) ?? "nothing"}`,
    )
  }
  let featuriser: Featuriser
  try {
    featuriser = createFeaturiser(spec, baseDirectory)
  } catch (error) {
    throw new FeaturiseError(`model file "${path}": meta.featuriser.${(error as Error).message}`)
  }
  if (featuriser.names.join("\n") !== surrogate.featureNames.join("\n")) {
    throw new FeaturiseError(
      `model file "${path}": featureNames: the model has ${surrogate.featureNames.length} features, its featuriser makes ${featuriser.names.length} others (was it trained by another version?)`,
    )
  }
  return { path, surrogate, featuriser }
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
    throw new FeaturiseError(`cannot write model file "${path}": ${(error as Error).message}`)
  }
}
