import { type HierarchicalAccelerator, macCount } from "@cosearch/accelerator"
import { type AnalyzedNetwork, type LoopNest, lowerNetwork } from "@cosearch/network"
import { type DataflowName, dataflowNames, type NetworkOptions } from "../../kind/cost-options.js"
import { acceleratorInfo } from "../kernel/accelerator-info.js"
import { fixedLayer, fixedMappingOf } from "../mapper/fixed-layer.js"
import { type MappedLayer, mapLayer } from "../mapper/map-layer.js"
import type { MappingIssueReason } from "../mapping/issues.js"
import { combineLayers, handOffElements, handOffLevel, sumLayout } from "./hand-off.js"
import { rowLength, writeRowFromMapped } from "./layer-row.js"

/**
 * One compute layer of a network evaluation: the mapper's result for the layer alone, and its
 * cycles and energy once activations handed on on-chip are taken off DRAM.
 *
 * @example
 * for (const layer of cost.layers) console.log(layer.mapped.layer, layer.cycles, layer.inputOnChip)
 */
export interface NetworkLayerCost {
  readonly mapped: MappedLayer
  /** Cycles with the on-chip hand-off applied. */
  readonly cycles: number
  /** Energy with the on-chip hand-off applied, pJ. */
  readonly energyPj: number
  /** The input tensor came from the previous layer through the on-chip buffer, not DRAM. */
  readonly inputOnChip: boolean
  /** The output tensor stays in the on-chip buffer for the next layer. */
  readonly outputOnChip: boolean
}

/**
 * The totals of a whole network on a hierarchical accelerator: layers run one after another.
 * What `evaluateNetworkTotals` returns (no per-layer records); `NetworkCost` adds them.
 *
 * @example
 * const totals = evaluateNetworkTotals(nests, maestro256Pe, { dataflow: "kc-partitioned" })
 * if (totals.feasible) console.log(totals.cycles, totals.energyPj, totals.dramBytes)
 */
export interface NetworkTotals {
  readonly feasible: true
  readonly accelerator: string
  readonly macs: number
  readonly cycles: number
  readonly computeCycles: number
  /** `cycles / clockMhz / 1000`; absent when the accelerator states no clock. */
  readonly latencyMs?: number
  readonly energyPj: number
  /** `macs / (cycles · PEs · lanes · macsPerPe)`: all the MAC units. */
  readonly utilization: number
  /** Bytes moved to and from the outermost level (DRAM) after the hand-off. */
  readonly dramBytes: number
  /** How many layers used each dataflow. */
  readonly dataflows: Readonly<Partial<Record<DataflowName | "fixed", number>>>
}

/**
 * A whole network on a hierarchical accelerator: the totals and every layer's record.
 *
 * @example
 * const cost = evaluateNetwork(nests, eyerissV1Like, { dataflow: "row-stationary" })
 * if (cost.feasible) console.log(cost.cycles, cost.energyPj, cost.latencyMs)
 */
export interface NetworkCost extends NetworkTotals {
  readonly layers: readonly NetworkLayerCost[]
  /** Pooling and element-wise nests: not run on the PE array, 0 cycles, listed for reports. */
  readonly skipped: readonly { readonly layer: string; readonly op: string; readonly kind: string }[]
}

/**
 * Why a network cannot be evaluated: the first layer that cannot be mapped, and why.
 *
 * @example
 * if (!cost.feasible) console.error(`${cost.layer}: ${cost.message}`)
 */
export interface NetworkInfeasible {
  readonly feasible: false
  readonly reason: MappingIssueReason
  readonly message: string
  readonly layer?: string
}

/**
 * The result of `evaluateNetwork`.
 *
 * @example
 * const result: NetworkResult = evaluateNetwork(nests, accelerator)
 */
export type NetworkResult = NetworkCost | NetworkInfeasible

