import type { HierarchicalAccelerator } from "@cosearch/accelerator"
import { type AnalysedNetwork, type LoopNest, lowerNetwork } from "@cosearch/network"
import type { DataflowName } from "../dataflow/dataflow.js"
import { type MapLayerOptions, type MappedLayer, mapLayer } from "../mapper/map-layer.js"
import { acceleratorInfo } from "../mapping/analysis.js"
import type { MappingIssueReason } from "../mapping/issues.js"

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
 * A whole network on a hierarchical accelerator: layers run one after another.
 *
 * @example
 * const cost = evaluateNetwork(nests, eyerissV1Like, { dataflow: "rs" })
 * if (cost.feasible) console.log(cost.cycles, cost.energyPj, cost.latencyMs)
 */
export interface NetworkCost {
  readonly feasible: true
  readonly accelerator: string
  readonly macs: number
  readonly cycles: number
  readonly computeCycles: number
  /** `cycles / clockMhz / 1000`; absent when the accelerator states no clock. */
  readonly latencyMs?: number
  readonly energyPj: number
  /** `macs / (cycles · PEs · macsPerPe)`. */
  readonly utilization: number
  /** Bytes moved to and from the outermost level (DRAM) after the hand-off. */
  readonly dramBytes: number
  readonly layers: readonly NetworkLayerCost[]
  /** Pooling and element-wise nests: not run on the PE array, 0 cycles, listed for reports. */
  readonly skipped: readonly { readonly layer: string; readonly op: string; readonly kind: string }[]
  /** How many layers used each dataflow. */
  readonly dataflows: Readonly<Partial<Record<DataflowName, number>>>
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
 * Evaluates a network (analysed, or lowered to loop nests) on a hierarchical accelerator: every
 * conv and matmul nest is mapped by `mapLayer` with the given options (a dataflow preset or
 * `auto`, an objective, a bound on the mappings visited), layers run one after another, and
 * activations are handed on on-chip when they fit (docs/cost-model.md, "Networks"): when a layer's
 * input tensor is the previous compute layer's output and fits in the on-chip buffer that keeps
 * inputs and outputs next to both layers' own tiles there, the producer's final output writes to DRAM,
 * the consumer's input reads from DRAM, and the buffer's matching drains and fills disappear, and each layer's DRAM-bound latency
 * is recomputed. Pooling and element-wise nests do not run on the array (0 cycles; listed in
 * `skipped`). Never throws.
 *
 * @example
 * const cost = evaluateNetwork(analyseNetworkOrThrow(network), eyerissV1Like, { dataflow: "rs" })
 * if (cost.feasible) console.log(cost.latencyMs, cost.energyPj / 1e9, "mJ")
 */
export const evaluateNetwork = (
  network: AnalysedNetwork | readonly LoopNest[],
  accelerator: HierarchicalAccelerator,
  options: MapLayerOptions = {},
): NetworkResult => {
  const nests = Array.isArray(network) ? (network as readonly LoopNest[]) : lowerNetwork(network as AnalysedNetwork)
  const info = acceleratorInfo(accelerator)
  if (info.issues.length > 0) return { feasible: false, reason: "accelerator", message: `accelerator: ${info.issues[0]?.message}` }
  const buffer = handOffLevel(accelerator)
  const mapped: MappedLayer[] = []
  const skipped: { layer: string; op: string; kind: string }[] = []
  for (const nest of nests) {
    if (nest.kind === "pool" || nest.kind === "eltwise") {
      skipped.push({ layer: nest.layer, op: nest.op, kind: nest.kind })
      continue
    }
    const result = mapLayer(nest, accelerator, options)
    if (!result.feasible) return { feasible: false, reason: result.reason, message: result.message, layer: nest.layer }
    mapped.push(result)
  }
  const computeNests = nests.filter((nest) => nest.kind === "conv" || nest.kind === "matmul")
  const bytes = accelerator.bytesPerElement
  // on[i]: layer i's output is kept on-chip for layer i + 1.
  const on = mapped.map((layer, i) => {
    const next = mapped[i + 1]
    const producer = computeNests[i]
    const consumer = computeNests[i + 1]
    if (buffer < 0 || next === undefined || producer === undefined || consumer === undefined) return false
    const elements = outputElements(producer)
    if (elements !== inputElements(consumer)) return false
    const room = (accelerator.levels[buffer]?.capacityBytes ?? Number.POSITIVE_INFINITY) - elements * bytes
    return Math.max(layer.levels[buffer]?.occupancyBytes ?? 0, next.levels[buffer]?.occupancyBytes ?? 0) <= room
  })
  const layers: NetworkLayerCost[] = []
  const dataflows: Partial<Record<DataflowName, number>> = {}
  let macs = 0
  let cycles = 0
  let computeCycles = 0
  let energyPj = 0
  let dramBytes = 0
  mapped.forEach((layer, i) => {
    const inputOnChip = i > 0 && on[i - 1] === true
    const outputOnChip = on[i] === true
    const producer = computeNests[i]
    const movedWrites =
      outputOnChip && producer !== undefined ? Math.min(outputElements(producer), layer.levels[0]?.writes.outputs ?? 0) : 0
    const movedReads = inputOnChip ? (layer.levels[0]?.reads.inputs ?? 0) : 0
    const handed = handOff(accelerator, layer, buffer, movedReads, movedWrites)
    layers.push({ mapped: layer, cycles: handed.cycles, energyPj: handed.energyPj, inputOnChip, outputOnChip })
    dataflows[layer.dataflow] = (dataflows[layer.dataflow] ?? 0) + 1
    macs += layer.macs
    cycles += handed.cycles
    computeCycles += layer.computeCycles
    energyPj += handed.energyPj
    dramBytes += handed.dramAccesses * bytes
  })
  const pes = accelerator.array.x * accelerator.array.y * accelerator.array.macsPerPe
  const clock = accelerator.clockMhz
  return {
    feasible: true,
    accelerator: accelerator.name,
    macs,
    cycles,
    computeCycles,
    ...(clock !== undefined && clock > 0 ? { latencyMs: cycles / clock / 1000 } : {}),
    energyPj,
    utilization: cycles > 0 ? macs / (cycles * pes) : 0,
    dramBytes,
    layers,
    skipped,
    dataflows,
  }
}

/** Elements of a nest's output tensor. */
const outputElements = (nest: LoopNest): number => nest.N * nest.G * nest.K * nest.P * nest.Q

/** Elements of a nest's input tensor, before padding. */
const inputElements = (nest: LoopNest): number => nest.N * nest.G * nest.C * nest.H * nest.W

/** The outermost on-chip shared level keeping both inputs and outputs, or -1. */
const handOffLevel = (accelerator: HierarchicalAccelerator): number => {
  const levels = accelerator.levels
  for (let l = 0; l < levels.length; l++) {
    const level = levels[l]
    if (level === undefined || level.scope !== "shared" || level.offChip === true || level.capacityBytes === undefined) continue
    if (level.holds.includes("inputs") && level.holds.includes("outputs")) return l
  }
  return -1
}

/**
 * A layer's cycles and energy once `reads` input reads and `writes` output writes of DRAM (level
 * 0), and the matching fills and drains of the hand-off buffer, are gone: the levels' traffic
 * cycles are recomputed and the latency is again the bound of compute and traffic, plus the same
 * first fills.
 */
const handOff = (
  accelerator: HierarchicalAccelerator,
  layer: MappedLayer,
  buffer: number,
  reads: number,
  writes: number,
): { cycles: number; energyPj: number; dramAccesses: number } => {
  const dram = layer.levels[0]
  const accessesOf = (l: number): number => {
    const level = layer.levels[l]
    if (level === undefined) return 0
    const { reads: r, writes: w } = level
    return r.weights + r.inputs + r.outputs + w.weights + w.inputs + w.outputs
  }
  const dramAccesses = accessesOf(0) - reads - writes
  if ((reads === 0 && writes === 0) || dram === undefined || buffer < 0) {
    return { cycles: layer.cycles, energyPj: layer.energy.totalPj, dramAccesses }
  }
  const bytes = accelerator.bytesPerElement
  let before = layer.computeCycles
  let after = layer.computeCycles
  layer.levels.forEach((level, l) => {
    before = Math.max(before, level.trafficCycles)
    const moved = l === 0 || l === buffer ? -(reads + writes) : 0
    const bandwidth = accelerator.levels[l]?.bandwidthBytesPerCycle ?? Number.POSITIVE_INFINITY
    after = Math.max(after, Math.ceil(((accessesOf(l) + moved) * bytes) / level.instances / bandwidth))
  })
  const dramLevel = accelerator.levels[0]
  const bufferLevel = accelerator.levels[buffer]
  // The input already sits in the buffer: no DRAM read and no buffer fill; the output stays: no
  // buffer drain and no DRAM write.
  const saved =
    reads * ((dramLevel?.readEnergyPj ?? 0) + (bufferLevel?.writeEnergyPj ?? 0)) +
    writes * ((dramLevel?.writeEnergyPj ?? 0) + (bufferLevel?.readEnergyPj ?? 0))
  return { cycles: layer.cycles - before + after, energyPj: layer.energy.totalPj - saved, dramAccesses }
}
