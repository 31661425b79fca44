import type { HierarchicalAccelerator } from "@cosearch/accelerator"
import type { LoopNest } from "@cosearch/network"
import type { MapLayerOptions, MapperObjective } from "../../kind/cost-options.js"
import { type DataflowFamilyName, dataflowFamilyNames } from "../../kind/cost-options.js"
import type { AcceleratorInfo } from "../kernel/accelerator-info.js"
import { accumulateTransfers, scoreCounts } from "../kernel/kernel.js"
import { reusePlanInto } from "../kernel/reuse-plan.js"
import { type Scratch, scratchFor } from "../kernel/scratch.js"
import { fillTiles, neededBytes, scaleTiles } from "../kernel/tiles.js"
import { readBounds } from "../mapping/validate.js"
import { isBetter } from "./objective.js"
import { growSearchState, makeSearchState, type SearchOutcome, type SearchState } from "./search-state.js"
import { type CompiledTemplate, compiledTemplates } from "./templates.js"

// Internal to @cosearch/cost: the mapper's search — spreading a template's dimensions over the PE
// array, growing tile factors to the largest divisors that fit, scoring the candidates and keeping
// the best — over typed arrays, without allocating.

/**
 * The search state: one object for the module's lifetime, whose fields are replaced in place
 * (`growSearchState`) rather than the object. It is a module-local constant, not a parameter or a
 * `let`: V8 folds a constant binding, and the fields of its object that never change (the working
 * arrays), into the code — no checks and loads per access — which it cannot for a `let` (nor for
 * an imported or exported binding, read from memory at every use). The fields the search rewrites
 * at every step (`tilesCurrent`, `bestPending`, ...) cost what the module-level `let`s they
 * replace did: the same instructions, counted with callgrind over the bench's mapper workload.
 */
const state: SearchState = makeSearchState(4)

/** The compiled templates, through this module's own constant. */
const templates = compiledTemplates

/** Extents up to this are divided as 32-bit integers (much faster than the doubles' `%`). */
const int32 = 0x7fffffff

