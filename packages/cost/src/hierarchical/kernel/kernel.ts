import { relevance } from "../mapping/mapping.js"
import type { AcceleratorInfo } from "./accelerator-info.js"
import { planLayout } from "./reuse-plan.js"
import type { Scratch } from "./scratch.js"

/** The plan layout, through this module's own constant (V8 then folds its fields into the code). */
const layout = planLayout

/**
 * Input elements per instance that the sliding refills of a transfer into level `c` find already
 * held: for each record, its count times the overlap of the tile with itself moved by the
 * record's shift (the bounding boxes' intersection: the channel axes whole, rows and columns
 * `max(0, extent − |shift|)`).
 */
const slidingOverlap = (plan: Float64Array, row: number, c: number, levels: number, s: Scratch): number => {
  const records = plan[row + layout.slides] ?? 0
  const { extent, geometry } = s
  const e = c * 8
  const strideH = geometry[0] ?? 1
  const strideW = geometry[1] ?? 1
  const dilationH = geometry[2] ?? 1
  const dilationW = geometry[3] ?? 1
  const height = ((extent[e + 4] ?? 1) - 1) * strideH + ((extent[e + 6] ?? 1) - 1) * dilationH + 1
  const width = ((extent[e + 5] ?? 1) - 1) * strideW + ((extent[e + 7] ?? 1) - 1) * dilationW + 1
  const channels = (extent[e] ?? 1) * (extent[e + 1] ?? 1) * (extent[e + 3] ?? 1)
  let held = 0
  let at = layout.slideOffset(levels) + (plan[row + layout.slideStart] ?? 0) * layout.slideFields
  for (let r = 0; r < records; r++, at += layout.slideFields) {
    const rows = height - Math.abs((plan[at + 1] ?? 0) * strideH + (plan[at + 2] ?? 0) * dilationH)
    if (rows <= 0) continue
    const columns = width - Math.abs((plan[at + 3] ?? 0) * strideW + (plan[at + 4] ?? 0) * dilationW)
    if (columns <= 0) continue
    held += (plan[at] ?? 0) * rows * columns
  }
  return held * channels
}

/**
 * Working offsets of `unionLength`, held by a constant object and replaced in place when they grow:
 * module-level so that no call allocates, and a `const` so that V8 folds the binding into the code
 * (as the mapper's search state).
 */
const working = { offsets: new Float64Array(256) }

/**
 * Length of the union of the intervals `[o, o + length)` over the offsets
 * `o = a·unitA + b·unitB + c·unitC + d·unitD` (`a < countA`, ...): the windows of the instances
 * below one or two fan-outs along one axis of the input, spread by up to four spatial factors (P
 * and R along rows, Q and S along columns, at each fan-out).
 */
const unionLength = (
  countA: number,
  unitA: number,
  countB: number,
  unitB: number,
  countC: number,
  unitC: number,
  countD: number,
  unitD: number,
  length: number,
): number => {
  if (length <= 0) return 0
  if (countC === 1 && countD === 1) {
    if (countB === 1) return length + (countA - 1) * Math.min(unitA, length)
    if (countA === 1) return length + (countB - 1) * Math.min(unitB, length)
  }
  const count = countA * countB * countC * countD
  if (working.offsets.length < count) working.offsets = new Float64Array(2 * count)
  const { offsets } = working
  // The offsets in increasing order (insertion sort in place: no allocation; they come in runs
  // that are already sorted).
  let i = 0
  for (let a = 0; a < countA; a++) {
    for (let b = 0; b < countB; b++) {
      for (let c = 0; c < countC; c++) {
        for (let d = 0; d < countD; d++) {
          const offset = a * unitA + b * unitB + c * unitC + d * unitD
          let j = i++
          while (j > 0 && (offsets[j - 1] ?? 0) > offset) {
            offsets[j] = offsets[j - 1] ?? 0
            j--
          }
          offsets[j] = offset
        }
      }
    }
  }
  let total = length
  for (let j = 1; j < count; j++) total += Math.min((offsets[j] ?? 0) - (offsets[j - 1] ?? 0), length)
  return total
}

