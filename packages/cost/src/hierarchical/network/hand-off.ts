import type { HierarchicalAccelerator } from "@cosearch/accelerator"
import type { LoopNest } from "@cosearch/network"
import type { AcceleratorInfo } from "../kernel/accelerator-info.js"
import { rowLayout } from "./layer-row.js"

// Internal to @cosearch/cost: the network arithmetic of docs/cost-model.md ("Networks") over the
// rows of `layer-row.ts`, shared by `evaluateNetwork` and `evaluateNetworkTotals`.

/**
 * Where `combineLayers` writes each sum; then the number of layers per dataflow, at `dataflows +
 * index in dataflowNames` (fixed mappings after the presets; one object: read through a module's own `const`, V8 folds its fields
 * into the code).
 */
const sum = { macs: 0, cycles: 1, computeCycles: 2, energyPj: 3, dramBytes: 4, dataflows: 5 } as const

/** Where `combineLayers` writes each sum (see `sum`); read it through a module-local `const`. */
export const sumLayout = sum

/** The row layout, through this module's own constant. */
const row = rowLayout

/** Receives each layer's cycles and energy once the hand-off is applied. */
export type HandOffListener = (index: number, cycles: number, energyPj: number, inputOnChip: boolean, outputOnChip: boolean) => void

/** The outermost on-chip shared level keeping both inputs and outputs, or -1. */
export const handOffLevel = (accelerator: HierarchicalAccelerator): number => {
  const levels = accelerator.levels
  for (let l = 0; l < levels.length; l++) {
    const level = levels[l]
    if (level === undefined || level.scope !== "shared" || level.offChip === true || level.capacityBytes === undefined) continue
    if (level.holds.includes("inputs") && level.holds.includes("outputs")) return l
  }
  return -1
}

/** Elements of a nest's output tensor. */
const outputElements = (nest: LoopNest): number => nest.N * nest.G * nest.K * nest.P * nest.Q

/** Elements of a nest's input tensor, before padding. */
const inputElements = (nest: LoopNest): number => nest.N * nest.G * nest.C * nest.H * nest.W

/**
 * What the hand-off needs of compute layers run one after another, before any accelerator: per
 * layer, the elements of its output when the next layer reads that very tensor (the same element
 * count), else -1.
 */
export const handOffElements = (nests: readonly LoopNest[]): Float64Array => {
  const handed = new Float64Array(nests.length)
  for (let i = 0; i < nests.length; i++) {
    const producer = nests[i]
    const consumer = nests[i + 1]
    const elements = producer === undefined ? -1 : outputElements(producer)
    handed[i] = consumer !== undefined && elements === inputElements(consumer) ? elements : -1
  }
  return handed
}

/**
 * Whether compute layer `i`'s output stays in the hand-off buffer for layer `i + 1`: the next
 * layer reads that very tensor (`handed`, of `handOffElements`) and it fits beside the larger of
 * the two layers' tiles there.
 */
const keptOnChip = (
  info: AcceleratorInfo,
  buffer: number,
  handed: Float64Array,
  rows: Float64Array,
  offsets: Int32Array,
  i: number,
): boolean => {
  const elements = handed[i] ?? -1
  if (buffer < 0 || elements < 0) return false
  const room = (info.capacity[buffer] ?? Number.POSITIVE_INFINITY) - elements * info.bytes
  const mine = rows[(offsets[i] ?? 0) + row.bufferOccupancy] ?? 0
  const next = rows[(offsets[i + 1] ?? 0) + row.bufferOccupancy] ?? 0
  return Math.max(mine, next) <= room
}

/**
 * Sums the compute layers (their rows at `offsets[i]` in `rows`, `handed` their
 * `handOffElements`) run one after another, with activations handed on on-chip where they fit,
 * into `sums` (see `sum`): when a layer's output stays on chip, its final output writes to DRAM
 * (at most the output's elements) and the hand-off buffer's reads that drained them disappear;
 * the next layer's DRAM input reads and the buffer fills they fed disappear; each layer's latency
 * is recomputed as the bound of compute and each level's reduced traffic, plus the same first
 * fills. `buffer` is the accelerator's `handOffLevel`.
 */
export const combineLayers = (
  info: AcceleratorInfo,
  buffer: number,
  handed: Float64Array,
  rows: Float64Array,
  offsets: Int32Array,
  sums: Float64Array,
  listener?: HandOffListener,
): void => {
  const { levels, bytes } = info
  sums.fill(0)
  let macs = 0
  let totalCycles = 0
  let computeCycles = 0
  let totalEnergyPj = 0
  let dramBytes = 0
  let inputOnChip = false
  for (let i = 0; i < handed.length; i++) {
    const at = offsets[i] ?? 0
    const outputOnChip = keptOnChip(info, buffer, handed, rows, offsets, i)
    const dramOutputWrites = rows[at + row.dramOutputWrites] ?? 0
    const writes = outputOnChip ? Math.min(handed[i] ?? 0, dramOutputWrites) : 0
    const reads = inputOnChip ? (rows[at + row.dramInputReads] ?? 0) : 0
    let cycles = rows[at + row.cycles] ?? 0
    let energyPj = rows[at + row.energyPj] ?? 0
    if ((reads !== 0 || writes !== 0) && buffer >= 0) {
      const compute = rows[at + row.computeCycles] ?? 0
      const usedPes = rows[at + row.usedPes] ?? 1
      let before = compute
      let after = compute
      for (let l = 0; l < levels; l++) {
        before = Math.max(before, rows[at + row.levels + levels + l] ?? 0)
        if (info.tilesPerStep[l] === 1) {
          // Charged by the tiles streamed per step, which the hand-off does not change.
          after = Math.max(after, rows[at + row.levels + levels + l] ?? 0)
          continue
        }
        const moved = l === 0 || l === buffer ? -(reads + writes) : 0
        // Only the backing store and the (shared) hand-off buffer change: the other levels keep
        // their traffic cycles (per-PE and per-lane levels, whose instances the row does not say).
        if (moved === 0) {
          after = Math.max(after, rows[at + row.levels + levels + l] ?? 0)
          continue
        }
        const instances = l > info.lastShared ? usedPes : 1
        const bandwidth = info.bandwidth[l] ?? Number.POSITIVE_INFINITY
        after = Math.max(after, Math.ceil((((rows[at + row.levels + l] ?? 0) + moved) * bytes) / instances / bandwidth))
      }
      // The input already sits in the buffer: no DRAM read and no buffer fill; the output stays:
      // no buffer drain and no DRAM write.
      const saved =
        reads * ((info.readEnergy[0] ?? 0) + (info.writeEnergy[buffer] ?? 0)) +
        writes * ((info.writeEnergy[0] ?? 0) + (info.readEnergy[buffer] ?? 0))
      cycles = cycles - before + after
      energyPj -= saved
    }
    listener?.(i, cycles, energyPj, inputOnChip, outputOnChip)
    macs += rows[at + row.macs] ?? 0
    totalCycles += cycles
    computeCycles += rows[at + row.computeCycles] ?? 0
    totalEnergyPj += energyPj
    dramBytes += ((rows[at + row.levels] ?? 0) - reads - writes) * bytes
    const dataflow = sum.dataflows + (rows[at + row.dataflow] ?? 0)
    sums[dataflow] = (sums[dataflow] ?? 0) + 1
    inputOnChip = outputOnChip
  }
  sums[sum.macs] = macs
  sums[sum.cycles] = totalCycles
  sums[sum.computeCycles] = computeCycles
  sums[sum.energyPj] = totalEnergyPj
  sums[sum.dramBytes] = dramBytes
}
