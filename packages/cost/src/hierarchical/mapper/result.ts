import type { HierarchicalAccelerator } from "@cosearch/accelerator"
import type { LoopNest } from "@cosearch/network"
import type { DataflowFamilyName, DataflowName } from "../../kind/cost-options.js"
import { acceleratorInfo } from "../kernel/accelerator-info.js"
import { evaluateMapping } from "../kernel/evaluate.js"
import type { MappingCost, MappingInfeasible } from "../kernel/result.js"
import type { MappingIssue } from "../mapping/issues.js"
import { type Dimension, type DimensionFactors, dimensions, type Mapping } from "../mapping/mapping.js"
import { nestIssues, nestIsValid, readBounds, validateMapping } from "../mapping/validate.js"
import { bestOfSearch } from "./search.js"
import { compiledTemplates } from "./templates.js"

// Internal to @cosearch/cost: what `mapLayer` returns — the best mapping of a search as a mapping
// record with its cost, or why nothing could be mapped.

/**
 * The best mapping the mapper found, its cost, its dataflow and how many mappings it evaluated.
 *
 * @example
 * const mapped = mapLayer(nest, eyerissV1Like, { dataflow: "row-stationary" })
 * if (mapped.feasible) console.log(mapped.dataflow, mapped.cycles, mapped.mapping.spatial)
 */
export type MappedLayer = MappingCost & {
  readonly mapping: Mapping
  readonly dataflow: DataflowName | "fixed"
  readonly visited: number
}

/**
 * The result of `mapLayer`: the best mapping, or why none fits (with the mappings evaluated).
 *
 * @example
 * const result: MapLayerResult = mapLayer(nest, accelerator)
 * const cycles = result.feasible ? result.cycles : Number.POSITIVE_INFINITY
 */
export type MapLayerResult = MappedLayer | (MappingInfeasible & { readonly visited: number })

/**
 * The issues that stop the mapper before any search: an invalid accelerator or nest.
 *
 * @example
 * const invalid = inputIssues(nest, accelerator)
 * if (invalid !== undefined) console.log(invalid.reason) // "accelerator" or "nest"
 */
export const inputIssues = (nest: LoopNest, accelerator: HierarchicalAccelerator): MappingInfeasible | undefined => {
  const info = acceleratorInfo(accelerator)
  if (info.issues.length > 0) {
    const issues: MappingIssue[] = info.issues.map((issue) => ({ reason: "accelerator", message: `accelerator: ${issue.message}` }))
    return { feasible: false, reason: "accelerator", message: issues[0]?.message ?? "invalid accelerator", issues }
  }
  if (!nestIsValid(nest)) {
    const issues: MappingIssue[] = []
    nestIssues(nest, issues)
    return { feasible: false, reason: "nest", message: issues[0]?.message ?? "invalid nest", issues }
  }
  return undefined
}

/**
 * The best mapping of the last search (of `nest` on `accelerator`, which found one in `dataflow`
 * after evaluating `visited` mappings) as a mapping record, evaluated by `evaluateMapping`.
 *
 * @example
 * const found = searchMappings(nest, accelerator, acceleratorInfo(accelerator), options)
 * if (found.dataflow !== undefined) return bestMappedLayer(nest, accelerator, found.dataflow, found.visited)
 */
export const bestMappedLayer = (
  nest: LoopNest,
  accelerator: HierarchicalAccelerator,
  dataflow: DataflowName,
  visited: number,
): MapLayerResult => {
  const best = bestOfSearch()
  const mapping = toMapping(accelerator.levels.length, best.bestF, best.bestSx, best.bestSy, best.bestOrder, best.bestLx, best.bestLy)
  const cost = evaluateMapping(nest, accelerator, mapping)
  if (!cost.feasible) return { ...cost, visited }
  return { ...cost, mapping, dataflow, visited }
}

/** A mapping record from typed factors and orders (only loops with factors above 1 listed). */
const toMapping = (
  levels: number,
  f: Float64Array,
  sx: Float64Array,
  sy: Float64Array,
  order: Int8Array,
  lx?: Float64Array,
  ly?: Float64Array,
): Mapping => {
  const record = (values: Float64Array, offset: number): DimensionFactors => {
    const factors: Record<string, number> = {}
    for (let d = 0; d < 8; d++) {
      const value = values[offset + d] ?? 1
      if (value > 1) factors[dimensions[d] ?? ""] = value
    }
    return factors
  }
  const mappingLevels = []
  for (let l = 0; l < levels; l++) {
    const loops: Dimension[] = []
    for (let i = 0; i < 8; i++) {
      const d = order[l * 8 + i] ?? 0
      const dimension = dimensions[d]
      if ((f[l * 8 + d] ?? 1) > 1 && dimension !== undefined) loops.push(dimension)
    }
    mappingLevels.push({ factors: record(f, l * 8), order: loops })
  }
  const spatial = { x: record(sx, 0), y: record(sy, 0) }
  const lanesX = lx === undefined ? {} : record(lx, 0)
  const lanesY = ly === undefined ? {} : record(ly, 0)
  // Lanes only when the mapping spreads over them (an accelerator without lanes has none to name).
  return Object.keys(lanesX).length + Object.keys(lanesY).length > 0
    ? { levels: mappingLevels, spatial, laneSpatial: { x: lanesX, y: lanesY } }
    : { levels: mappingLevels, spatial }
}

/**
 * The infeasible result when no candidate fits (the search tried `name` first, evaluating
 * `visited` mappings): the issues of the smallest tiles the template allows — every factor at the
 * outermost level, none spread.
 *
 * @example
 * if (found.dataflow === undefined) return nothingFits(nest, accelerator, found.first, found.visited)
 */
export const nothingFits = (
  nest: LoopNest,
  accelerator: HierarchicalAccelerator,
  name: DataflowFamilyName,
  visited: number,
): MapLayerResult => {
  const levels = accelerator.levels.length
  const f = new Float64Array(levels * 8).fill(1)
  const ones = new Float64Array(8).fill(1)
  readBounds(nest, f)
  const order = new Int8Array(levels * 8)
  for (let l = 0; l < levels; l++) order.set(compiledTemplates[name].bufferOrder, l * 8)
  const smallest = toMapping(levels, f, ones, ones, order)
  const found = validateMapping(nest, accelerator, smallest)
  const issue = found[0]
  const detail = issue === undefined ? "" : `: even one element per tile does not fit (${issue.message})`
  const message = `layer "${nest.layer}": no mapping fits the buffers of "${accelerator.name}"${detail}`
  return { feasible: false, reason: "capacity", message, issues: found.length > 0 ? found : [{ reason: "capacity", message }], visited }
}