/**
 * Input elements the parent of an input transfer across one or both fan-outs serves (or that
 * cross the lanes' fan-out), over all `fills` of its child `c`: at each fill, the union over the
 * instances below the fan-outs `which` (1 the PEs', 2 the lanes', 3 both) of the elements each
 * fetches (multicast by data: instances whose windows overlap share one read), times `copies`
 * (the instances above the fan-outs, each with its own). The windows along rows lie at
 * `a·unitP·strideH + b·unitR·dilationH` over the spatial P and R indices of those fan-outs (along
 * columns likewise); instances of different N, G or C hold disjoint data. With `Rn`, `Cn` the
 * union of the rows and the columns of the windows and `Rf`, `Cf` the union of the rows and
 * columns a move brings in (`min(|shift|, extent)` of them per window), the union of the fetched
 * elements is `|Rn|·|Cn| − |Rn \ Rf|·|Cn \ Cf|` per channel (docs/cost-model.md, "Sliding windows").
 */
const servedInputs = (
  plan: Float64Array,
  row: number,
  c: number,
  levels: number,
  fills: number,
  s: Scratch,
  which: number,
  copies: number,
): number => {
  const { extent, geometry } = s
  const strideH = geometry[0] ?? 1
  const strideW = geometry[1] ?? 1
  const dilationH = geometry[2] ?? 1
  const dilationW = geometry[3] ?? 1
  const e = c * 8
  const inPe = c < levels
  const height = inPe ? ((extent[e + 4] ?? 1) - 1) * strideH + ((extent[e + 6] ?? 1) - 1) * dilationH + 1 : 1
  const width = inPe ? ((extent[e + 5] ?? 1) - 1) * strideW + ((extent[e + 7] ?? 1) - 1) * dilationW + 1 : 1
  const channels = inPe ? (extent[e] ?? 1) * (extent[e + 1] ?? 1) * (extent[e + 3] ?? 1) : 1
  // The PEs' fan-out's windows (when `which` has 1) and the lanes' (when it has 2; else ones).
  const outer = layout.spatialOffset(levels)
  const at = (which & 1) === 1 ? outer : outer + layout.fanOutFields
  const countP = plan[at] ?? 1
  const unitP = (plan[at + 1] ?? 1) * strideH
  const countR = plan[at + 2] ?? 1
  const unitR = (plan[at + 3] ?? 1) * dilationH
  const countQ = plan[at + 4] ?? 1
  const unitQ = (plan[at + 5] ?? 1) * strideW
  const countS = plan[at + 6] ?? 1
  const unitS = (plan[at + 7] ?? 1) * dilationW
  let disjoint = plan[at + 8] ?? 1
  let lanesP = 1
  let lanesR = 1
  let lanesQ = 1
  let lanesS = 1
  let laneUnitP = 0
  let laneUnitR = 0
  let laneUnitQ = 0
  let laneUnitS = 0
  if (which === 3) {
    const inner = outer + layout.fanOutFields
    lanesP = plan[inner] ?? 1
    laneUnitP = (plan[inner + 1] ?? 1) * strideH
    lanesR = plan[inner + 2] ?? 1
    laneUnitR = (plan[inner + 3] ?? 1) * dilationH
    lanesQ = plan[inner + 4] ?? 1
    laneUnitQ = (plan[inner + 5] ?? 1) * strideW
    lanesS = plan[inner + 6] ?? 1
    laneUnitS = (plan[inner + 7] ?? 1) * dilationW
    disjoint *= plan[inner + 8] ?? 1
  }
  const rows = unionLength(countP, unitP, countR, unitR, lanesP, laneUnitP, lanesR, laneUnitR, height)
  const columns = unionLength(countQ, unitQ, countS, unitS, lanesQ, laneUnitQ, lanesS, laneUnitS, width)
  let served = fills * rows * columns
  const records = plan[row + layout.slides] ?? 0
  let r = layout.slideOffset(levels) + (plan[row + layout.slideStart] ?? 0) * layout.slideFields
  for (let i = 0; i < records; i++, r += layout.slideFields) {
    const shiftRows = Math.abs((plan[r + 1] ?? 0) * strideH + (plan[r + 2] ?? 0) * dilationH)
    const fetchedRows = Math.min(shiftRows, height)
    const keptRows = rows - unionLength(countP, unitP, countR, unitR, lanesP, laneUnitP, lanesR, laneUnitR, fetchedRows)
    if (keptRows <= 0) continue
    const shiftColumns = Math.abs((plan[r + 3] ?? 0) * strideW + (plan[r + 4] ?? 0) * dilationW)
    const fetchedColumns = Math.min(shiftColumns, width)
    const keptColumns = columns - unionLength(countQ, unitQ, countS, unitS, lanesQ, laneUnitQ, lanesS, laneUnitS, fetchedColumns)
    if (keptColumns <= 0) continue
    served -= (plan[r] ?? 0) * keptRows * keptColumns
  }
  return served * channels * disjoint * copies
}

