import { relevance } from "../mapping/mapping.js"
import type { AcceleratorInfo } from "./accelerator-info.js"

// Internal to @cosearch/cost: the reuse analysis of docs/cost-model.md — for each operand and each
// pair of consecutive levels keeping it, how often the child is filled, with its sliding refills —
// written as a transfer plan into a typed array, for a compiled mapping and for the mapper's
// candidates alike.

/**
 * The layout of a transfer plan. One transfer of the reuse analysis (`stride` numbers): operand
 * `o` filling `child` (a level, or `levels` for the MACs) from `parent`, `fills` times per child
 * instance, `distinct` different tiles per instance; `side` parent-side transfers per fill
 * (distinct tiles across the fan-out, or the instances); `steps` iterations of all the loops above
 * the child (the fills were there no reuse). An input transfer into a level also lists its
 * sliding refills: `slides` records from record `slideStart` of the plan's slide region
 * (`slideOffset`), each `slideFields` numbers — how many refills per instance move the tile
 * by the same shift, and that shift in P, R, Q and S indices (docs/cost-model.md, "Sliding
 * windows"). The input transfer across the fan-out also keeps `served`: the elements its parent
 * serves, the union of what the PEs fetch.
 *
 * One object rather than a constant (or function) per field: code reading it through a module's
 * own `const` (as this module does, and `planLayout`'s readers should) has the fields folded in
 * (and the offsets inlined) by V8, which reads an imported or exported binding from memory at
 * every use.
 */
const layout = {
  stride: 17,
  operand: 0,
  parent: 1,
  child: 2,
  fills: 3,
  distinct: 4,
  side: 5,
  instances: 6,
  /** Which fan-outs the transfer crosses: 1 the PEs', 2 the lanes', 3 both, 0 none. */
  crossing: 7,
  steps: 8,
  slideStart: 9,
  slides: 10,
  /** Input elements its sliding refills find held, per instance, for the geometry stamped in the plan. */
  held: 11,
  /**
   * Input elements the parent of an input transfer across a fan-out serves over all its fills, for
   * the geometry stamped in the plan: per step, the union of the elements the PEs (or lanes)
   * fetch (one read and one multicast for those whose windows overlap).
   */
  served: 12,
  /** Instances of the parent level (1 for a shared parent). */
  parentInstances: 13,
  /**
   * For a transfer crossing both fan-outs: the transfers per fill across the second (lanes') one,
   * `used PEs · distinct tiles among one PE's lanes`; 0 otherwise. Inputs spread over P, Q, R or
   * S at the lanes keep, in `servedLower`, the elements crossing it (each PE's union over its lanes).
   */
  lower: 14,
  servedLower: 15,
  /** For a transfer crossing both fan-outs: the used PEs (each has its own lanes' fan-out). */
  lowerInstances: 16,
  /** A sliding refill: count per instance, then the shift of the tile's origin in P, R, Q, S. */
  slideFields: 5,
  /** Numbers of the plan's spatial region (`spatialOffset`): `fanOutFields` per fan-out, the PEs' then the lanes'. */
  spatialFields: 20,
  fanOutFields: 10,
  /** Where the slide records start in a plan for `levels` storage levels. */
  slideOffset: (levels: number): number => 3 * levels * layout.stride,
  /**
   * Where a plan keeps the nest geometry (strideH, strideW, dilationH, dilationW) its `held`
   * values were computed for (NaN: none yet): the overlaps depend on the plan and the geometry
   * only, so evaluating a cached plan again on the same geometry reuses them.
   */
  geometryOffset: (levels: number): number => layout.slideOffset(levels) + levels * 8 * levels * layout.slideFields,
  /**
   * Where a plan keeps how the input windows of the instances below each fan-out lie on the input
   * (`fanOutFields` numbers per fan-out, the PEs' first, then the lanes'): the spatial factors of
   * P, R, Q and S, each followed by its unit (the product of that dimension's factors below the
   * fan-out — temporal, and spatial at a fan-out further in — in output or filter indices), then
   * the product of the spatial factors of N, G and C (instances whose input channels differ:
   * disjoint data); last, 1 when any of P, R, Q, S is spread (else the union is the per-instance
   * count times the instances' channels).
   */
  spatialOffset: (levels: number): number => layout.geometryOffset(levels) + 4,
  /** Entries a transfer plan needs for an accelerator of `levels` storage levels. */
  length: (levels: number): number => layout.spatialOffset(levels) + layout.spatialFields,
} as const

/** The layout of a transfer plan (see `layout`); read it through a module-local `const`. */
export const planLayout = layout

