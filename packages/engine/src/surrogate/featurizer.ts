import { readFileSync } from "node:fs"
import { isAbsolute, resolve } from "node:path"
import {
  type AnalyzedNetwork,
  analyzeNetworkOrThrow,
  buildZooNetwork,
  formatNb201Arch,
  type Network,
  nb201,
  nb201ArchOf,
  nb201EdgeNames,
  nb201Space,
  parseNb201Arch,
  parseNetworkJsonText,
} from "@cosearch/network"
import { type Configuration, type Space, type SpaceJson, sampleMany } from "@cosearch/space"
import { designFeatureNames, designFeatures, networkFeatureNames, networkFeatures } from "@cosearch/surrogate"
import { Either } from "effect"
import { type NamedSpace, networkPartOf } from "../spaces/named-space.js"
import { resolveStudySpace } from "../spaces/study-space.js"

/**
 * How a model's features are made, stored in the model file's `meta` so that a loaded model can
 * featurize a candidate by itself.
 *
 * - `study`: a configuration of `space` (a built-in name or a space object): its design features
 *   (the space's vector encoding), then the network features of `network`: a fixed zoo network
 *   (the study's evaluator setting), `"space"` (the network part of the configuration, decoded by
 *   the built-in space), or none.
 * - `table`: a CSV row: the numeric `columns`, then, when `networkColumn` is set, the network
 *   features of that column's network (an NB201 arch string, whose cell's one-hot encoding is
 *   added too, a zoo spec or a network JSON file).
 *
 * @example
 * const spec: FeaturizerSpec = { kind: "study", space: "edgetpu-knobs", network: { zoo: "mobilenet_v2" } }
 */
export type FeaturizerSpec =
  | {
      readonly kind: "study"
      readonly space: string | SpaceJson
      readonly network?: { readonly zoo: string } | "space"
    }
  | { readonly kind: "table"; readonly columns: readonly string[]; readonly networkColumn?: string }

/**
 * Turns a study configuration or a CSV row into a model's feature vector.
 *
 * @example
 * const featurizer = createFeaturizer({ kind: "study", space: "nb201" })
 * featurizer.ofConfiguration(configuration, out, 0)
 */
export interface Featurizer {
  readonly spec: FeaturizerSpec
  readonly names: readonly string[]
  /** Writes the features of a configuration of the study's space (a `study` featurizer, or a `table` one whose only source is an NB201 arch column). */
  readonly ofConfiguration: (configuration: Configuration, out: Float64Array, offset: number) => void
  /** Writes the features of a CSV row given as column name to text. */
  readonly ofRow: (row: Readonly<Record<string, string>>, out: Float64Array, offset: number) => void
}

/** A featurizer spec or a row that cannot be featurized; the message names the field and value. */
export class FeaturizeError extends Error {
  override readonly name = "FeaturizeError"
}

/** The network part of a built-in space's configuration: its key (for caching) and its decoded network. */
const networkPartOfEntry = (entry: NamedSpace | undefined, configuration: Configuration) =>
  entry === undefined ? undefined : networkPartOf(entry.decode(configuration), configuration)

/** Analyzes networks once per key: many rows share a network. */
const networkCache = () => {
  const cache = new Map<string, Float64Array>()
  return (key: string, build: () => AnalyzedNetwork): Float64Array => {
    let features = cache.get(key)
    if (features === undefined) {
      features = networkFeatures(build())
      if (cache.size > 50_000) cache.clear()
      cache.set(key, features)
    }
    return features
  }
}

/** The network a CSV cell names: an NB201 arch string, a zoo spec or a network JSON file. */
const cellNetwork = (text: string, column: string, baseDirectory: string): { network: Network; nb201Cell?: Configuration } => {
  if (text.startsWith("|")) {
    const parsed = parseNb201Arch(text)
    if (!parsed.ok) throw new FeaturizeError(`column "${column}": ${parsed.message}`)
    const cell = Object.fromEntries(nb201EdgeNames.map((name, i) => [name, parsed.arch[i] as string]))
    return { network: nb201(parsed.arch, { resolution: 32, classes: 10 }), nb201Cell: cell }
  }
  if (text.endsWith(".json")) {
    const path = isAbsolute(text) ? text : resolve(baseDirectory, text)
    let body: string
    try {
      body = readFileSync(path, "utf8")
    } catch (error) {
      throw new FeaturizeError(`column "${column}": cannot read network file "${path}": ${(error as Error).message}`)
    }
    const parsed = parseNetworkJsonText(body)
    if (Either.isLeft(parsed)) throw new FeaturizeError(`column "${column}": network file "${path}": ${parsed.left}`)
    return { network: parsed.right }
  }
  const built = buildZooNetwork(text)
  if (!built.ok)
    throw new FeaturizeError(
      `column "${column}": expected an NB201 arch string, a zoo network or a .json network file, got "${text}": ${built.message}`,
    )
  return { network: built.network }
}