// Internal to @cosearch/cost: the arithmetic of the hierarchical model over typed arrays, shared
// by `evaluateMapping` (which then builds the result records) and the mapper (which only needs
// the cycles and the energy of each candidate, without allocating).

/**
 * The instances of level `l` (a per-level count of `scoreCounts`): 1 shared, `usedPes` per PE,
 * `usedPes · usedLanes` per lane.
 */
export const levelInstances = (info: AcceleratorInfo, l: number, usedPes: number, usedLanes: number): number =>
  l > info.lastShared ? (l > info.lastPe ? usedPes * usedLanes : usedPes) : 1

/**
 * Fills `s.reads`, `s.writes` (per level and operand), `s.fill` (first-fill cycles of the
 * single-buffered levels), `s.stepIn`, `s.stepOut` (levels charged `tiles-per-step`) and
 * `s.stepWrites` (levels whose energy is charged `maestro`) from a
 * transfer plan and the tiles in `s.tile`; returns the elements crossing the spatial fan-outs (each
 * fan-out an element crosses counts it once).
 */
export const accumulateTransfers = (info: AcceleratorInfo, plan: Float64Array, transfers: number, s: Scratch): number => {
  const { levels, bytes, tilesPerStep, doubleBuffered, bandwidth, anyTilesPerStep, maestroEnergy, anyMaestroEnergy } = info
  const { tile, reads, writes, fill, stepIn, stepOut, stepWrites } = s
  for (let i = 0; i < levels * 3; i++) {
    reads[i] = 0
    writes[i] = 0
  }
  for (let l = 0; l < levels; l++) {
    fill[l] = 0
    stepIn[l] = 0
    stepOut[l] = 0
    stepWrites[l] = 0
  }
  // The plan's sliding overlaps, when already computed for this nest geometry.
  const { geometry } = s
  const stamp = layout.geometryOffset(levels)
  const current =
    plan[stamp] === geometry[0] && plan[stamp + 1] === geometry[1] && plan[stamp + 2] === geometry[2] && plan[stamp + 3] === geometry[3]
  // Whether the input windows below each fan-out are spread over P, Q, R or S (then the parent
  // serves their union): the PEs' (bit 1), the lanes' (bit 2).
  const spatialRegion = layout.spatialOffset(levels)
  const windowsSpread =
    (plan[spatialRegion + 9] === 1 ? 1 : 0) + (info.lanes && plan[spatialRegion + layout.fanOutFields + 9] === 1 ? 2 : 0)
  let network = 0
  // Outputs, down the chain: the residencies of the current parent (over its instances) that
  // started from zero, and its tile.
  let parentZeroStarts = 0
  let parentTile = 0
  for (let i = 0; i < transfers; i++) {
    const row = i * layout.stride
    const o = plan[row + layout.operand] ?? 0
    const parent = plan[row + layout.parent] ?? 0
    const c = plan[row + layout.child] ?? 0
    const fills = plan[row + layout.fills] ?? 0
    const side = plan[row + layout.side] ?? 0
    const instances = plan[row + layout.instances] ?? 0
    // The fan-outs crossed: 1 the PEs', 2 the lanes', 3 both.
    const fanOuts = plan[row + layout.crossing] ?? 0
    const crossing = fanOuts !== 0
    const size = c < levels ? (tile[c * 3 + o] ?? 0) : 1
    if (anyTilesPerStep && tilesPerStep[parent] === 1) {
      // MAESTRO's off-chip model: the child's whole tile crosses at every step, reuse ignored,
      // its inputs counted per PE group (the windows of neighboring groups not shared).
      const whole = o === 1 && c < levels ? (s.windows[c] ?? 0) : size
      const streamed = side * (plan[row + layout.steps] ?? 0) * whole
      if (o < 2) stepIn[parent] = (stepIn[parent] ?? 0) + streamed
      else stepOut[parent] = (stepOut[parent] ?? 0) + streamed
    }
    if (o < 2) {
      // Elements fetched per instance: every fill's tile, less what sliding refills already hold.
      let fetched = fills * size
      if ((plan[row + layout.slides] ?? 0) > 0) {
        if (!current) plan[row + layout.held] = slidingOverlap(plan, row, c, levels, s)
        fetched -= plan[row + layout.held] ?? 0
      }
      // Across a fan-out the parent serves inputs once per element the instances below fetch together.
      let served = side * fetched
      const byData = o === 1 && (fanOuts & windowsSpread) !== 0
      if (byData) {
        if (!current)
          plan[row + layout.served] = servedInputs(plan, row, c, levels, fills, s, fanOuts, plan[row + layout.parentInstances] ?? 1)
        served = plan[row + layout.served] ?? 0
      }
      reads[parent * 3 + o] = (reads[parent * 3 + o] ?? 0) + served
      if (c < levels) writes[c * 3 + o] = (writes[c * 3 + o] ?? 0) + instances * fetched
      if (crossing) network += served
      if (fanOuts === 3) {
        // Crossing both fan-outs, the elements also cross each used PE's lanes' fan-out: what its
        // lanes fetch together.
        if (o === 1 && (windowsSpread & 2) !== 0) {
          if (!current)
            plan[row + layout.servedLower] = servedInputs(plan, row, c, levels, fills, s, 2, plan[row + layout.lowerInstances] ?? 1)
          network += plan[row + layout.servedLower] ?? 0
        } else network += (plan[row + layout.lower] ?? 0) * fetched
      }
      if (c < levels && doubleBuffered[c] !== 1) {
        // The first tile: limited by the level's own port and by the parent's (each instance of
        // which serves every distinct tile across the fan-outs below it).
        const own = (size * bytes) / (bandwidth[c] ?? Number.POSITIVE_INFINITY)
        const perParent = crossing ? side / (plan[row + layout.parentInstances] ?? 1) : 1
        const served = (perParent * size * bytes) / (bandwidth[parent] ?? Number.POSITIVE_INFINITY)
        fill[c] = (fill[c] ?? 0) + Math.max(own, served)
      }
    } else {
      // Outputs: every residency ends with an update of the parent; a refill reads its partial
      // sums back unless the parent's copy is still zero: the first visit of each child tile in
      // a parent residency that started from zero (docs/cost-model.md, "Reuse analysis"). The
      // backing store and shared levels start from zero only on a tile's first fill, so there
      // the refills are the fills less the distinct tiles; a per-PE level also restarts from
      // zero on every residency that no read-back reached (the PEs of a reduction group but one).
      const refills =
        parent === 0 ? side * (fills - (plan[row + layout.distinct] ?? 0)) : side * fills - (parentTile / size) * parentZeroStarts
      reads[parent * 3 + 2] = (reads[parent * 3 + 2] ?? 0) + refills * size
      writes[parent * 3 + 2] = (writes[parent * 3 + 2] ?? 0) + side * fills * size
      if (c < levels) {
        writes[c * 3 + 2] = (writes[c * 3 + 2] ?? 0) + refills * size
        reads[c * 3 + 2] = (reads[c * 3 + 2] ?? 0) + instances * fills * size
      }
      if (crossing) network += (side * fills + refills) * size
      // Crossing both fan-outs: each used PE's lanes also reduce their partial sums (and one lane
      // gets each read-back).
      if (fanOuts === 3) network += ((plan[row + layout.lower] ?? 0) * fills + refills) * size
      // MAESTRO's L2 accounting: the child's output tile written once per step of the loops above it.
      if (anyMaestroEnergy && c < levels && maestroEnergy[c] === 1)
        stepWrites[c] = (stepWrites[c] ?? 0) + side * (plan[row + layout.steps] ?? 0) * size
      parentZeroStarts = instances * fills - refills
      parentTile = size
    }
  }
  if (!current) for (let g = 0; g < 4; g++) plan[stamp + g] = geometry[g] ?? 0
  return network
}

