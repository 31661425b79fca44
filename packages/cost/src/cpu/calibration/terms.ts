import { type CpuAccelerator, cpuLayerClasses, cpuPeakOpsPerSecond } from "@cosearch/accelerator"
import type { LoopNest } from "@cosearch/network"
import { cpuNetworkCost } from "../network-cost.js"

/**
 * A network's CPU latency as a linear function of the template's free constants, at the
 * compute- or memory-bound pattern of some constants: `latency = fixedSeconds + Σ_j terms[j] x
 * coefficients[j]`, the coefficients being `cpuCoefficients` (inference overhead, layer overhead,
 * then 1 / efficiency of each class in `cpuLayerClasses` order).
 *
 * @example
 * const { fixedSeconds, terms } = cpuLatencyTerms(nests, cpuPresets["cortex-a53-sd450"])
 */
export interface CpuLatencyTerms {
  /** Memory time of the memory-bound layers, seconds (does not depend on the coefficients). */
  readonly fixedSeconds: number
  /** 1 (inference overhead), costed layers (layer overhead), then per class the compute-bound layers' operations / peak ops per second. */
  readonly terms: Float64Array
  /** One letter per costed layer: `c` compute-bound, `m` memory-bound (to detect when a fit settles). */
  readonly pattern: string
}

/**
 * Names of the coefficients, in order: `inferenceOverheadSeconds`, `layerOverheadSeconds`,
 * `efficiency.<class>` (its inverse is the coefficient).
 *
 * @example
 * cpuCoefficientNames[2] // "efficiency.conv"
 */
export const cpuCoefficientNames: readonly string[] = [
  "inferenceOverheadSeconds",
  "layerOverheadSeconds",
  ...cpuLayerClasses.map((layerClass) => `efficiency.${layerClass}`),
]

/**
 * A CPU's coefficients (see `CpuLatencyTerms`).
 *
 * @example
 * cpuCoefficients(cpuPresets["cortex-a53"])[2] // 1 / 0.25
 */
export const cpuCoefficients = (cpu: CpuAccelerator): Float64Array =>
  Float64Array.from([
    cpu.inferenceOverheadSeconds,
    cpu.layerOverheadSeconds,
    ...cpuLayerClasses.map((layerClass) => 1 / cpu.efficiency[layerClass]),
  ])

/**
 * The CPU with these coefficients (inverse of `cpuCoefficients`), its DRAM bandwidth divided by
 * `memoryScale` (the factor the memory time was scaled by). A class's efficiency stays as it was
 * where its coefficient is not positive.
 *
 * @example
 * withCpuCoefficients(cpu, cpuCoefficients(cpu)) // the same constants
 */
export const withCpuCoefficients = (cpu: CpuAccelerator, coefficients: ArrayLike<number>, memoryScale = 1): CpuAccelerator => {
  const efficiency = { ...cpu.efficiency }
  cpuLayerClasses.forEach((layerClass, c) => {
    const inverse = coefficients[2 + c] as number
    if (inverse > 0) efficiency[layerClass] = 1 / inverse
  })
  return {
    ...cpu,
    inferenceOverheadSeconds: coefficients[0] as number,
    layerOverheadSeconds: coefficients[1] as number,
    efficiency,
    dramBytesPerSecond: cpu.dramBytesPerSecond / memoryScale,
  }
}

/**
 * The linear terms of a network's nests on a CPU (`cpuNetworkCost`'s latency, with the binding
 * side of each layer's roofline as these constants make it).
 *
 * @example
 * const { fixedSeconds, terms } = cpuLatencyTerms(nests, cpuPresets["cortex-a53"])
 */
export const cpuLatencyTerms = (nests: readonly LoopNest[], cpu: CpuAccelerator): CpuLatencyTerms => {
  const cost = cpuNetworkCost(nests, cpu)
  const peak = cpuPeakOpsPerSecond(cpu)
  const terms = new Float64Array(cpuCoefficientNames.length)
  terms[0] = 1
  let fixedSeconds = 0
  let pattern = ""
  for (const layer of cost.layers) {
    if (layer.layerClass === "fused") continue
    terms[1] = (terms[1] as number) + 1
    if (layer.computeSeconds >= layer.memorySeconds) {
      const j = 2 + cpuLayerClasses.indexOf(layer.layerClass)
      terms[j] = (terms[j] as number) + layer.operations / peak
      pattern += "c"
    } else {
      fixedSeconds += layer.memorySeconds
      pattern += "m"
    }
  }
  return { fixedSeconds, terms, pattern }
}