/** The dimensions each operand (weights, inputs, outputs) depends on, as bit masks. */
const maskOf = (o: number): number => {
  let mask = 0
  for (let d = 0; d < 8; d++) if (relevance[o * 8 + d] === 1) mask |= 1 << d
  return mask
}
const weightsMask = maskOf(0)
const inputsMask = maskOf(1)
const outputsMask = maskOf(2)

/**
 * Working array of `reusePlanInto` (per level, ten products and flags), held by a constant object
 * and replaced in place when it grows (V8 then folds it into the code, as the mapper's search
 * state).
 */
const working = { products: new Float64Array(80) }

/** Bit masks of the dimensions that move an input tile's window (P, R | Q, S) or its other axes (N, G, C). */
const windowMask = (1 << 4) | (1 << 5) | (1 << 6) | (1 << 7)
const channelMask = (1 << 0) | (1 << 1) | (1 << 3)

/**
 * Writes a fan-out's part of the plan's spatial region at `at`: the spatial factors `ax`, `ay` of
 * P, R, Q, S with their units (the factors of the levels from `below` in, times `inner`'s spatial
 * factors when `inner` is given: a fan-out further in), the product of N, G, C's, and whether
 * any of P, Q, R, S is spread.
 */
const fanOutWindows = (
  plan: Float64Array,
  at: number,
  f: Float64Array,
  levels: number,
  below: number,
  ax: Float64Array,
  ay: Float64Array,
  innerX: Float64Array | undefined,
  innerY: Float64Array | undefined,
): void => {
  let windowSpread = 1
  for (let i = 0; i < 4; i++) {
    const d = 4 + i // P, Q, R, S
    let unit = innerX === undefined || innerY === undefined ? 1 : (innerX[d] ?? 1) * (innerY[d] ?? 1)
    for (let l = below; l < levels; l++) unit *= f[l * 8 + d] ?? 1
    // Stored as P, R (rows) then Q, S (columns).
    const to = at + (i === 0 ? 0 : i === 1 ? 4 : i === 2 ? 2 : 6)
    const count = (ax[d] ?? 1) * (ay[d] ?? 1)
    plan[to] = count
    plan[to + 1] = unit
    windowSpread *= count
  }
  plan[at + 8] = (ax[0] ?? 1) * (ay[0] ?? 1) * (ax[1] ?? 1) * (ay[1] ?? 1) * (ax[3] ?? 1) * (ay[3] ?? 1)
  plan[at + 9] = windowSpread > 1 ? 1 : 0
}

/**
 * The reuse analysis (docs/cost-model.md): for each operand and each pair of consecutive levels
 * keeping it (and the innermost one and the MACs), how often the child is filled. Writes the
 * transfers into `plan` (at least `planLayout.length(levels)` long) and returns their number; `info` is
 * the accelerator's `acceleratorInfo`; `sx`, `sy` the spatial factors over the PEs, `lx`, `ly`
 * those over each PE's lanes (all 1 without lanes), `usedPes` and `usedLanes` their products.
 */
