/**
 * The layer classes the CPU roofline gives separate efficiencies: the Edge TPU template's classes
 * (conv, depthwise, fc, pool, eltwise) with the 1x1 convolutions apart (`pointwise`: no window
 * reuse, so a CPU runs them at another efficiency than a 3x3).
 *
 * @example
 * const layerClass: CpuLayerClass = "pointwise"
 */
export type CpuLayerClass = "conv" | "pointwise" | "depthwise" | "fc" | "pool" | "eltwise"

/**
 * Every CPU layer class, in the order calibration reports them.
 *
 * @example
 * cpuLayerClasses.length // 6
 */
export const cpuLayerClasses: readonly CpuLayerClass[] = ["conv", "pointwise", "depthwise", "fc", "pool", "eltwise"]

/**
 * A multi-core CPU with SIMD units (Cortex-A53-like), costed as a roofline per layer
 * (docs/heterogeneous.md). Plain, JSON-serializable data.
 *
 * @example
 * const pi3: CpuAccelerator = cpuPresets["cortex-a53"]
 */
export interface CpuAccelerator {
  readonly kind: "cpu"
  readonly name: string
  readonly cores: number
  readonly clockHz: number
  /** SIMD register width, bytes (NEON: 16). Lanes = simdBytes / bytes per element. */
  readonly simdBytes: number
  /** Element precision of the inference: int8 (1 byte) or fp32 (4 bytes). */
  readonly precision: "int8" | "fp32"
  /** L1 data cache per core, bytes (described; the roofline folds its effect into `efficiency`). */
  readonly l1Bytes: number
  /** Shared last-level (L2) cache, bytes: what fits here does not go to DRAM. */
  readonly l2Bytes: number
  /** Sustained DRAM bandwidth, bytes per second. */
  readonly dramBytesPerSecond: number
  /** Fraction of peak SIMD throughput each layer class achieves (> 0, at most 1 in practice). */
  readonly efficiency: Readonly<Record<CpuLayerClass, number>>
  /** Fixed time every costed layer takes (operator dispatch, thread synchronization), seconds. */
  readonly layerOverheadSeconds: number
  /** Fixed time of every inference (interpreter invocation, input and output copies), seconds. */
  readonly inferenceOverheadSeconds: number
  /** Dynamic energy of one operation (a lane's MAC with its share of the instruction), pJ. */
  readonly energyPerOpPj: number
  /** Energy of one byte moved from DRAM, pJ. */
  readonly dramEnergyPjPerByte: number
  /** Static power of the cores and caches while a layer runs, watts. */
  readonly staticPowerW: number
}

/**
 * Bytes per element of a CPU's precision.
 *
 * @example
 * cpuBytesPerElement(cpuPresets["cortex-a53"]) // 1
 */
export const cpuBytesPerElement = (cpu: CpuAccelerator): number => (cpu.precision === "fp32" ? 4 : 1)

/**
 * Peak operations per second: cores x SIMD lanes x clock.
 *
 * @example
 * cpuPeakOpsPerSecond(cpuPresets["cortex-a53"]) // 4 x 16 x 1.2e9 = 7.68e10
 */
export const cpuPeakOpsPerSecond = (cpu: CpuAccelerator): number => cpu.cores * (cpu.simdBytes / cpuBytesPerElement(cpu)) * cpu.clockHz
