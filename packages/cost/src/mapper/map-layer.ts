import type { HierarchicalAccelerator } from "@cosearch/accelerator"
import type { LoopNest } from "@cosearch/network"
import { type DataflowName, type DataflowTemplate, dataflowNames, dataflowTemplates } from "../dataflow/dataflow.js"
import { evaluateMapping } from "../hierarchy/evaluate.js"
import { accumulateTransfers, scoreCounts } from "../hierarchy/kernel.js"
import type { MappingCost, MappingInfeasible } from "../hierarchy/result.js"
import { acceleratorInfo, scratchFor } from "../mapping/analysis.js"
import { planLength, reusePlanInto } from "../mapping/compile.js"
import type { MappingIssue } from "../mapping/issues.js"
import { type Dimension, type DimensionFactors, dimensionIndex, dimensions, type Mapping } from "../mapping/mapping.js"
import { fillTiles, neededBytes, nestIssues, nestIsValid, readBounds, validateMapping } from "../mapping/validate.js"
import { isBetter, type MapperObjective } from "./objective.js"

/**
 * How `mapLayer` searches.
 *
 * @example
 * const options: MapLayerOptions = { dataflow: "rs", objective: "energy", maxMappings: 16 }
 */
export interface MapLayerOptions {
  /** A dataflow preset, or `auto` (the default) to try all eight. */
  readonly dataflow?: DataflowName | "auto"
  /** What to minimise; default `latency`. */
  readonly objective?: MapperObjective
  /**
   * The most mappings evaluated, never exceeded: default 32 for one dataflow, 64 for `auto`,
   * shared evenly among the eight (a bound below 8 tries the first dataflows only).
   */
  readonly maxMappings?: number
}

/**
 * The best mapping the mapper found, its cost, its dataflow and how many mappings it evaluated.
 *
 * @example
 * const mapped = mapLayer(nest, eyerissV1Like, { dataflow: "rs" })
 * if (mapped.feasible) console.log(mapped.dataflow, mapped.cycles, mapped.mapping.spatial)
 */
