import type { HierarchicalAccelerator } from "@cosearch/accelerator"
import type { LoopNest } from "@cosearch/network"
import { dataflowNames } from "../../kind/cost-options.js"
import type { AcceleratorInfo } from "../kernel/accelerator-info.js"
import { levelAccesses } from "../kernel/kernel.js"
import type { MappedLayer } from "../mapper/map-layer.js"
import { bestCounts, bestScore } from "../mapper/search.js"

// Internal to @cosearch/cost: what the network evaluation needs of one mapped layer, as a row of
// numbers in a Float64Array — written from a `MappedLayer` record (`evaluateNetwork`) or straight
// from the mapper's working arrays (`evaluateNetworkTotals`), so that both paths share the
// network arithmetic and give the same totals.

/**
 * Where each number of a row is (one object: read through a module's own `const`, as
 * `planLayout` is, V8 folds its fields into the code).
 */
const layout = {
  macs: 0,
  computeCycles: 1,
  cycles: 2,
  energyPj: 3,
  /** Index of the dataflow in `dataflowNames`, or `dataflowNames.length` for a fixed mapping. */
  dataflow: 4,
  /** Bytes the layer's tiles take in the hand-off buffer (0 when there is none). */
  bufferOccupancy: 5,
  dramInputReads: 6,
  dramOutputWrites: 7,
  usedPes: 8,
  /** Then, per level `l`: all accesses at `levels + l`, traffic cycles at `levels + (storage levels) + l`. */
  levels: 9,
} as const

/** Where each number of a row is; read it through a module-local `const`. */
export const rowLayout = layout

/** Numbers in one row for an accelerator of `levels` storage levels. */
export const rowLength = (levels: number): number => layout.levels + 2 * levels

/** Writes a mapper result's row at `offset`; `buffer` is the hand-off level (or -1). */
export const writeRowFromMapped = (layer: MappedLayer, buffer: number, rows: Float64Array, offset: number): void => {
  rows[offset + layout.macs] = layer.macs
  rows[offset + layout.computeCycles] = layer.computeCycles
  rows[offset + layout.cycles] = layer.cycles
  rows[offset + layout.energyPj] = layer.energy.totalPj
  rows[offset + layout.dataflow] = layer.dataflow === "fixed" ? dataflowNames.length : dataflowNames.indexOf(layer.dataflow)
  rows[offset + layout.bufferOccupancy] = layer.levels[buffer]?.occupancyBytes ?? 0
  rows[offset + layout.dramInputReads] = layer.levels[0]?.reads.inputs ?? 0
  rows[offset + layout.dramOutputWrites] = layer.levels[0]?.writes.outputs ?? 0
  rows[offset + layout.usedPes] = layer.usedPes
  const levels = layer.levels.length
  layer.levels.forEach((level, l) => {
    const { reads: r, writes: w } = level
    rows[offset + layout.levels + l] = r.weights + r.inputs + r.outputs + w.weights + w.inputs + w.outputs
    rows[offset + layout.levels + levels + l] = level.trafficCycles
  })
}

/**
 * Writes the row of the mapper's best mapping of `nest` (after `searchMappings` found one) at
 * `offset`, with the arithmetic `evaluateMapping` uses for the record. Returns false when a
 * count is beyond exact arithmetic (2^53), where `evaluateMapping` reports the layer infeasible.
 */
export const writeRowFromSearch = (
  nest: LoopNest,
  accelerator: HierarchicalAccelerator,
  info: AcceleratorInfo,
  dataflow: number,
  buffer: number,
  rows: Float64Array,
  offset: number,
): boolean => {
  const s = bestCounts()
  const score = bestScore()
  const levels = accelerator.levels.length
  const bytes = accelerator.bytesPerElement
  const macs = nest.N * nest.G * nest.K * nest.C * nest.P * nest.Q * nest.R * nest.S
  const usedPes = score[3] ?? 1
  let largest = macs
  for (let l = 0; l < levels; l++) {
    const accesses = levelAccesses(s, l)
    if (accesses > largest) largest = accesses
    rows[offset + layout.levels + l] = accesses
    rows[offset + layout.levels + levels + l] = s.traffic[l] ?? 0
  }
  if (!(largest <= Number.MAX_SAFE_INTEGER)) return false
  let occupancy = 0
  if (buffer >= 0) {
    let held = 0
    for (let o = 0; o < 3; o++) if (info.holds[buffer * 3 + o] === 1) held += s.tile[buffer * 3 + o] ?? 0
    occupancy = held * bytes * (info.doubleBuffered[buffer] === 1 ? 2 : 1)
  }
  rows[offset + layout.macs] = macs
  rows[offset + layout.computeCycles] = score[2] ?? 0
  rows[offset + layout.cycles] = score[0] ?? 0
  rows[offset + layout.energyPj] = score[1] ?? 0
  rows[offset + layout.dataflow] = dataflow
  rows[offset + layout.bufferOccupancy] = occupancy
  rows[offset + layout.dramInputReads] = s.reads[1] ?? 0
  rows[offset + layout.dramOutputWrites] = s.writes[2] ?? 0
  rows[offset + layout.usedPes] = usedPes
  return true
}
