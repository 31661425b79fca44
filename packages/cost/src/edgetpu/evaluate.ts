import {
  type EdgeTpuAccelerator,
  type EdgeTpuLayerClass,
  edgeTpuArea,
  edgeTpuBytesPerElement,
  edgeTpuLeakageWatts,
  eyerissRelativeEnergy,
  macEnergyPj45nm,
  memoryInterfaces,
  sramAccessEnergyPjPerByte,
} from "@cosearch/accelerator"
import { edgeTpuSplit } from "./split.js"
import type { EdgeTpuWorkload } from "./workload.js"

/** The cost of one layer on an Edge TPU design. */
export interface EdgeTpuLayerCost {
  readonly name: string
  readonly layerClass: EdgeTpuLayerClass
  readonly macs: number
  /** Total cycles: overhead + the largest of compute, weight loading, activation spills and I/O streaming. */
  readonly cycles: number
  /** `idealCycles / efficiency` of the class. */
  readonly computeCycles: number
  /** Cycles to move the layer's weights from PE memory into the cores' parameter memories. */
  readonly weightLoadCycles: number
  /** Cycles to spill activations that do not fit core memory to PE memory and back. */
  readonly spillCycles: number
  /** Cycles to stream the layer's uncached parameters over I/O. */
  readonly streamCycles: number
  /** Cycles to write and re-read partial sums when the reduction is cut into chunks. */
  readonly chunkCycles: number
  /** Parameter bytes that did not fit the PE memories and cross I/O on every inference. */
  readonly streamedBytes: number
  readonly utilization: number
  readonly energyPj: number
}

/** Why a design cannot run a network. */
export type EdgeTpuInfeasibleReason = "area" | "instruction-memory" | "activation-memory"

/** A design that cannot run the network, with the reason and a sentence naming the figures. */
export interface EdgeTpuInfeasible {
  readonly feasible: false
  readonly reason: EdgeTpuInfeasibleReason
  readonly message: string
  readonly areaMm2: number
}

/** The cost of a network on an Edge TPU design. */
export interface EdgeTpuNetworkCost {
  readonly feasible: true
  readonly macs: number
  readonly cycles: number
  readonly latencySeconds: number
  readonly latencyMs: number
  readonly energyPj: number
  readonly areaMm2: number
  /** MACs / (cycles x peak MACs per cycle). */
  readonly utilization: number
  readonly parameterBytes: number
  /** Parameter bytes cached in the PE memories; the rest stream over I/O on every inference. */
  readonly cachedParameterBytes: number
  readonly streamedParameterBytes: number
  readonly instructions: number
  /** Per layer, when `options.layers` is set; otherwise empty. */
  readonly layers: readonly EdgeTpuLayerCost[]
  /** Cycles by layer class (overheads included). */
  readonly cyclesByClass: Readonly<Record<EdgeTpuLayerClass, number>>
  readonly layersByClass: Readonly<Record<EdgeTpuLayerClass, number>>
  /** MACs by layer class (0 for pooling and element-wise layers). */
  readonly macsByClass: Readonly<Record<EdgeTpuLayerClass, number>>
}

/** An evaluation: the cost, or why the design is infeasible. */
export type EdgeTpuResult = EdgeTpuNetworkCost | EdgeTpuInfeasible

/** Options of `evaluateEdgeTpu`. */
export interface EdgeTpuEvaluateOptions {
  /** Designs larger than this (mm², 45 nm) are infeasible. */
  readonly areaBudgetMm2?: number
  /** Keep per-layer records (default false: totals only, faster). */
  readonly layers?: boolean
}

const classRecord = (): Record<EdgeTpuLayerClass, number> => ({ conv: 0, depthwise: 0, fc: 0, pool: 0, eltwise: 0 })
const PARTIAL_SUM_BYTES = 4

