import type { DataflowFamilyName } from "../../kind/cost-options.js"
import { planLayout } from "../kernel/reuse-plan.js"
import { makeScratch, type Scratch } from "../kernel/scratch.js"
import type { CompiledTemplate } from "./templates.js"

// Internal to @cosearch/cost: everything one search of the mapper works on and leaves behind, in
// one object.

/**
 * What a mapper search found: the best mapping's dataflow (`undefined` when nothing fits), the
 * mappings evaluated, and the first dataflow tried (named when nothing fits). The search state
 * itself, seen read-only: read it before the next search.
 *
 * @example
 * const found: SearchOutcome = searchMappings(nest, accelerator, acceleratorInfo(accelerator), {})
 * if (found.dataflow === undefined) console.log(`nothing fits after ${found.visited} mappings`)
 */
export interface SearchOutcome {
  readonly dataflow: DataflowFamilyName | undefined
  /** The index of `dataflow` in `dataflowFamilyNames` (-1 when nothing fits). */
  readonly dataflowIndex: number
  readonly visited: number
  readonly first: DataflowFamilyName
}

/**
 * The state of the mapper's search: its working arrays, sized for `levels` storage levels (all
 * replaced together when an accelerator has more levels), what the search keeps track of between
 * its steps, and what it found (`SearchOutcome`). One object is created once and reused by every
 * search: it holds the best mapping after a search, until the next one.
 *
 * @example
 * const state: SearchState = makeSearchState(4)
 * state.bestPending // 0: nothing found yet
 */
export interface SearchState {
  readonly levels: number
  /** Temporal factors `f[l * 8 + d]`, spatial factors over X and Y, loop orders `order[l * 8 + i]`. */
  readonly f: Float64Array
  readonly sx: Float64Array
  readonly sy: Float64Array
  /** Spatial factors over each PE's lanes, X and Y (all 1 on an accelerator without lanes). */
  readonly lx: Float64Array
  readonly ly: Float64Array
  readonly order: Int8Array
  /** Loops listed per level (all eight: the mapper's orders are full). */
  readonly ordLength: Int8Array
  /** The transfer plan of the candidate scored last (`planLayout`). */
  readonly plan: Float64Array
  /** The factors and what is left of each dimension before the buffer's candidates, to return to. */
  readonly base: Float64Array
  readonly baseRem: Float64Array
  /** What is left of each dimension's bound to factor. */
  readonly rem: Float64Array
  /** The nest's bounds in canonical dimension order. */
  readonly bounds: Float64Array
  /** The candidate factors of the buffer's first loop dimension (divisors, largest first). */
  readonly aValues: Float64Array
  /** The last candidate's cycles, energy (pJ), compute cycles and used PEs. */
  readonly score: Float64Array
  /** The best mapping's factors and orders, copied from `f`, `sx`, `sy`, `order` (see `bestPending`). */
  readonly bestF: Float64Array
  readonly bestSx: Float64Array
  readonly bestSy: Float64Array
  readonly bestLx: Float64Array
  readonly bestLy: Float64Array
  readonly bestOrder: Int8Array
  /** The best mapping's tiles and access counts, and its `score`. */
  readonly best: Scratch
  readonly bestScore: Float64Array
  /**
   * Which template's per-PE and buffer loop orders `order` holds (levels 1 and below), for which
   * number of levels and last shared level, so that consecutive searches with the same template
   * and hierarchy do not copy them again.
   */
  orderedTemplate: CompiledTemplate | undefined
  orderedLevels: number
  orderedLastShared: number
  /** Whether the scratch's tiles are those of the current factors (`f`, `sx`, `sy`). */
  tilesCurrent: boolean
  /**
   * The outermost level whose tiles the search keeps current as factors grow: 1 when the outermost
   * level is unbounded (nothing reads its tiles then: no capacity to check, and the counts read the
   * tiles of the levels filled, below it), else 0.
   */
  tiledFrom: number
  /**
   * The levels of a best mapping still held in `f`, `sx`, `sy` and `order` and not yet copied to
   * `bestF`, `bestSx`, `bestSy` and `bestOrder` (0: none).
   */
  bestPending: number
  /**
   * Whether the best mapping's counts and score are still the working ones (the scratch and
   * `score`) rather than copies in `best` and `bestScore`: a search of a single mapping needs no copy.
   */
  bestLive: boolean
  /** Whether the current search visits one mapping only (its counts then stay where they are). */
  single: boolean
  /** Whether the last template searched found a mapping better than the one it was given. */
  improved: boolean
  /** What the search found (see `SearchOutcome`). */
  dataflow: DataflowFamilyName | undefined
  dataflowIndex: number
  visited: number
  first: DataflowFamilyName
}

/**
 * A search state for `levels` storage levels, with nothing found. Every field is written here, in
 * one literal, so that the object keeps one shape (V8 keeps its fields in the object).
 *
 * @example
 * const state = makeSearchState(4) // working arrays for up to four storage levels
 */
export const makeSearchState = (levels: number): SearchState => ({
  levels,
  f: new Float64Array(levels * 8),
  sx: new Float64Array(8),
  sy: new Float64Array(8),
  lx: new Float64Array(8).fill(1),
  ly: new Float64Array(8).fill(1),
  order: new Int8Array(levels * 8),
  ordLength: new Int8Array(levels).fill(8),
  plan: new Float64Array(planLayout.length(levels)),
  base: new Float64Array(levels * 8),
  baseRem: new Float64Array(8),
  rem: new Float64Array(8),
  bounds: new Float64Array(8),
  aValues: new Float64Array(256),
  score: new Float64Array(4),
  bestF: new Float64Array(levels * 8),
  bestSx: new Float64Array(8),
  bestSy: new Float64Array(8),
  bestLx: new Float64Array(8).fill(1),
  bestLy: new Float64Array(8).fill(1),
  bestOrder: new Int8Array(levels * 8),
  best: makeScratch(levels),
  bestScore: new Float64Array(4),
  orderedTemplate: undefined,
  orderedLevels: 0,
  orderedLastShared: -1,
  tilesCurrent: false,
  tiledFrom: 0,
  bestPending: 0,
  bestLive: false,
  single: false,
  improved: false,
  dataflow: undefined,
  dataflowIndex: -1,
  visited: 0,
  first: "ws",
})

/**
 * Makes `state` hold at least `levels` storage levels: every field replaced in place (the object
 * stays the same) by those of a new state, so nothing of an earlier search is kept. Call it before
 * a search starts.
 *
 * @example
 * if (state.levels < accelerator.levels.length) growSearchState(state, accelerator.levels.length)
 */
export const growSearchState = (state: SearchState, levels: number): void => {
  Object.assign(state, makeSearchState(Math.max(levels, 2 * state.levels)))
}
