import { type CpuAccelerator, type CpuLayerClass, cpuBytesPerElement, cpuPeakOpsPerSecond } from "@cosearch/accelerator"
import { type LoopNest, loopNestOperations } from "@cosearch/network"
import { edgeTpuLayerClassOf } from "../edgetpu/workload.js"

/**
 * A nest's CPU class: the Edge TPU template's class, with a 1x1 ungrouped convolution apart as
 * `pointwise`; activations and batch normalization are `fused`.
 *
 * @example
 * cpuLayerClassOf(nest) // "pointwise" for a 1x1 convolution
 */
export const cpuLayerClassOf = (nest: LoopNest): CpuLayerClass | "fused" => {
  const layerClass = edgeTpuLayerClassOf(nest)
  return layerClass === "conv" && nest.R === 1 && nest.S === 1 && nest.G === 1 ? "pointwise" : layerClass
}

/** The cost of one layer on a CPU. */
export interface CpuLayerCost {
  readonly layer: string
  /** The efficiency class, or `fused` (activations, batch normalization: folded into the producer, free). */
  readonly layerClass: CpuLayerClass | "fused"
  /** `loopNestOperations`: MACs, window reads or element operations. */
  readonly operations: number
  /** operations / (peak ops per second x efficiency of the class). */
  readonly computeSeconds: number
  /** Bytes the layer moves to or from DRAM (see `cpuLayerCost`). */
  readonly dramBytes: number
  /** dramBytes / DRAM bandwidth. */
  readonly memorySeconds: number
  /** Overhead + max(compute, memory). */
  readonly latencySeconds: number
  readonly energyPj: number
}

/** Options of `cpuLayerCost`. */
export interface CpuLayerOptions {
  /** The layer's weights are already in L2 (the whole network's weights fit): no DRAM reads for them. Default false. */
  readonly weightsCached?: boolean
}

/** Weight bytes of a nest (learned parameters only). */
export const cpuWeightBytes = (nest: LoopNest, bytes: number): number =>
  nest.weights === "parameters" ? nest.G * nest.K * nest.C * nest.R * nest.S * bytes : 0

/** Bytes of the activations a nest reads and writes (both operands of a matmul of activations). */
export const cpuActivationBytes = (nest: LoopNest, bytes: number): number => {
  const outputs = nest.N * nest.G * nest.K * nest.P * nest.Q
  const inputs =
    nest.kind === "eltwise"
      ? outputs * nest.operands
      : nest.N * nest.G * nest.C * nest.H * nest.W + (nest.weights === "activations" ? nest.N * nest.G * nest.K * nest.C : 0)
  return (inputs + outputs) * bytes
}

/**
 * The CPU roofline of one layer (docs/heterogeneous.md):
 * `latency = overhead + max(operations / (cores x lanes x clock x efficiency[class]), dramBytes / bandwidth)`,
 * where the class is `cpuLayerClassOf` and `dramBytes` = the weights (unless `weightsCached`) + whatever of the layer's input and
 * output activations exceeds the L2 (`max(0, activations - l2Bytes)`). Energy = operations x
 * energy per op + dramBytes x energy per byte + static power x latency. Activations and batch
 * normalization are fused into the producer and cost nothing. Every layer kind is supported.
 *
 * @example
 * cpuLayerCost(nest, cpuPresets["cortex-a53"]).latencySeconds
 */
export const cpuLayerCost = (nest: LoopNest, cpu: CpuAccelerator, options: CpuLayerOptions = {}): CpuLayerCost => {
  const layerClass = cpuLayerClassOf(nest)
  if (layerClass === "fused")
    return {
      layer: nest.layer,
      layerClass,
      operations: 0,
      computeSeconds: 0,
      dramBytes: 0,
      memorySeconds: 0,
      latencySeconds: 0,
      energyPj: 0,
    }
  const bytes = cpuBytesPerElement(cpu)
  const operations = loopNestOperations(nest)
  const computeSeconds = operations / (cpuPeakOpsPerSecond(cpu) * cpu.efficiency[layerClass])
  const weightBytes = options.weightsCached === true ? 0 : cpuWeightBytes(nest, bytes)
  const dramBytes = weightBytes + Math.max(0, cpuActivationBytes(nest, bytes) - cpu.l2Bytes)
  const memorySeconds = dramBytes / cpu.dramBytesPerSecond
  const latencySeconds = cpu.layerOverheadSeconds + Math.max(computeSeconds, memorySeconds)
  return {
    layer: nest.layer,
    layerClass,
    operations,
    computeSeconds,
    dramBytes,
    memorySeconds,
    latencySeconds,
    energyPj: operations * cpu.energyPerOpPj + dramBytes * cpu.dramEnergyPjPerByte + cpu.staticPowerW * latencySeconds * 1e12,
  }
}