/** All accesses (reads and writes, every operand) of level `l` in the scratch. */
export const levelAccesses = (s: Scratch, l: number): number => {
  const { reads, writes } = s
  const at = l * 3
  return (reads[at] ?? 0) + (reads[at + 1] ?? 0) + (reads[at + 2] ?? 0) + (writes[at] ?? 0) + (writes[at + 1] ?? 0) + (writes[at + 2] ?? 0)
}

/**
 * Bytes per instance that level `l`'s bandwidth is charged for, `accesses` its accesses: all of
 * them; or, charged `tiles-per-step`, the larger direction of its streamed tiles (in and out each
 * have the bandwidth).
 */
const chargedBytes = (info: AcceleratorInfo, s: Scratch, l: number, accesses: number, bytes: number, instances: number): number => {
  const elements = info.tilesPerStep[l] === 1 ? Math.max(s.stepIn[l] ?? 0, s.stepOut[l] ?? 0) : accesses
  return (elements * bytes) / instances
}

/** Bytes per instance that level `l`'s bandwidth is charged for (see `chargedBytes`). */
export const levelChargedBytes = (info: AcceleratorInfo, s: Scratch, l: number, bytes: number, instances: number): number =>
  chargedBytes(info, s, l, levelAccesses(s, l), bytes, instances)