const studyFeaturizer = (spec: Extract<FeaturizerSpec, { kind: "study" }>): Featurizer => {
  const resolved = resolveStudySpace(spec.space)
  if (Either.isLeft(resolved)) throw new FeaturizeError(resolved.left.map((issue) => `${issue.path}: ${issue.message}`).join("; "))
  const { space, entry } = resolved.right
  const design = designFeatureNames(space)
  const withNetwork = spec.network !== undefined
  const names = withNetwork ? [...design, ...networkFeatureNames] : design
  let fixed: Float64Array | undefined
  if (spec.network !== undefined && spec.network !== "space") {
    const built = buildZooNetwork(spec.network.zoo)
    if (!built.ok) throw new FeaturizeError(`network.zoo: expected a zoo network, got "${spec.network.zoo}": ${built.message}`)
    fixed = networkFeatures(analyzeNetworkOrThrow(built.network))
  }
  if (spec.network === "space" && networkPartOfEntry(entry, firstConfiguration(space)) === undefined) {
    throw new FeaturizeError(`network: "space" needs a built-in space with a network part; space ${JSON.stringify(spec.space)} has none`)
  }
  const cached = networkCache()
  const ofConfiguration = (configuration: Configuration, out: Float64Array, offset: number): void => {
    designFeatures(space, configuration, out, offset)
    if (!withNetwork) return
    let features = fixed
    if (features === undefined) {
      const part = networkPartOfEntry(entry, configuration)
      if (part === undefined) throw new FeaturizeError("the configuration has no network part")
      features = cached(part.key, () => analyzeNetworkOrThrow(part.network))
    }
    out.set(features, offset + design.length)
  }
  return {
    spec,
    names,
    ofConfiguration,
    ofRow: () => {
      throw new FeaturizeError("a study featurizer reads configurations, not CSV rows")
    },
  }
}

/** A sample configuration of a space, to probe its decoder. */
const firstConfiguration = (space: Space): Configuration => sampleMany(space, 1, "featurizer-probe")[0] ?? {}

const tableFeaturizer = (spec: Extract<FeaturizerSpec, { kind: "table" }>, baseDirectory: string): Featurizer => {
  const { columns, networkColumn } = spec
  const cellNames = designFeatureNames(nb201Space)
  const names = [...columns, ...(networkColumn === undefined ? [] : [...networkFeatureNames, ...cellNames.map((name) => `nb201.${name}`)])]
  const cached = networkCache()
  const cellWidth = cellNames.length
  const writeNetwork = (text: string, out: Float64Array, offset: number): void => {
    const column = networkColumn as string
    let cell: Configuration | undefined
    const features = cached(text, () => {
      const found = cellNetwork(text, column, baseDirectory)
      return analyzeNetworkOrThrow(found.network)
    })
    out.set(features, offset)
    if (text.startsWith("|")) {
      const parsed = parseNb201Arch(text)
      if (parsed.ok) cell = Object.fromEntries(nb201EdgeNames.map((name, i) => [name, parsed.arch[i] as string]))
    }
    if (cell === undefined) out.fill(0, offset + features.length, offset + features.length + cellWidth)
    else designFeatures(nb201Space, cell, out, offset + features.length)
  }
  const ofRow = (row: Readonly<Record<string, string>>, out: Float64Array, offset: number): void => {
    for (const [i, column] of columns.entries()) {
      const text = row[column]
      const value = Number(text)
      if (text === undefined || text.trim() === "" || !Number.isFinite(value)) {
        throw new FeaturizeError(`column "${column}": expected a number, got ${JSON.stringify(text ?? null)}`)
      }
      out[offset + i] = value
    }
    if (networkColumn !== undefined) {
      const text = row[networkColumn]
      if (text === undefined || text === "") throw new FeaturizeError(`column "${networkColumn}": expected a network, got an empty cell`)
      writeNetwork(text, out, offset + columns.length)
    }
  }
  return {
    spec,
    names,
    ofRow,
    ofConfiguration: (configuration, out, offset) => {
      // A configuration with the six NB201 edges stands for the arch string of its cell.
      if (columns.length > 0 || networkColumn === undefined || !nb201EdgeNames.every((name) => typeof configuration[name] === "string")) {
        throw new FeaturizeError(
          `this model reads CSV columns (${names.slice(0, 4).join(", ")}${names.length > 4 ? ", ..." : ""}), not configurations; only a model whose one feature source is an NB201 arch column reads NB201 configurations`,
        )
      }
      writeNetwork(formatNb201Arch(nb201ArchOf(configuration)), out, offset)
    },
  }
}

/**
 * The featurizer a spec describes; relative network files in a table are read from `baseDirectory`.
 *
 * @throws FeaturizeError naming the field when the spec cannot be used.
 * @example
 * const featurizer = createFeaturizer({ kind: "table", columns: [], networkColumn: "arch_str" })
 */
export const createFeaturizer = (spec: FeaturizerSpec, baseDirectory = "."): Featurizer =>
  spec.kind === "study" ? studyFeaturizer(spec) : tableFeaturizer(spec, baseDirectory)
