// Internal to @cosearch/cost: what validation, evaluation and the mapper compute once per call,
// in typed arrays reused across calls (no allocation on the hot path).

/** Per-call working arrays, sized for `levels` storage levels. */
export interface Scratch {
  readonly levels: number
  /** Nest bounds in canonical dimension order. */
  readonly bounds: Float64Array
  /** The nest's strideH, strideW, dilationH, dilationW (set with the tiles). */
  readonly geometry: Float64Array
  /** Tile extent per level and dimension, `extent[l * 8 + d]`. */
  readonly extent: Float64Array
  /** Tile elements per level and operand, `tile[l * 3 + o]`. */
  readonly tile: Float64Array
  /**
   * Input elements of a level's tile counted per row of PEs: above the fan-out, the rows of the
   * array (Y) times one row's input window, the windows of neighboring rows not sharing their
   * overlap, while the PEs of a row (X) share theirs — MAESTRO's size of its L2 (one cluster a
   * row); below the fan-out, the input tile.
   */
  readonly windows: Float64Array
  /** Accesses per level and operand. */
  readonly reads: Float64Array
  readonly writes: Float64Array
  /** Cycles of each level's first fill (single-buffered levels only). */
  readonly fill: Float64Array
  /**
   * For a level charged `tiles-per-step`: the elements its children's tiles bring in (weights
   * and inputs) and take out (outputs) over all steps, reuse ignored.
   */
  readonly stepIn: Float64Array
  readonly stepOut: Float64Array
  /**
   * For a level whose energy is charged `maestro`: the output elements written into it, its
   * output tile once per iteration of the loops above it.
   */
  readonly stepWrites: Float64Array
  /** Each level's traffic cycles, as `scoreCounts` last found them. */
  readonly traffic: Float64Array
}

/** Working arrays for `levels` storage levels. */
export const makeScratch = (levels: number): Scratch => ({
  levels,
  bounds: new Float64Array(8),
  geometry: new Float64Array(4),
  extent: new Float64Array((levels + 1) * 8),
  tile: new Float64Array(levels * 3),
  windows: new Float64Array(levels),
  reads: new Float64Array(levels * 3),
  writes: new Float64Array(levels * 3),
  fill: new Float64Array(levels),
  stepIn: new Float64Array(levels),
  stepOut: new Float64Array(levels),
  stepWrites: new Float64Array(levels),
  traffic: new Float64Array(levels),
})

/**
 * The shared working arrays: one object whose arrays are replaced in place when they grow, so
 * that V8 folds them into the code of their readers (see the search state in `mapper/search.ts`).
 */
const scratch: Scratch = makeScratch(8)

/** The shared working arrays, grown to hold at least `levels` levels. */
export const scratchFor = (levels: number): Scratch => {
  if (levels > scratch.levels) Object.assign(scratch, makeScratch(Math.max(levels, 2 * scratch.levels)))
  return scratch
}