/** Cycles level `l` needs for `charged` bytes per instance: `ceil(charged / bandwidth)`. */
const trafficCycles = (info: AcceleratorInfo, l: number, charged: number): number =>
  Math.ceil(charged / (info.bandwidth[l] ?? Number.POSITIVE_INFINITY))

/** Energy of `reads` reads and `writes` writes of level `l`, pJ. */
const accessEnergyPj = (info: AcceleratorInfo, l: number, reads: number, writes: number): number =>
  reads * (info.readEnergy[l] ?? 0) + writes * (info.writeEnergy[l] ?? 0)

/** Energy of level `l` charged `maestro`: its weight and input reads and its `stepWrites`, pJ. */
const maestroEnergyPj = (info: AcceleratorInfo, s: Scratch, l: number): number =>
  accessEnergyPj(info, l, (s.reads[l * 3] ?? 0) + (s.reads[l * 3 + 1] ?? 0), s.stepWrites[l] ?? 0)

/**
 * Energy of level `l`'s accesses, pJ: every read and write; or, charged `maestro`, the reads of
 * weights and inputs by the levels below and the output tiles written once per step (`stepWrites`).
 */
export const levelEnergyPj = (info: AcceleratorInfo, s: Scratch, l: number): number => {
  const { reads, writes } = s
  const at = l * 3
  if (info.maestroEnergy[l] === 1) return maestroEnergyPj(info, s, l)
  return accessEnergyPj(
    info,
    l,
    (reads[at] ?? 0) + (reads[at + 1] ?? 0) + (reads[at + 2] ?? 0),
    (writes[at] ?? 0) + (writes[at + 1] ?? 0) + (writes[at + 2] ?? 0),
  )
}