export type MappedLayer = MappingCost & {
  readonly mapping: Mapping
  readonly dataflow: DataflowName
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

/** Generic outermost-level orders, innermost first: keep weights, outputs or inputs in the buffer. */
const genericOuterOrders: readonly (readonly string[])[] = [
  ["Q", "P", "N", "S", "R", "C", "K", "G"],
  ["S", "R", "C", "Q", "P", "N", "K", "G"],
  ["K", "G", "S", "R", "C", "Q", "P", "N"],
]

/** A loop list (innermost first) as a full loop order (outermost first): unlisted dimensions outside. */
const toOrder = (innermostFirst: readonly string[]): Int8Array => {
  const listed = innermostFirst.map(dimensionIndex).filter((d) => d >= 0)
  const rest = [0, 1, 2, 3, 4, 5, 6, 7].filter((d) => !listed.includes(d))
  return Int8Array.from([...rest, ...listed.slice().reverse()])
}

interface CompiledTemplate {
  readonly name: DataflowName
  readonly spatialX: Int8Array
  readonly spatialY: Int8Array
  readonly pe: Int8Array
  readonly buffer: Int8Array
  readonly peOrder: Int8Array
  readonly bufferOrder: Int8Array
  readonly outerOrders: readonly Int8Array[]
}

const compileTemplate = (template: DataflowTemplate): CompiledTemplate => {
  const indices = (list: readonly string[]): Int8Array => Int8Array.from(list.map(dimensionIndex))
  const outerOrders: Int8Array[] = []
  for (const list of [template.outer, ...genericOuterOrders]) {
    const order = toOrder(list)
    if (!outerOrders.some((seen) => seen.every((d, i) => d === order[i]))) outerOrders.push(order)
  }
  return {
    name: template.name,
    spatialX: indices(template.spatialX),
    spatialY: indices(template.spatialY),
    pe: indices(template.pe),
    buffer: indices(template.buffer),
    peOrder: toOrder(template.pe),
    bufferOrder: toOrder(template.buffer),
    outerOrders,
  }
}

const templates: Readonly<Record<DataflowName, CompiledTemplate>> = Object.fromEntries(
  dataflowNames.map((name) => [name, compileTemplate(dataflowTemplates[name])]),
) as Record<DataflowName, CompiledTemplate>

/** Working arrays of one search, sized for `levels` storage levels and reused across calls. */
interface SearchState {
  readonly levels: number
  readonly f: Float64Array
  readonly sx: Float64Array
  readonly sy: Float64Array
  readonly order: Int8Array
  readonly ordLength: Int8Array
  readonly plan: Float64Array
  readonly base: Float64Array
  readonly baseRem: Float64Array
  readonly rem: Float64Array
  readonly bounds: Float64Array
  readonly divisors: Float64Array
  readonly aValues: Float64Array
  readonly score: Float64Array
  readonly bestF: Float64Array
  readonly bestSx: Float64Array
  readonly bestSy: Float64Array
  readonly bestOrder: Int8Array
}

const makeState = (levels: number): SearchState => ({
  levels,
  f: new Float64Array(levels * 8),
  sx: new Float64Array(8),
  sy: new Float64Array(8),
  order: new Int8Array(levels * 8),
  ordLength: new Int8Array(levels).fill(8),
  plan: new Float64Array(planLength(levels)),
  base: new Float64Array(levels * 8),
  baseRem: new Float64Array(8),
  rem: new Float64Array(8),
  bounds: new Float64Array(8),
  divisors: new Float64Array(256),
  aValues: new Float64Array(256),
  score: new Float64Array(2),
  bestF: new Float64Array(levels * 8),
  bestSx: new Float64Array(8),
  bestSy: new Float64Array(8),
  bestOrder: new Int8Array(levels * 8),
})

let state = makeState(4)

/** Writes the divisors of `n` into `into`, largest first; returns how many. */
const divisorsOf = (n: number, into: Float64Array): number => {
  let small = 0
  let count = 0
  // Small divisors ascending at the front, then their cofactors; reversed into descending order.
  for (let i = 1; i * i <= n; i++) if (n % i === 0) into[small++] = i
  count = small
  for (let j = small - 1; j >= 0; j--) {
    const cofactor = n / (into[j] ?? 1)
    if (cofactor !== into[j]) into[count++] = cofactor
  }
  for (let i = 0, j = count - 1; i < j; i++, j--) {
    const t = into[i] ?? 1
    into[i] = into[j] ?? 1
    into[j] = t
  }
  return count
}

/** The largest divisor of `n` that is at most `limit` (at least 1). */
const largestDivisorAtMost = (n: number, limit: number): number => {
  if (n <= limit) return n
  if (limit < 2) return 1
  // Scan the divisor pairs (i, n / i): O(sqrt n) whatever the limit.
  let best = 1
  for (let i = 1; i * i <= n; i++) {
    if (n % i !== 0) continue
    if (i <= limit && i > best) best = i
    const cofactor = n / i
    if (cofactor <= limit && cofactor > best) best = cofactor
  }
  return best
}

/**
 * Maps a conv or matmul loop nest onto a hierarchical accelerator: for each dataflow tried (one
 * preset, or all eight for `auto`) it spreads the template's dimensions over the PE array, grows
 * the per-PE tiles in the template's loop order to the largest divisors that fit every buffer,
 * then walks a bounded, deterministic set of candidates for the on-chip buffer's tile (the
 * divisors of its first loop dimension, the others grown greedily) and the DRAM loop order (the
 * template's, then ones that keep weights, outputs or inputs resident), and keeps the best under
 * the objective. At most `maxMappings` mappings are evaluated; the same inputs always give the
 * same mapping. Never throws; when nothing fits, the result is infeasible with the reason.
 *
 * @example
 * const mapped = mapLayer(nest, eyerissV1Like, { dataflow: "rs", objective: "energy" })
 * if (mapped.feasible) console.log(mapped.energy.totalPj, mapped.visited)
 */
export const mapLayer = (nest: LoopNest, accelerator: HierarchicalAccelerator, options: MapLayerOptions = {}): MapLayerResult => {
  const info = acceleratorInfo(accelerator)
  if (info.issues.length > 0) {
    const issues: MappingIssue[] = info.issues.map((issue) => ({ reason: "accelerator", message: `accelerator: ${issue.message}` }))
    return { feasible: false, reason: "accelerator", message: issues[0]?.message ?? "invalid accelerator", issues, visited: 0 }
  }
  if (!nestIsValid(nest)) {
    const issues: MappingIssue[] = []
    nestIssues(nest, issues)
    return { feasible: false, reason: "nest", message: issues[0]?.message ?? "invalid nest", issues, visited: 0 }
  }
  const dataflow = options.dataflow ?? "auto"
  const objective = options.objective ?? "latency"
  const tried = dataflow === "auto" ? dataflowNames : [dataflow]
  const total = Math.max(1, Math.floor(options.maxMappings ?? (dataflow === "auto" ? 64 : 32)) || 1)
  const perDataflow = Math.max(1, Math.floor(total / tried.length))
  const levels = accelerator.levels.length
  if (state.levels < levels) state = makeState(Math.max(levels, 2 * state.levels))
  const st = state
  readBounds(nest, st.bounds)
  const macs = nest.N * nest.G * nest.K * nest.C * nest.P * nest.Q * nest.R * nest.S
  let visited = 0
  let bestCycles = Number.POSITIVE_INFINITY
  let bestEnergy = Number.POSITIVE_INFINITY
  let bestDataflow: DataflowName | undefined
  for (const name of tried) {
    const budget = Math.min(perDataflow, total - visited)
    if (budget < 1) break
    const found = searchTemplate(nest, accelerator, templates[name], objective, budget, macs, bestCycles, bestEnergy)
    visited += found.visited
    if (found.improved) {
      bestCycles = st.score[0] ?? bestCycles
      bestEnergy = st.score[1] ?? bestEnergy
      bestDataflow = name
    }
  }
  if (bestDataflow === undefined) return nothingFits(nest, accelerator, tried[0] ?? "ws", visited)
  const mapping = toMapping(levels, st.bestF, st.bestSx, st.bestSy, st.bestOrder)
  const cost = evaluateMapping(nest, accelerator, mapping)
  if (!cost.feasible) return { ...cost, visited }
  return { ...cost, mapping, dataflow: bestDataflow, visited }
}

/** Whether every bounded level holds its tiles (twice when double-buffered) with the current factors. */
const fits = (nest: LoopNest, accelerator: HierarchicalAccelerator): boolean => {
  const info = acceleratorInfo(accelerator)
  const levels = accelerator.levels.length
  const s = scratchFor(levels)
  fillTiles(s, state.f, state.sx, state.sy, nest, levels, info.lastShared)
  const bytes = accelerator.bytesPerElement
  for (let l = 0; l < levels; l++) {
    const capacity = info.capacity[l] ?? Number.POSITIVE_INFINITY
    if (capacity === Number.POSITIVE_INFINITY) continue
    if (neededBytes(info, s, l, bytes) > capacity) return false
  }
  return true
}

/**
 * The largest factor by which dimension `d`'s extent at level `l` (and so at every level above it)
 * can be multiplied with every bounded level still holding its tiles. A tile is affine in that
 * factor (weights and outputs scale with it or not at all; an input window's height or width is
 * `(extent - 1) · stride + (window - 1) · dilation + 1`), so each level bounds it in closed form.
 */
const factorRoom = (nest: LoopNest, accelerator: HierarchicalAccelerator, l: number, d: number): number => {
  const info = acceleratorInfo(accelerator)
  const levels = accelerator.levels.length
  const s = scratchFor(levels)
  fillTiles(s, state.f, state.sx, state.sy, nest, levels, info.lastShared)
  const bytes = accelerator.bytesPerElement
  let room = Number.POSITIVE_INFINITY
  for (let k = 0; k <= l; k++) {
    const capacity = info.capacity[k] ?? Number.POSITIVE_INFINITY
    if (capacity === Number.POSITIVE_INFINITY) continue
    const budget = capacity / bytes / (info.doubleBuffered[k] === 1 ? 2 : 1)
    const e = k * 8
    let slope = 0
    let fixed = 0
    const w = s.tile[k * 3] ?? 0
    const o = s.tile[k * 3 + 2] ?? 0
    if (info.holds[k * 3] === 1) {
      if (d === 0 || d === 4 || d === 5) fixed += w
      else slope += w
    }
    if (info.holds[k * 3 + 2] === 1) {
      if (d === 3 || d === 6 || d === 7) fixed += o
      else slope += o
    }
    if (info.holds[k * 3 + 1] === 1) {
      const n = s.extent[e] ?? 1
      const g = s.extent[e + 1] ?? 1
      const c = s.extent[e + 3] ?? 1
      const p = s.extent[e + 4] ?? 1
      const q = s.extent[e + 5] ?? 1
      const r = s.extent[e + 6] ?? 1
      const sw = s.extent[e + 7] ?? 1
      const h = (p - 1) * nest.strideH + (r - 1) * nest.dilationH + 1
      const wd = (q - 1) * nest.strideW + (sw - 1) * nest.dilationW + 1
      const input = n * g * c * h * wd
      if (d === 0 || d === 1 || d === 3) slope += input
      else if (d === 4 || d === 6) {
        // h(t) = step · t + (h - step) with step = p · stride (or r · dilation).
        const step = d === 4 ? p * nest.strideH : r * nest.dilationH
        slope += n * g * c * wd * step
        fixed += n * g * c * wd * (h - step)
      } else if (d === 5 || d === 7) {
        const step = d === 5 ? q * nest.strideW : sw * nest.dilationW
        slope += n * g * c * h * step
        fixed += n * g * c * h * (wd - step)
      } else fixed += input
    }
    if (fixed > budget) return 0
    if (slope > 0) room = Math.min(room, Math.floor((budget - fixed) / slope))
  }
  return room
}

/** Grows dimension `d` at level `l` to the largest divisor of what is left that still fits. */
const grow = (nest: LoopNest, accelerator: HierarchicalAccelerator, l: number, d: number): void => {
  const { f, rem } = state
  const left = rem[d] ?? 1
  if (left === 1) return
  const room = factorRoom(nest, accelerator, l, d)
  if (room < 2) return
  const chosen = largestDivisorAtMost(left, room)
  f[l * 8 + d] = (f[l * 8 + d] ?? 1) * chosen
  rem[d] = left / chosen
}

/** Spreads the listed dimensions over an axis of `size` PEs. */
const spread = (list: Int8Array, size: number, into: Float64Array): void => {
  let room = size
  for (const d of list) {
    const factor = largestDivisorAtMost(state.rem[d] ?? 1, room)
    into[d] = (into[d] ?? 1) * factor
    state.rem[d] = (state.rem[d] ?? 1) / factor
    room = Math.floor(room / factor)
  }
}

/** Lowers the largest spatial factor on an axis to its next smaller divisor; false when all are 1. */
const shrinkSpatial = (axis: Float64Array): boolean => {
  let widest = -1
  for (let d = 0; d < 8; d++) if ((axis[d] ?? 1) > 1 && (widest < 0 || (axis[d] ?? 1) > (axis[widest] ?? 1))) widest = d
  if (widest < 0) return false
  const factor = axis[widest] ?? 1
  const smaller = largestDivisorAtMost(factor, factor - 1)
  axis[widest] = smaller
  state.rem[widest] = ((state.rem[widest] ?? 1) * factor) / smaller
  return true
}

/** Evaluates the current factors and orders; returns cycles and energy in `state.score`. */
const scoreCurrent = (nest: LoopNest, accelerator: HierarchicalAccelerator, macs: number): void => {
  const info = acceleratorInfo(accelerator)
  const levels = accelerator.levels.length
  const { f, sx, sy, order, ordLength, plan } = state
  let temporal = 1
  for (let i = 0; i < levels * 8; i++) temporal *= f[i] ?? 1
  let usedPes = 1
  for (let d = 0; d < 8; d++) usedPes *= (sx[d] ?? 1) * (sy[d] ?? 1)
  const s = scratchFor(levels)
  fillTiles(s, f, sx, sy, nest, levels, info.lastShared)
  const transfers = reusePlanInto(plan, accelerator, f, sx, sy, order, ordLength, usedPes)
  const network = accumulateTransfers(accelerator, info, plan, transfers, s)
  scoreCounts(accelerator, info, s, Math.ceil(temporal / accelerator.array.macsPerPe), usedPes, macs, network, state.score)
}

/**
 * Searches one template; when it finds a mapping better than (bestCycles, bestEnergy) it copies
 * it into `state.best*` and leaves its score in `state.score`.
 */
const searchTemplate = (
  nest: LoopNest,
  accelerator: HierarchicalAccelerator,
  template: CompiledTemplate,
  objective: MapperObjective,
  budget: number,
  macs: number,
  bestCycles: number,
  bestEnergy: number,
): { visited: number; improved: boolean } => {
  const info = acceleratorInfo(accelerator)
  const levels = accelerator.levels.length
  const ls = info.lastShared
  const { f, sx, sy, rem, base, baseRem, order, aValues } = state
  f.fill(1, 0, levels * 8)
  sx.fill(1)
  sy.fill(1)
  rem.set(state.bounds)
  spread(template.spatialX, accelerator.array.x, sx)
  spread(template.spatialY, accelerator.array.y, sy)
  // Spread tiles that overflow a shared buffer: shrink the spatial factors, Y's first.
  while (!fits(nest, accelerator)) if (!shrinkSpatial(sy) && !shrinkSpatial(sx)) return { visited: 0, improved: false }
  for (let l = levels - 1; l > Math.max(ls, 0); l--) for (const d of template.pe) grow(nest, accelerator, l, d)
  // Orders: per-PE and buffer levels from the template; the outermost level varies.
  for (let l = 1; l < levels; l++) order.set(l > ls ? template.peOrder : template.bufferOrder, l * 8)
  base.set(f.subarray(0, levels * 8))
  baseRem.set(rem)
  // Candidates for the buffer feeding the array (the last shared level, when it is not DRAM).
  const buffer = ls >= 1 ? ls : -1
  let first = -1
  if (buffer >= 0) for (const d of template.buffer) if (first < 0 && (rem[d] ?? 1) > 1) first = d
  const aCount = first >= 0 ? divisorsOf(rem[first] ?? 1, aValues) : 1
  if (first < 0) aValues[0] = 1
  // The fitting buffer factors of the first dimension are a suffix of the descending divisors.
  let aStart = 0
  if (first >= 0) {
    grow(nest, accelerator, buffer, first)
    const largest = f[buffer * 8 + first] ?? 1
    while ((aValues[aStart] ?? 1) > largest) aStart++
  }
  const orders = template.outerOrders.length
  const step = Math.max(1, Math.ceil(((aCount - aStart) * orders) / budget))
  let visited = 0
  let improved = false
  let cycles = bestCycles
  let energy = bestEnergy
  for (let ai = aStart; ai < aCount && visited < budget; ai += step) {
    f.set(base.subarray(0, levels * 8))
    rem.set(baseRem)
    if (first >= 0) {
      const a = aValues[ai] ?? 1
      f[buffer * 8 + first] = a
      if (!fits(nest, accelerator)) continue
      rem[first] = (rem[first] ?? 1) / a
    }
    for (let l = buffer; l >= 1; l--) for (const d of template.buffer) if (d !== first || l !== buffer) grow(nest, accelerator, l, d)
    for (let d = 0; d < 8; d++) {
      f[d] = (f[d] ?? 1) * (rem[d] ?? 1)
      rem[d] = 1
    }
    if (!fits(nest, accelerator)) continue
    for (let o = 0; o < orders && visited < budget; o++) {
      order.set(template.outerOrders[o] ?? template.bufferOrder, 0)
      scoreCurrent(nest, accelerator, macs)
      visited++
      const c = state.score[0] ?? Number.POSITIVE_INFINITY
      const e = state.score[1] ?? Number.POSITIVE_INFINITY
      if (isBetter(objective, c, e, cycles, energy)) {
        cycles = c
        energy = e
        improved = true
        state.bestF.set(f.subarray(0, levels * 8))
        state.bestSx.set(sx)
        state.bestSy.set(sy)
        state.bestOrder.set(order.subarray(0, levels * 8))
      }
    }
  }
  state.score[0] = cycles
  state.score[1] = energy
  return { visited, improved }
}

/** A mapping record from typed factors and orders (only loops with factors above 1 listed). */
const toMapping = (levels: number, f: Float64Array, sx: Float64Array, sy: Float64Array, order: Int8Array): Mapping => {
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
  return { levels: mappingLevels, spatial: { x: record(sx, 0), y: record(sy, 0) } }
}

/** The infeasible result when no candidate fits: the issues of the smallest tiles the template allows. */
const nothingFits = (nest: LoopNest, accelerator: HierarchicalAccelerator, name: DataflowName, visited: number): MapLayerResult => {
  const levels = accelerator.levels.length
  const { f, sx, sy, rem } = state
  f.fill(1, 0, levels * 8)
  sx.fill(1)
  sy.fill(1)
  rem.set(state.bounds)
  for (let d = 0; d < 8; d++) f[d] = rem[d] ?? 1
  const order = new Int8Array(levels * 8)
  for (let l = 0; l < levels; l++) order.set(templates[name].bufferOrder, l * 8)
  const smallest = toMapping(levels, f, sx, sy, order)
  const found = validateMapping(nest, accelerator, smallest)
  const issue = found[0]
  const detail = issue === undefined ? "" : `: even one element per tile does not fit (${issue.message})`
  const message = `layer "${nest.layer}": no mapping fits the buffers of "${accelerator.name}"${detail}`
  return { feasible: false, reason: "capacity", message, issues: found.length > 0 ? found : [{ reason: "capacity", message }], visited }
}
