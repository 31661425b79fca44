import type { CpuAccelerator } from "@cosearch/accelerator"
import { cpuBytesPerElement } from "@cosearch/accelerator"
import type { LoopNest } from "@cosearch/network"
import { type CpuLayerCost, cpuActivationBytes, cpuLayerCost, cpuWeightBytes } from "./layer-cost.js"

/** The cost of a network's nests on a CPU. */
export interface CpuNetworkCost {
  readonly latencySeconds: number
  readonly energyPj: number
  readonly operations: number
  readonly dramBytes: number
  /** Whether the network's weights stay in L2 across inferences (see `cpuNetworkCost`). */
  readonly weightsCached: boolean
  /** One cost per nest, in order. */
  readonly layers: readonly CpuLayerCost[]
}

/**
 * Every nest of a network on one CPU, layers one after another: latency and energy are the
 * layers' sums plus the inference overhead (at static power). The weights are cached (no DRAM reads for them) when all of them together with
 * the largest layer's activations fit the L2, so repeated inferences find them there; otherwise
 * each layer reads its weights from DRAM on every inference. A CPU runs every layer: the result
 * is always a cost.
 *
 * @example
 * cpuNetworkCost(lowerNetwork(analyzed), cpuPresets["cortex-a53"]).latencySeconds
 */
export const cpuNetworkCost = (nests: readonly LoopNest[], cpu: CpuAccelerator): CpuNetworkCost => {
  const bytes = cpuBytesPerElement(cpu)
  let weightBytes = 0
  let largestActivations = 0
  for (const nest of nests) {
    weightBytes += cpuWeightBytes(nest, bytes)
    largestActivations = Math.max(largestActivations, cpuActivationBytes(nest, bytes))
  }
  const weightsCached = weightBytes + largestActivations <= cpu.l2Bytes
  const layers: CpuLayerCost[] = []
  let latencySeconds = cpu.inferenceOverheadSeconds
  let energyPj = cpu.staticPowerW * cpu.inferenceOverheadSeconds * 1e12
  let operations = 0
  let dramBytes = 0
  for (const nest of nests) {
    const layer = cpuLayerCost(nest, cpu, { weightsCached })
    layers.push(layer)
    latencySeconds += layer.latencySeconds
    energyPj += layer.energyPj
    operations += layer.operations
    dramBytes += layer.dramBytes
  }
  return { latencySeconds, energyPj, operations, dramBytes, weightsCached, layers }
}