/**
 * MAESTRO's per-step delivery to a cluster (a mapping whose `array` groups the PEs in `clusters`,
 * on an accelerator whose outermost level is charged `tiles-per-step`; docs/cost-model.md,
 * "MAESTRO's off-chip model"): each iteration of the outermost level's loops restarts the
 * clusters, whose first tiles arrive before they compute (MAESTRO's "initialization case", which
 * double buffering cannot hide): one transfer of the zero-load delay (1 cycle) plus one cycle per
 * further bandwidth's worth of the weights and inputs a cluster (a row of PEs) receives, over the
 * last shared level's bandwidth. The cycles over all iterations; 0 for other accelerators.
 */
export const stepDeliveryCycles = (info: AcceleratorInfo, s: Scratch, f: Float64Array, sx: Float64Array): number => {
  if (info.tilesPerStep[0] !== 1) return 0
  let steps = 1
  for (let d = 0; d < 8; d++) steps *= f[d] ?? 1
  let elements = 0
  for (let o = 0; o < 2; o++) {
    // The first per-PE level that keeps the operand receives it.
    let l = info.lastShared + 1
    while (l < info.levels && info.holds[l * 3 + o] !== 1) l++
    if (l >= info.levels) continue
    let copies = 1
    for (let d = 0; d < 8; d++) if (relevance[o * 8 + d] === 1) copies *= sx[d] ?? 1
    elements += (s.tile[l * 3 + o] ?? 0) * copies
  }
  const bandwidth = info.bandwidth[Math.max(info.lastShared, 0)] ?? Number.POSITIVE_INFINITY
  return steps * Math.max(1, Math.ceil((elements * info.bytes) / bandwidth))
}

/**
 * Latency and energy of the counts in the scratch, written to `out[0]` (cycles) and `out[1]`
 * (energy, pJ), with `usedPes` instances of a per-PE level and `usedPes · usedLanes` of a
 * per-lane one: `max(compute, each level's traffic cycles) + first fills`, and the MACs', levels'
 * and fan-out's energies. Leaves each level's traffic cycles in `s.traffic`.
 */
export const scoreCounts = (
  info: AcceleratorInfo,
  s: Scratch,
  computeCycles: number,
  usedPes: number,
  usedLanes: number,
  macs: number,
  network: number,
  out: Float64Array,
): void => {
  const { levels, bytes, lastShared, lastPe } = info
  const laneInstances = usedPes * usedLanes
  const { reads, writes } = s
  let slowest = computeCycles
  let firstFills = 0
  let energy = macs * info.macEnergyPj + network * info.networkEnergyPj
  for (let l = 0; l < levels; l++) {
    const instances = l > lastShared ? (l > lastPe ? laneInstances : usedPes) : 1
    // Each count read once: the reads, the writes, and all accesses summed as `levelAccesses` does.
    const at = l * 3
    const w0 = writes[at] ?? 0
    const w1 = writes[at + 1] ?? 0
    const w2 = writes[at + 2] ?? 0
    const levelReads = (reads[at] ?? 0) + (reads[at + 1] ?? 0) + (reads[at + 2] ?? 0)
    const traffic = trafficCycles(info, l, chargedBytes(info, s, l, levelReads + w0 + w1 + w2, bytes, instances))
    s.traffic[l] = traffic
    slowest = Math.max(slowest, traffic)
    firstFills += Math.ceil(s.fill[l] ?? 0)
    energy += info.maestroEnergy[l] === 1 ? maestroEnergyPj(info, s, l) : accessEnergyPj(info, l, levelReads, w0 + w1 + w2)
  }
  out[0] = slowest + firstFills
  out[1] = energy
}