/** Writes the divisors of `n` into `into`, largest first; returns how many. */
const divisorsOf = (n: number, into: Float64Array): number => {
  let small = 0
  let count = 0
  // Small divisors ascending at the front, then their cofactors; reversed into descending order.
  if (n <= int32) {
    const m = n | 0
    for (let i = 1; i * i <= m; i++) if (m % i === 0) into[small++] = i
  } else for (let i = 1; i * i <= n; i++) if (n % i === 0) into[small++] = i
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
  if (n <= int32) {
    // Down from the limit when it is below sqrt(n); else the divisor pairs (i, n / i).
    const m = n | 0
    const top = Math.floor(limit) | 0
    if (top * top <= m) {
      for (let i = top; i > 1; i--) if (m % i === 0) return i
      return 1
    }
    // The limit is above sqrt(n): the largest cofactor n / i within it comes from the smallest
    // divisor i from ceil(n / limit) up to sqrt(n); without one, every divisor from sqrt(n) up
    // is beyond the limit, and the answer is the largest divisor below sqrt(n).
    let i = ((m + top - 1) / top) | 0
    for (; i * i <= m; i++) if (m % i === 0) return (m / i) | 0
    for (i--; i > 1; i--) if (m % i === 0) return i
    return 1
  }
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
 * The mapper's search on a valid nest and accelerator (see `mapLayer`; `info` is the
 * accelerator's `acceleratorInfo`), without building any record: for each dataflow tried it
 * searches the template (`searchTemplate`) with its share of the mappings, and keeps the best
 * under the objective. The best mapping stays in the search state, where `bestCounts`,
 * `bestScore` and `bestOfSearch` read it; the outcome returned is the search state itself (read
 * it before the next search). @internal
 *
 * @example
 * const found = searchMappings(nest, accelerator, acceleratorInfo(accelerator), { dataflow: "kc-partitioned", maxMappings: 1 })
 * if (found.dataflow !== undefined) console.log(bestScore()[0]) // the best mapping's cycles
 */
export const searchMappings = (
  nest: LoopNest,
  accelerator: HierarchicalAccelerator,
  info: AcceleratorInfo,
  options: SearchOptions,
): SearchOutcome => {
  const dataflow = options.dataflow ?? "auto"
  const objective = options.objective ?? "latency"
  const tried = dataflow === "auto" ? dataflowFamilyNames.length : 1
  const total = Math.max(1, Math.floor(options.maxMappings ?? (dataflow === "auto" ? 64 : 32)) || 1)
  const levels = accelerator.levels.length
  if (state.levels < levels) growSearchState(state, levels)
  const st = state
  st.single = total === 1
  st.bestLive = false
  const perDataflow = Math.max(1, Math.floor(total / tried))
  // A new search: the previous one's best mapping is no longer wanted.
  st.bestPending = 0
  readBounds(nest, st.bounds)
  const macs = nest.N * nest.G * nest.K * nest.C * nest.P * nest.Q * nest.R * nest.S
  let visited = 0
  let bestCycles = Number.POSITIVE_INFINITY
  let bestEnergy = Number.POSITIVE_INFINITY
  let bestDataflow: DataflowFamilyName | undefined
  let bestIndex = -1
  for (let t = 0; t < tried; t++) {
    const name = dataflow === "auto" ? (dataflowFamilyNames[t] ?? "ws") : dataflow
    const budget = Math.min(perDataflow, total - visited)
    if (budget < 1) break
    const template = templates[name]
    visited += searchTemplate(nest, info, template, objective, budget, macs, bestCycles, bestEnergy)
    if (st.improved) {
      bestCycles = st.score[0] ?? bestCycles
      bestEnergy = st.score[1] ?? bestEnergy
      bestDataflow = name
      bestIndex = template.index
    }
  }
  st.dataflow = bestDataflow
  st.dataflowIndex = bestIndex
  st.visited = visited
  st.first = dataflow === "auto" ? (dataflowFamilyNames[0] ?? "ws") : dataflow
  return st
}

/**
 * The tiles, access counts and traffic cycles (`tile`, `reads`, `writes`, `stepIn`, `stepOut`,
 * `traffic`, as in the scratch `scoreCounts` reads and writes) of the best mapping of the last
 * `searchMappings`; overwritten by the next search. @internal
 *
 * @example
 * const dramInputReads = bestCounts().reads[1]
 */
export const bestCounts = (): Scratch => (state.bestLive ? scratchFor(state.levels) : state.best)

/**
 * The score of the best mapping of the last `searchMappings`: its cycles, energy (pJ), compute
 * cycles and used PEs — what `evaluateMapping` computes for its record. @internal
 *
 * @example
 * const [cycles, energyPj, computeCycles, usedPes] = bestScore()
 */
export const bestScore = (): Float64Array => (state.bestLive ? state.score : state.bestScore)

/**
 * The search state with the best mapping of the last `searchMappings` (when it found one) in
 * `bestF`, `bestSx`, `bestSy` and `bestOrder`. @internal
 *
 * @example
 * const { bestF, bestSx, bestSy, bestOrder } = bestOfSearch()
 */
export const bestOfSearch = (): SearchState => {
  flushBest()
  return state
}

/** The scratch with the tiles of the current factors, filled only when they changed. */
const refreshTiles = (nest: LoopNest, info: AcceleratorInfo): Scratch => {
  const s = scratchFor(info.levels)
  if (!state.tilesCurrent) {
    fillTiles(s, state.f, state.sx, state.sy, state.lx, state.ly, nest, info, state.tiledFrom)
    state.tilesCurrent = true
  }
  return s
}

/** Whether every bounded level holds its tiles (twice when double-buffered) with the current factors. */
const fits = (nest: LoopNest, info: AcceleratorInfo): boolean => {
  const levels = info.levels
  const s = refreshTiles(nest, info)
  const bytes = info.bytes
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
const factorRoom = (nest: LoopNest, info: AcceleratorInfo, l: number, d: number): number => {
  const s = refreshTiles(nest, info)
  let room = Number.POSITIVE_INFINITY
  for (let k = 0; k <= l; k++) {
    const budget = info.tileElements[k] ?? Number.POSITIVE_INFINITY
    if (budget === Number.POSITIVE_INFINITY) continue
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
const grow = (nest: LoopNest, info: AcceleratorInfo, l: number, d: number): void => {
  const { f, rem } = state
  const left = rem[d] ?? 1
  if (left === 1) return
  const room = factorRoom(nest, info, l, d)
  if (room < 2) return
  const chosen = largestDivisorAtMost(left, room)
  if (chosen === 1) return
  f[l * 8 + d] = (f[l * 8 + d] ?? 1) * chosen
  rem[d] = left / chosen
  if (info.anyTilesPerStep) state.tilesCurrent = false
  else scaleTiles(scratchFor(info.levels), state.tiledFrom, l, d, chosen, nest)
}

/** Spreads the listed dimensions over an axis of `size` PEs. */
const spread = (list: Int8Array, size: number, into: Float64Array): void => {
  let room = size
  for (let i = 0; i < list.length; i++) {
    const d = list[i] ?? 0
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
  state.tilesCurrent = false
  return true
}

/** PEs the spatial factors `sx`, `sy` use. */
const usedPesOf = (sx: Float64Array, sy: Float64Array): number => {
  let usedPes = 1
  for (let d = 0; d < 8; d++) usedPes *= (sx[d] ?? 1) * (sy[d] ?? 1)
  return usedPes
}

/**
 * How `searchMappings` searches: `MapLayerOptions` with a family (or `auto`), not one of MAESTRO's
 * dataflows (those have one mapping each: nothing to search).
 */
export type SearchOptions = Omit<MapLayerOptions, "dataflow"> & { readonly dataflow?: DataflowFamilyName | "auto" }

/**
 * Evaluates the current factors and orders: `state.score` gets the cycles, the energy (pJ), the
 * compute cycles and the used PEs (`usedPes`, those of the current spatial factors). Every
 * dimension must be fully factored (`rem` all 1) and the scratch's tiles must be the current
 * factors' (`fits` has just filled them).
 */
const scoreCurrent = (info: AcceleratorInfo, macs: number, usedPes: number): void => {
  const levels = info.levels
  const { f, sx, sy, lx, ly, order, ordLength, plan } = state
  let usedLanes = 1
  for (let d = 0; d < 8; d++) usedLanes *= (lx[d] ?? 1) * (ly[d] ?? 1)
  // The MACs per lane (per PE without lanes), the product of the temporal factors: with every
  // dimension factored, the MACs over the used units, exactly while the MACs are exact integers.
  let temporal = macs / (usedPes * usedLanes)
  if (!(macs <= Number.MAX_SAFE_INTEGER)) {
    temporal = 1
    for (let i = 0; i < levels * 8; i++) temporal *= f[i] ?? 1
  }
  const s = scratchFor(levels)
  const transfers = reusePlanInto(plan, info, f, sx, sy, lx, ly, order, ordLength, usedPes, usedLanes)
  const network = accumulateTransfers(info, plan, transfers, s)
  const computeCycles = Math.ceil(temporal / info.macsPerPe)
  scoreCounts(info, s, computeCycles, usedPes, usedLanes, macs, network, state.score)
  state.score[2] = computeCycles
  state.score[3] = usedPes
}

/** Copies a best mapping still held in the working arrays to `state.best*`. */
const flushBest = (): void => {
  if (state.bestPending === 0) return
  const levels = state.bestPending
  copy(state.f, 0, state.bestF, 0, levels * 8)
  copy(state.sx, 0, state.bestSx, 0, 8)
  copy(state.sy, 0, state.bestSy, 0, 8)
  copy(state.lx, 0, state.bestLx, 0, 8)
  copy(state.ly, 0, state.bestLy, 0, 8)
  copyOrder(state.order, 0, state.bestOrder, 0, levels * 8)
  state.bestPending = 0
}

/**
 * Searches one template and returns how many mappings it evaluated; when it finds a mapping
 * better than (bestCycles, bestEnergy) it copies it into `state.best*`, leaves its score in
 * `state.score` and sets `state.improved`.
 */
const searchTemplate = (
  nest: LoopNest,
  info: AcceleratorInfo,
  template: CompiledTemplate,
  objective: MapperObjective,
  budget: number,
  macs: number,
  bestCycles: number,
  bestEnergy: number,
): number => {
  const levels = info.levels
  const ls = info.lastShared
  const { f, sx, sy, lx, ly, rem, base, baseRem, order, aValues } = state
  flushBest()
  for (let i = 0; i < levels * 8; i++) f[i] = 1
  for (let d = 0; d < 8; d++) {
    sx[d] = 1
    sy[d] = 1
    lx[d] = 1
    ly[d] = 1
    rem[d] = state.bounds[d] ?? 1
  }
  state.tilesCurrent = false
  state.tiledFrom = (info.tileElements[0] ?? Number.POSITIVE_INFINITY) === Number.POSITIVE_INFINITY ? 1 : 0
  spread(template.spatialX, info.arrayX, sx)
  spread(template.spatialY, info.arrayY, sy)
  // The PEs' lanes (a second fan-out): what the template spreads and the PEs left, over X and Y.
  if (info.lanes) {
    spread(template.spatialX, info.lanesX, lx)
    spread(template.spatialY, info.lanesY, ly)
  }
  // Spread tiles that overflow a buffer: shrink the spatial factors, the lanes' first, Y's first.
  state.improved = false
  while (!fits(nest, info)) if (!shrinkSpatial(ly) && !shrinkSpatial(lx) && !shrinkSpatial(sy) && !shrinkSpatial(sx)) return 0
  const usedPes = usedPesOf(sx, sy)
  for (let l = levels - 1; l > Math.max(ls, 0); l--) for (let i = 0; i < template.pe.length; i++) grow(nest, info, l, template.pe[i] ?? 0)
  // Orders: per-PE and buffer levels from the template; the outermost level varies.
  if (state.orderedTemplate !== template || state.orderedLevels !== levels || state.orderedLastShared !== ls) {
    for (let l = 1; l < levels; l++) copyOrder(l > ls ? template.peOrder : template.bufferOrder, 0, order, l * 8, 8)
    state.orderedTemplate = template
    state.orderedLevels = levels
    state.orderedLastShared = ls
  }
  // One mapping to visit: only the first candidate, which needs no copy of the factors to return to.
  if (budget > 1) {
    copy(f, 0, base, 0, levels * 8)
    copy(rem, 0, baseRem, 0, 8)
  }
  // Candidates for the buffer feeding the array (the last shared level, when it is not DRAM).
  const buffer = ls >= 1 ? ls : -1
  let first = -1
  if (buffer >= 0)
    for (let i = 0; i < template.buffer.length && first < 0; i++)
      if ((rem[template.buffer[i] ?? 0] ?? 1) > 1) first = template.buffer[i] ?? 0
  let aCount = 1
  let aStart = 0
  aValues[0] = 1
  if (first >= 0) {
    const extent = rem[first] ?? 1
    grow(nest, info, buffer, first)
    const largest = f[buffer * 8 + first] ?? 1
    if (budget === 1) aValues[0] = largest
    else {
      // The fitting buffer factors of the first dimension are a suffix of the descending divisors.
      aCount = divisorsOf(extent, aValues)
      while ((aValues[aStart] ?? 1) > largest) aStart++
    }
  }
  const orders = template.outerOrders.length
  const step = Math.max(1, Math.ceil(((aCount - aStart) * orders) / budget))
  let visited = 0
  let cycles = bestCycles
  let energy = bestEnergy
  for (let ai = aStart; ai < aCount && visited < budget; ai += step) {
    // The first candidate is the largest factor that fits: `grow` has just set it, in place.
    if (ai !== aStart) {
      flushBest()
      state.tilesCurrent = false
      copy(base, 0, f, 0, levels * 8)
      copy(baseRem, 0, rem, 0, 8)
      if (first >= 0) {
        const a = aValues[ai] ?? 1
        f[buffer * 8 + first] = a
        if (!fits(nest, info)) continue
        rem[first] = (rem[first] ?? 1) / a
      }
    }
    for (let l = buffer; l >= 1; l--) {
      for (let i = 0; i < template.buffer.length; i++) {
        const d = template.buffer[i] ?? 0
        if (d !== first || l !== buffer) grow(nest, info, l, d)
      }
    }
    // The rest goes to the outermost level: only its own tiles grow (when it keeps them current).
    for (let d = 0; d < 8; d++) {
      const left = rem[d] ?? 1
      if (left === 1) continue
      f[d] = (f[d] ?? 1) * left
      rem[d] = 1
      if (!state.tilesCurrent || info.anyTilesPerStep) state.tilesCurrent = false
      else if (state.tiledFrom === 0) scaleTiles(scratchFor(levels), 0, 0, d, left, nest)
    }
    if (!fits(nest, info)) continue
    for (let o = 0; o < orders && visited < budget; o++) {
      flushBest()
      copyOrder(template.outerOrders[o] ?? template.bufferOrder, 0, order, 0, 8)
      scoreCurrent(info, macs, usedPes)
      visited++
      const c = state.score[0] ?? Number.POSITIVE_INFINITY
      const e = state.score[1] ?? Number.POSITIVE_INFINITY
      if (isBetter(objective, c, e, cycles, energy)) {
        cycles = c
        energy = e
        state.improved = true
        // The factors and orders are copied to `best*` only before they next change.
        state.bestPending = levels
        if (state.single) state.bestLive = true
        else keepCounts(info)
      }
    }
  }
  state.score[0] = cycles
  state.score[1] = energy
  return visited
}

/** Copies `n` numbers; for the few numbers here, faster than a typed array's `set`. */
const copy = (from: Float64Array, at: number, to: Float64Array, into: number, n: number): void => {
  for (let i = 0; i < n; i++) to[into + i] = from[at + i] ?? 0
}

/** Copies a loop order of `n` dimensions. */
const copyOrder = (from: Int8Array, at: number, to: Int8Array, into: number, n: number): void => {
  for (let i = 0; i < n; i++) to[into + i] = from[at + i] ?? 0
}

/** Copies the tiles, access counts and traffic cycles of the scratch and the score into `state.best*`. */
const keepCounts = (info: AcceleratorInfo): void => {
  const { levels } = info
  const s = scratchFor(levels)
  const { best } = state
  for (let i = 0; i < levels * 3; i++) {
    best.tile[i] = s.tile[i] ?? 0
    best.reads[i] = s.reads[i] ?? 0
    best.writes[i] = s.writes[i] ?? 0
  }
  for (let l = 0; l < levels; l++) best.traffic[l] = s.traffic[l] ?? 0
  if (info.anyTilesPerStep) {
    for (let l = 0; l < levels; l++) {
      best.stepIn[l] = s.stepIn[l] ?? 0
      best.stepOut[l] = s.stepOut[l] ?? 0
    }
  }
  if (info.anyMaestroEnergy) for (let l = 0; l < levels; l++) best.stepWrites[l] = s.stepWrites[l] ?? 0
  copy(state.score, 0, state.bestScore, 0, 4)
}