/**
 * Evaluates a network (analyzed, or lowered to loop nests) on a hierarchical accelerator: every
 * conv and matmul nest is mapped by `mapLayer` with the given options (a dataflow preset or
 * `auto`, an objective, a bound on the mappings visited), layers run one after another, and
 * activations are handed on on-chip when they fit (docs/cost-model.md, "Networks"): when a layer's
 * input tensor is the previous compute layer's output and fits in the on-chip buffer that keeps
 * inputs and outputs next to both layers' own tiles there, the producer's final output writes to DRAM,
 * the consumer's input reads from DRAM, and the buffer's matching drains and fills disappear, and each layer's DRAM-bound latency
 * is recomputed. Pooling and element-wise nests do not run on the array (0 cycles; listed in
 * `skipped`). Never throws. When only the totals are needed, `evaluateNetworkTotals` gives the
 * same numbers without the per-layer records, many times faster.
 *
 * @example
 * const cost = evaluateNetwork(analyzeNetworkOrThrow(network), eyerissV1Like, { dataflow: "row-stationary" })
 * if (cost.feasible) console.log(cost.latencyMs, cost.energyPj / 1e9, "mJ")
 */
export const evaluateNetwork = (
  network: AnalyzedNetwork | readonly LoopNest[],
  accelerator: HierarchicalAccelerator,
  options: NetworkOptions = {},
): NetworkResult => {
  const nests = Array.isArray(network) ? (network as readonly LoopNest[]) : lowerNetwork(network as AnalyzedNetwork)
  const info = acceleratorInfo(accelerator)
  if (info.issues.length > 0) return { feasible: false, reason: "accelerator", message: `accelerator: ${info.issues[0]?.message}` }
  const buffer = handOffLevel(accelerator)
  const mapped: MappedLayer[] = []
  const computeNests: LoopNest[] = []
  const skipped: { layer: string; op: string; kind: string }[] = []
  for (const nest of nests) {
    if (nest.kind === "pool" || nest.kind === "eltwise") {
      skipped.push({ layer: nest.layer, op: nest.op, kind: nest.kind })
      continue
    }
    const fixed = fixedMappingOf(options.mappings, nest.layer)
    const result = fixed === undefined ? mapLayer(nest, accelerator, options) : fixedLayer(nest, accelerator, fixed)
    if (!result.feasible) return { feasible: false, reason: result.reason, message: result.message, layer: nest.layer }
    mapped.push(result)
    computeNests.push(nest)
  }
  const stride = rowLength(accelerator.levels.length)
  const rows = new Float64Array(mapped.length * stride)
  const offsets = new Int32Array(mapped.length)
  mapped.forEach((layer, i) => {
    offsets[i] = i * stride
    writeRowFromMapped(layer, buffer, rows, i * stride)
  })
  const layers: NetworkLayerCost[] = []
  const sums = new Float64Array(sumLayout.dataflows + dataflowNames.length + 1)
  combineLayers(info, buffer, handOffElements(computeNests), rows, offsets, sums, (i, cycles, energyPj, inputOnChip, outputOnChip) => {
    const layer = mapped[i]
    if (layer !== undefined) layers.push({ mapped: layer, cycles, energyPj, inputOnChip, outputOnChip })
  })
  return { ...networkTotals(accelerator, sums), layers, skipped }
}

/** The totals of a network from the sums of `combineLayers`. @internal */
export const networkTotals = (accelerator: HierarchicalAccelerator, sums: Float64Array): NetworkTotals => {
  const macs = sums[sumLayout.macs] ?? 0
  const cycles = sums[sumLayout.cycles] ?? 0
  const pes = macCount(accelerator)
  const clock = accelerator.clockMhz
  const dataflows: Partial<Record<DataflowName | "fixed", number>> = {}
  for (const [d, name] of [...dataflowNames, "fixed" as const].entries()) {
    const count = sums[sumLayout.dataflows + d] ?? 0
    if (count > 0) dataflows[name] = count
  }
  return {
    feasible: true,
    accelerator: accelerator.name,
    macs,
    cycles,
    computeCycles: sums[sumLayout.computeCycles] ?? 0,
    ...(clock !== undefined && clock > 0 ? { latencyMs: cycles / clock / 1000 } : {}),
    energyPj: sums[sumLayout.energyPj] ?? 0,
    utilization: cycles > 0 ? macs / (cycles * pes) : 0,
    dramBytes: sums[sumLayout.dramBytes] ?? 0,
    dataflows,
  }
}
