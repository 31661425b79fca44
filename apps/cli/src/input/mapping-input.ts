import type { HierarchicalAccelerator } from "@cosearch/accelerator"
import { type FixedMapping, type FixedMappings, readTimeloopMapping } from "@cosearch/cost"
import { type AnalyzedNetwork, lowerNetwork, parseMaestroDataflow, parseMaestroNetwork } from "@cosearch/network"
import type { FileSystem } from "@effect/platform"
import { Effect } from "effect"
import { CliError } from "../cli/cli-error.js"
import { readInputText } from "./input-file.js"

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value)

/** What is wrong with a mapping's shape (its factors and orders are checked against the layer later), or undefined. */
const mappingShapeIssue = (value: unknown, path: string): string | undefined => {
  if (!isRecord(value)) return `${path}: expected a mapping object with "levels" and "spatial", got ${JSON.stringify(value)}`
  if (!Array.isArray(value.levels))
    return `${path}.levels: expected an array of { "factors": {...}, "order": [...] }, one per storage level`
  for (const [i, level] of value.levels.entries()) {
    if (!isRecord(level) || !isRecord(level.factors) || !Array.isArray(level.order))
      return `${path}.levels[${i}]: expected { "factors": { "K": 4, ... }, "order": ["K", ...] }, got ${JSON.stringify(level)}`
  }
  if (!isRecord(value.spatial) || !isRecord(value.spatial.x) || !isRecord(value.spatial.y))
    return `${path}.spatial: expected { "x": { ... }, "y": { ... } }, got ${JSON.stringify(value.spatial)}`
  if (value.array !== undefined) {
    const array = value.array
    if (!isRecord(array) || typeof array.x !== "number" || typeof array.y !== "number")
      return `${path}.array: expected { "x": PEs per group, "y": groups, "clusters": true or false }, got ${JSON.stringify(array)}`
    if (array.clusters !== undefined && typeof array.clusters !== "boolean")
      return `${path}.array.clusters: expected true or false, got ${JSON.stringify(array.clusters)}`
    const extra = Object.keys(array).find((key) => !["x", "y", "clusters"].includes(key))
    if (extra !== undefined) return `${path}.array.${extra}: not an array field (x, y, clusters)`
  }
  if (value.laneSpatial !== undefined && (!isRecord(value.laneSpatial) || !isRecord(value.laneSpatial.x) || !isRecord(value.laneSpatial.y)))
    return `${path}.laneSpatial: expected { "x": { ... }, "y": { ... } }, got ${JSON.stringify(value.laneSpatial)}`
  const known = new Set(["levels", "spatial", "laneSpatial", "array"])
  const unknown = Object.keys(value).find((key) => !known.has(key))
  if (unknown !== undefined) return `${path}.${unknown}: not a mapping field (levels, spatial, laneSpatial, array)`
  return undefined
}

/**
 * A mapping file's fixed mappings (`cosearch evaluate --mapping FILE`), or the errors naming the
 * line or the JSON path and the key:
 *
 * - a MAESTRO `.m` file: a `Dataflow { ... }` block (for every layer), or a network file whose
 *   layers carry `Dataflow` blocks (each for the layer of its name);
 * - a `.json` file: one cosearch `Mapping` (`{ "levels": [...], "spatial": {...} }`, for every
 *   layer), or `{ "layers": { "<layer>": Mapping, ..., "*": Mapping } }`;
 * - a Timeloop `.yaml` mapping or printed `.map.txt` (for every layer), its targets the
 *   accelerator's level names.
 */