/**
 * The Edge TPU model (docs/edgetpu.md): per layer, the split over PEs x cores x lanes gives the
 * ideal cycles; divided by the class's efficiency they are the compute time, overlapped with the
 * loading of weights from PE memory, the spilling of activations that overflow core memory and
 * the streaming over I/O of parameters that overflow the PE memories (parameters are cached in
 * layer order until the PE memories are full); a fixed overhead per layer comes on top. The
 * network adds the inference overhead and the transfer of its inputs and outputs over I/O.
 * Infeasible designs come back typed: over the area budget, a program larger than the
 * instruction memory, or a layer whose activations exceed all on-chip memory. Never throws.
 *
 * @example
 * const result = evaluateEdgeTpu(workload, edgeTpuPresets.coral)
 * if (result.feasible) console.log(result.latencyMs)
 */
export const evaluateEdgeTpu = (
  workload: EdgeTpuWorkload,
  accelerator: EdgeTpuAccelerator,
  options: EdgeTpuEvaluateOptions = {},
): EdgeTpuResult => {
  const { knobs, constants, clockHz } = accelerator
  const areaMm2 = edgeTpuArea(accelerator).totalMm2
  if (options.areaBudgetMm2 !== undefined && areaMm2 > options.areaBudgetMm2)
    return {
      feasible: false,
      reason: "area",
      areaMm2,
      message: `area ${areaMm2.toFixed(2)} mm² exceeds the budget of ${options.areaBudgetMm2} mm²`,
    }
  const instructions = workload.layers.length * constants.instructionsPerLayer
  if (instructions > knobs.instructionMemoryEntries)
    return {
      feasible: false,
      reason: "instruction-memory",
      areaMm2,
      message: `the program takes ${instructions} instruction entries per core (${workload.layers.length} layers x ${constants.instructionsPerLayer}); the instruction memory holds ${knobs.instructionMemoryEntries}`,
    }
  const bytes = edgeTpuBytesPerElement(accelerator)
  const pes = knobs.peX * knobs.peY
  const cores = pes * knobs.coresPerPe
  const onChipBytes = pes * knobs.peMemoryBytes + cores * knobs.coreMemoryBytes
  const peakPerCycle = cores * knobs.computeLanes
  const ioBytesPerCycle = (knobs.ioBandwidthBytesPerSecond * constants.ioEfficiency) / clockHz
  const macPj = macEnergyPj45nm[accelerator.precision]
  const corePjPerByte = macPj * eyerissRelativeEnergy.rf
  // The opt-in energy model (docs/energy.md): PE memory by its capacity, the memory interface's
  // energy per byte, leakage over every cycle. Without it, Eyeriss's relative energies.
  const { energy } = accelerator
  const pePjPerByte =
    energy?.sramByCapacity === true ? sramAccessEnergyPjPerByte(knobs.peMemoryBytes) : macPj * eyerissRelativeEnergy.buffer
  const ioPjPerByte = energy === undefined ? macPj * eyerissRelativeEnergy.dram : memoryInterfaces[energy.memoryInterface].energyPjPerByte
  const leakagePjPerCycle = energy?.leakage === true ? (edgeTpuLeakageWatts(accelerator) * 1e12) / clockHz : 0

  let cacheLeft = pes * knobs.peMemoryBytes
  let cycles = 0
  let energyPj = 0
  let parameterBytes = 0
  let streamedParameterBytes = 0
  const cyclesByClass = classRecord()
  const layersByClass = classRecord()
  const macsByClass = classRecord()
  const layers: EdgeTpuLayerCost[] = []
  for (const layer of workload.layers) {
    const { nest, layerClass } = layer
    const activationBytes = (layer.inputElements + layer.outputElements) * bytes
    if (activationBytes > onChipBytes)
      return {
        feasible: false,
        reason: "activation-memory",
        areaMm2,
        message: `layer "${nest.layer}" needs ${activationBytes} bytes of activations on chip; the PE and core memories hold ${onChipBytes}`,
      }
    const split = edgeTpuSplit(nest, knobs)
    const computeCycles = split.idealCycles / constants.efficiency[layerClass]

    // Weights: cached in PE memory while it lasts, streamed over I/O beyond.
    const weightBytes = layer.weightElements * bytes
    const cached = Math.min(weightBytes, cacheLeft)
    cacheLeft -= cached
    const streamedBytes = weightBytes - cached
    parameterBytes += weightBytes
    streamedParameterBytes += streamedBytes
    const streamCycles = streamedBytes / ioBytesPerCycle

    // A pass's weight slice is loaded once from PE memory and broadcast to the PE's cores that
    // share its output channels (all of them when positions are split, one per channel group
    // otherwise).
    const slice = split.weightSliceElements * bytes
    const distinctSlices = Math.min(knobs.coresPerPe, split.channelGroups)
    const weightLoadBytesPerPe = distinctSlices * slice * split.channelPasses
    const weightLoadCycles = weightLoadBytesPerPe / constants.peMemoryBytesPerCycle

    // A core's share of the activations lives in core memory, or round-trips through PE memory:
    // inputs are divided among the cores of a position that split the reduction, outputs among
    // those that take channel groups.
    const tileBytes =
      (layer.inputElements * bytes) / (split.spatialUnits * split.reductionSplit) +
      (layer.outputElements * bytes) / (split.spatialUnits * split.channelGroups)
    const spillBytesPerPe = tileBytes > knobs.coreMemoryBytes ? knobs.coresPerPe * tileBytes * 2 : 0
    const spillCycles = spillBytesPerPe / constants.peMemoryBytesPerCycle

    // The reduction is cut into chunks whose weights fit the parameter memory and whose receptive
    // field fits the activation memory; each chunk after the first writes and re-reads a partial
    // sum per output vector.
    const chunks =
      nest.kind === "eltwise"
        ? 1
        : Math.max(Math.ceil(slice / knobs.parameterMemoryBytes), Math.ceil((split.steps * bytes) / knobs.activationMemoryBytes))
    const chunkCycles = (chunks - 1) * split.positionsPerUnit * split.channelPasses * 2

    const layerCycles =
      constants.layerOverheadCycles[layerClass] + Math.max(computeCycles, weightLoadCycles, spillCycles, streamCycles) + chunkCycles
    cycles += layerCycles
    cyclesByClass[layerClass] += layerCycles
    layersByClass[layerClass] += 1

    const operations = nest.N * nest.G * nest.K * nest.P * nest.Q * split.steps
    const macs = nest.kind === "conv" || nest.kind === "matmul" ? operations : 0
    macsByClass[layerClass] += macs
    const partialSumBytes = (chunks - 1) * layer.outputElements * PARTIAL_SUM_BYTES * 2
    const layerEnergy =
      operations * macPj +
      (2 * operations * bytes + partialSumBytes) * corePjPerByte +
      (weightLoadBytesPerPe * pes + activationBytes + spillBytesPerPe * pes) * pePjPerByte +
      streamedBytes * ioPjPerByte +
      layerCycles * leakagePjPerCycle
    energyPj += layerEnergy
    if (options.layers === true)
      layers.push({
        name: nest.layer,
        layerClass,
        macs,
        cycles: layerCycles,
        computeCycles,
        weightLoadCycles,
        spillCycles,
        streamCycles,
        chunkCycles,
        streamedBytes,
        utilization: macs / (layerCycles * peakPerCycle),
        energyPj: layerEnergy,
      })
  }
  const ioBytes = workload.ioElements * bytes
  const ioCycles = ioBytes / ioBytesPerCycle
  cycles += ioCycles
  energyPj += ioBytes * ioPjPerByte + (ioCycles + constants.inferenceOverheadSeconds * clockHz) * leakagePjPerCycle
  const latencySeconds = constants.inferenceOverheadSeconds + cycles / clockHz
  return {
    feasible: true,
    macs: workload.macs,
    cycles,
    latencySeconds,
    latencyMs: latencySeconds * 1e3,
    energyPj,
    areaMm2,
    utilization: workload.macs / (latencySeconds * clockHz * peakPerCycle),
    parameterBytes,
    cachedParameterBytes: parameterBytes - streamedParameterBytes,
    streamedParameterBytes,
    instructions,
    layers,
    cyclesByClass,
    layersByClass,
    macsByClass,
  }
}