export const reusePlanInto = (
  plan: Float64Array,
  info: AcceleratorInfo,
  f: Float64Array,
  sx: Float64Array,
  sy: Float64Array,
  lx: Float64Array,
  ly: Float64Array,
  order: Int8Array,
  ordLength: Int8Array,
  usedPes: number,
  usedLanes: number,
): number => {
  const { holds, lastShared, lastPe, lanes, levels } = info
  // Per level (10 numbers each): the product of its factors; of those each operand depends on;
  // per operand, the product of the loops it does not depend on that lie innermost, below its
  // innermost relevant loop (all of them when it has none), and 1 when it has a relevant loop.
  if (working.products.length < levels * 10) working.products = new Float64Array(levels * 20)
  const pr = working.products
  for (let l = 0; l < levels; l++) {
    const e = l * 8
    // The operands' dimensions (docs/network.md): weights G K C R S, inputs N G C P Q R S, outputs
    // N G K P Q: a window part (G C R S), a plane part (N P Q) and K.
    const groups = f[e + 1] ?? 1
    const window = groups * (f[e + 3] ?? 1) * (f[e + 6] ?? 1) * (f[e + 7] ?? 1)
    const plane = (f[e] ?? 1) * (f[e + 4] ?? 1) * (f[e + 5] ?? 1)
    const k = f[e + 2] ?? 1
    const weights = window * k
    const inputs = window * plane
    const outputs = plane * k * groups
    const all = weights * plane
    let trailW = 1
    let trailI = 1
    let trailO = 1
    let stopW = 0
    let stopI = 0
    let stopO = 0
    for (let i = (ordLength[l] ?? 0) - 1; i >= 0; i--) {
      const d = order[l * 8 + i] ?? 0
      const factor = f[l * 8 + d] ?? 1
      if (factor === 1) continue
      if (stopW === 0) {
        if (((weightsMask >> d) & 1) === 1) stopW = 1
        else trailW *= factor
      }
      if (stopI === 0) {
        if (((inputsMask >> d) & 1) === 1) stopI = 1
        else trailI *= factor
      }
      if (stopO === 0) {
        if (((outputsMask >> d) & 1) === 1) stopO = 1
        else trailO *= factor
      }
      if ((stopW & stopI & stopO) === 1) break
    }
    const at = l * 10
    pr[at] = all
    pr[at + 1] = weights
    pr[at + 2] = inputs
    pr[at + 3] = outputs
    pr[at + 4] = trailW
    pr[at + 5] = trailI
    pr[at + 6] = trailO
    pr[at + 7] = stopW
    pr[at + 8] = stopI
    pr[at + 9] = stopO
  }
  // PEs that need different tiles of each operand: the spatial factors it depends on (products
  // of spatial factors are at most the PEs: exact in any order).
  const spreadN = (sx[0] ?? 1) * (sy[0] ?? 1)
  const spreadG = (sx[1] ?? 1) * (sy[1] ?? 1)
  const spreadK = (sx[2] ?? 1) * (sy[2] ?? 1)
  const spreadC = (sx[3] ?? 1) * (sy[3] ?? 1)
  const spreadP = (sx[4] ?? 1) * (sy[4] ?? 1)
  const spreadQ = (sx[5] ?? 1) * (sy[5] ?? 1)
  const spreadR = (sx[6] ?? 1) * (sy[6] ?? 1)
  const spreadS = (sx[7] ?? 1) * (sy[7] ?? 1)
  const spreadWindow = spreadG * spreadC * spreadR * spreadS
  const spreadPQ = spreadP * spreadQ
  const spatialWeights = spreadWindow * spreadK
  const spatialInputs = spreadWindow * spreadN * spreadPQ
  const spatialOutputs = spreadN * spreadG * spreadK * spreadPQ
  // The same at the lanes' fan-out: lanes of one PE that need different tiles.
  let laneWeights = 1
  let laneInputs = 1
  let laneOutputs = 1
  let laneTaps = 1
  if (lanes) {
    for (let d = 0; d < 8; d++) {
      const spread = (lx[d] ?? 1) * (ly[d] ?? 1)
      if (((weightsMask >> d) & 1) === 1) laneWeights *= spread
      if (((inputsMask >> d) & 1) === 1) laneInputs *= spread
      if (((outputsMask >> d) & 1) === 1) laneOutputs *= spread
    }
    laneTaps = (lx[6] ?? 1) * (ly[6] ?? 1) * (lx[7] ?? 1) * (ly[7] ?? 1)
  }
  // A window of one tap in each direction (R = S = 1) never overlaps itself moved: a P or Q move
  // shifts it by at least its extent (docs/cost-model.md, "Sliding windows"), so no slides.
  let taps = spreadR * spreadS * laneTaps
  for (let l = 0; l < levels; l++) taps *= (f[l * 8 + 6] ?? 1) * (f[l * 8 + 7] ?? 1)
  let transfers = 0
  let slides = 0
  const slideRegion = layout.slideOffset(levels)
  plan[layout.geometryOffset(levels)] = Number.NaN
  const spatialRegion = layout.spatialOffset(levels)
  if (lanes) {
    fanOutWindows(plan, spatialRegion, f, levels, lastShared + 1, sx, sy, lx, ly)
    fanOutWindows(plan, spatialRegion + layout.fanOutFields, f, levels, lastPe + 1, lx, ly, undefined, undefined)
  } else fanOutWindows(plan, spatialRegion, f, levels, lastShared + 1, sx, sy, undefined, undefined)
  for (let o = 0; o < 3; o++) {
    const spatialRelevant = o === 0 ? spatialWeights : o === 1 ? spatialInputs : spatialOutputs
    const laneRelevant = o === 0 ? laneWeights : o === 1 ? laneInputs : laneOutputs
    let parent = 0
    let above = 1
    let distinct = 1
    for (let c = 1; c <= levels; c++) {
      above *= pr[(c - 1) * 10] ?? 1
      distinct *= pr[(c - 1) * 10 + 1 + o] ?? 1
      if (c < levels && holds[c * 3 + o] !== 1) continue
      let fills = above
      if (c < levels || o === 2) {
        // Stationarity: loops the operand does not depend on, innermost above the child, do not
        // refill it (up to the innermost relevant loop, whatever level it is at). The MACs keep
        // no weight or input, so every step refills those; each keeps its partial sum in an
        // accumulator while the innermost loops do not index outputs.
        let trailing = 1
        for (let l = c - 1; l >= 0; l--) {
          trailing *= pr[l * 10 + 4 + o] ?? 1
          if (pr[l * 10 + 7 + o] === 1) break
        }
        fills = above / trailing
      }
      const slideStart = slides
      if (o === 1 && c < levels && fills > 1 && taps > 1)
        slides = slideRecords(plan, slideRegion, slides, fills, c, levels, info, f, sx, sy, lx, ly, order, ordLength)
      // The fan-outs between parent and child: over the PEs, and over each PE's lanes.
      const crossesPes = parent <= lastShared && c > lastShared
      const crossesLanes = lanes && parent <= lastPe && c > lastPe
      const instances = c > lastShared ? (lanes && c > lastPe ? usedPes * usedLanes : usedPes) : 1
      const parentInstances = parent > lastShared ? (lanes && parent > lastPe ? usedPes * usedLanes : usedPes) : 1
      // Parent-side transfers per fill: the parent's instances times the distinct tiles among the
      // child instances under each (multicast down, reduction up).
      let side = parentInstances
      if (crossesPes) side *= spatialRelevant
      if (crossesLanes) side *= laneRelevant
      const row = transfers++ * layout.stride
      plan[row + layout.operand] = o
      plan[row + layout.parent] = parent
      plan[row + layout.child] = c
      plan[row + layout.fills] = fills
      plan[row + layout.distinct] = distinct
      plan[row + layout.side] = side
      plan[row + layout.instances] = instances
      plan[row + layout.crossing] = (crossesPes ? 1 : 0) + (crossesLanes ? 2 : 0)
      plan[row + layout.parentInstances] = parentInstances
      plan[row + layout.lower] = crossesPes && crossesLanes ? usedPes * laneRelevant : 0
      plan[row + layout.lowerInstances] = crossesPes && crossesLanes ? usedPes : 0
      plan[row + layout.steps] = above
      plan[row + layout.slideStart] = slideStart
      plan[row + layout.slides] = slides - slideStart
      parent = c
    }
  }
  return transfers
}