export const readMappingText = (
  path: string,
  text: string,
  accelerator: HierarchicalAccelerator,
): { readonly mappings: FixedMappings } | { readonly errors: readonly string[] } => {
  if (path.endsWith(".yaml") || path.endsWith(".yml") || path.endsWith(".map.txt")) {
    const read = readTimeloopMapping({ name: path, text }, accelerator)
    return read.ok ? { mappings: { "*": { mapping: read.mapping } } } : { errors: read.errors }
  }
  if (path.endsWith(".m")) {
    const start = text.replace(/\/\/[^\n]*/g, "").trimStart()
    if (start.startsWith("Dataflow")) {
      const parsed = parseMaestroDataflow(text)
      return parsed.ok ? { mappings: { "*": { directives: parsed.directives } } } : { errors: parsed.errors }
    }
    const parsed = parseMaestroNetwork(text)
    if (!parsed.ok) return { errors: parsed.errors }
    const mappings: Record<string, FixedMapping> = {}
    for (const layer of parsed.layers) if (layer.dataflow.length > 0) mappings[layer.name] = { directives: layer.dataflow }
    if (Object.keys(mappings).length === 0) return { errors: ["no layer has a Dataflow block: nothing to map"] }
    return { mappings }
  }
  if (!path.endsWith(".json"))
    return { errors: ["expected a MAESTRO .m file, a mapping .json file, or a Timeloop mapping .yaml or printed .map.txt"] }
  let document: unknown
  try {
    document = JSON.parse(text)
  } catch (error) {
    return { errors: [`not JSON: ${(error as Error).message}`] }
  }
  if (isRecord(document) && "layers" in document) {
    if (!isRecord(document.layers) || Object.keys(document.layers).length === 0)
      return { errors: ['layers: expected { "<layer name>": mapping, ... } with at least one layer'] }
    const errors: string[] = []
    const mappings: Record<string, FixedMapping> = {}
    for (const [layer, mapping] of Object.entries(document.layers)) {
      const issue = mappingShapeIssue(mapping, `layers.${layer}`)
      if (issue !== undefined) errors.push(issue)
      else mappings[layer] = { mapping }
    }
    return errors.length > 0 ? { errors } : { mappings }
  }
  const issue = mappingShapeIssue(document, "mapping")
  return issue !== undefined ? { errors: [issue] } : { mappings: { "*": { mapping: document } } }
}

/**
 * Reads `--mapping FILE` (see `readMappingText`); a file that is missing or wrong fails with every
 * error, naming the file.
 *
 * @example
 * const mappings = yield* loadMappingFile("L2_kcp_ws.m", maestro256Pe)
 */
export const loadMappingFile = (
  path: string,
  accelerator: HierarchicalAccelerator,
): Effect.Effect<FixedMappings, CliError, FileSystem.FileSystem> =>
  Effect.gen(function* () {
    const text = yield* readInputText("mapping", path)
    const read = readMappingText(path, text, accelerator)
    if ("errors" in read) return yield* new CliError({ message: `mapping file "${path}" is not valid:\n  ${read.errors.join("\n  ")}` })
    return read.mappings
  })

/**
 * The failure reasons of a fixed mapping that are its file's error (it does not fit its layer:
 * shapes, factors, orders, products, spatial spread), not the design's (a buffer too small).
 */
export const mappingFileReasons: ReadonlySet<string> = new Set(["shape", "factor", "order", "product", "spatial"])

/**
 * Why a mapping file does not fit a network: an entry naming no compute layer of it (`"*"` fits
 * any), or undefined. So that a mapping meant for another network is not silently ignored.
 *
 * @example
 * unmatchedMappingLayers({ conv9: { mapping } }, network) // 'layer "conv9" is not a compute layer of "resnet18" ...'
 */
export const unmatchedMappingLayers = (mappings: FixedMappings, network: AnalyzedNetwork): string | undefined => {
  const layers = lowerNetwork(network)
    .filter((nest) => nest.kind === "conv" || nest.kind === "matmul")
    .map((nest) => nest.layer)
  const names = new Set(layers)
  const missing = Object.keys(mappings).filter((name) => name !== "*" && !names.has(name))
  if (missing.length === 0) return undefined
  const some = layers.slice(0, 4).map((name) => `"${name}"`)
  return `${missing.map((name) => `layer "${name}"`).join(", ")} ${missing.length === 1 ? "is not a compute layer" : "are not compute layers"} of "${network.name}" (its ${layers.length}: ${some.join(", ")}${layers.length > 4 ? ", ..." : ""})`
}

/**
 * Refuses a mapping file (`--mapping path`) with an entry naming no compute layer of one of the
 * networks (`unmatchedMappingLayers`), naming the file.
 *
 * @example
 * yield* refuseUnmatchedMappings("m.json", mappings, [network])
 */
export const refuseUnmatchedMappings = (
  path: string,
  mappings: FixedMappings,
  networks: readonly AnalyzedNetwork[],
): Effect.Effect<void, CliError> => {
  for (const network of networks) {
    const unmatched = unmatchedMappingLayers(mappings, network)
    if (unmatched !== undefined) return Effect.fail(new CliError({ message: `mapping file "${path}": ${unmatched}` }))
  }
  return Effect.void
}