/**
 * The sliding refills of an input tile into child level `c` that fills `fills` times per
 * instance: walking the loops above `c` from the innermost relevant one outwards, each loop M
 * advances `(product of the loops outside it) · (factor − 1)` times, resetting every loop inside
 * it; the tile's origin then moves by M's stride minus the resets' spans. A move along N, G or C
 * (M's or a reset's) leaves no overlap (a tile's extent there is at most the stride), so only
 * moves along P, R, Q, S alone are recorded. Returns the new number of records.
 */
const slideRecords = (
  plan: Float64Array,
  region: number,
  start: number,
  fills: number,
  c: number,
  levels: number,
  info: AcceleratorInfo,
  f: Float64Array,
  sx: Float64Array,
  sy: Float64Array,
  lx: Float64Array,
  ly: Float64Array,
  order: Int8Array,
  ordLength: Int8Array,
): number => {
  const { lastShared, lastPe, lanes } = info
  let records = start
  let inner = 1
  let resetP = 0
  let resetR = 0
  let resetQ = 0
  let resetS = 0
  let started = false
  for (let l = c - 1; l >= 0; l--) {
    for (let i = (ordLength[l] ?? 0) - 1; i >= 0; i--) {
      const d = order[l * 8 + i] ?? 0
      const factor = f[l * 8 + d] ?? 1
      if (factor === 1) continue
      const bit = 1 << d
      if (!started) {
        if ((inputsMask & bit) === 0) continue // irrelevant and innermost: no refill
        started = true
      }
      if ((bit & channelMask) !== 0) return records // this move and every outer one change N, G or C
      // The loop's stride: its dimension's factors at the levels below, and the spatial ones
      // of each fan-out that lies below it.
      let stride = l <= lastShared ? (sx[d] ?? 1) * (sy[d] ?? 1) : 1
      if (lanes && l <= lastPe) stride *= (lx[d] ?? 1) * (ly[d] ?? 1)
      for (let k = l + 1; k < levels; k++) stride *= f[k * 8 + d] ?? 1
      const count = (fills / (inner * factor)) * (factor - 1)
      const at = region + records++ * layout.slideFields
      plan[at] = count
      plan[at + 1] = resetP + (d === 4 ? stride : 0)
      plan[at + 2] = resetR + (d === 6 ? stride : 0)
      plan[at + 3] = resetQ + (d === 5 ? stride : 0)
      plan[at + 4] = resetS + (d === 7 ? stride : 0)
      inner *= factor
      if ((bit & windowMask) !== 0) {
        const span = (factor - 1) * stride
        if (d === 4) resetP -= span
        else if (d === 6) resetR -= span
        else if (d === 5) resetQ -= span
        else resetS -= span
      }
    }
  }
  return records
}
