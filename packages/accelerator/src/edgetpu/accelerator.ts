import type { MemoryInterfaceName } from "../energy/memory-interface.js"
import type { EdgeTpuKnobs } from "./knobs.js"

/**
 * The classes of layers the Edge TPU template costs differently: standard and grouped
 * convolutions, depthwise convolutions, fully connected layers (dense and matmul), pooling and
 * element-wise sums or products. Batch normalization and activations are folded or fused into the
 * producing layer by the compiler and cost nothing of their own.
 */
export type EdgeTpuLayerClass = "conv" | "depthwise" | "fc" | "pool" | "eltwise"

/** Every layer class, in a fixed order (tables, calibration features). */
export const edgeTpuLayerClasses: readonly EdgeTpuLayerClass[] = ["conv", "depthwise", "fc", "pool", "eltwise"]

/**
 * The free constants of the Edge TPU template: what the knobs do not say and measurements can
 * fix. `cosearch calibrate` fits `layerOverheadCycles`, `efficiency` and
 * `inferenceOverheadSeconds` to measured latencies; the rest are documented choices
 * (docs/edgetpu.md).
 */
export interface EdgeTpuConstants {
  /** Fixed cycles every layer of a class costs (instruction issue, synchronization, pipeline fill). */
  readonly layerOverheadCycles: Readonly<Record<EdgeTpuLayerClass, number>>
  /**
   * Fraction of the split's ideal cycles a class achieves (> 0): 1 means every lane does useful
   * work on every cycle the split gives it.
   */
  readonly efficiency: Readonly<Record<EdgeTpuLayerClass, number>>
  /** Fixed time of one inference (host invocation, descriptor set-up), seconds. */
  readonly inferenceOverheadSeconds: number
  /** Bytes per cycle each PE's memory delivers to its cores (weights, spilled activations). */
  readonly peMemoryBytesPerCycle: number
  /** Fraction of the nominal I/O bandwidth that transfers achieve. */
  readonly ioEfficiency: number
  /** Instruction-memory entries a layer takes on every core (its program, loops and synchronization). */
  readonly instructionsPerLayer: number
}

/**
 * The opt-in energy model of an Edge TPU design (docs/energy.md). Without it the template charges
 * Eyeriss's relative energies on Horowitz's MAC (a PE-memory byte 6x a MAC, a DRAM byte 200x)
 * and no static power.
 *
 * @example
 * const energy: EdgeTpuEnergy = { sramByCapacity: true, memoryInterface: "lpddr4", leakage: true }
 */
export interface EdgeTpuEnergy {
  /** PE-memory accesses at the CACTI-like energy of one PE memory's capacity (`sramAccessEnergyPjPerByte`). */
  readonly sramByCapacity: boolean
  /** What a byte of streamed parameters or network I/O costs (`memoryInterfaces`). */
  readonly memoryInterface: MemoryInterfaceName
  /** Leakage of the MACs and every SRAM (`leakageWatts`), charged over the latency. */
  readonly leakage: boolean
}

/**
 * An accelerator of the Edge TPU template: the ten knobs of `edgeTpuKnobs`, the clock, the
 * element precision, and the template's free constants. Plain, JSON-serializable data.
 *
 * @example
 * const accelerator: EdgeTpuAccelerator = { kind: "edgetpu", name: "mine", knobs, clockHz: 800e6, precision: "int8", constants: defaultEdgeTpuConstants }
 */
export interface EdgeTpuAccelerator {
  readonly kind: "edgetpu"
  readonly name: string
  readonly knobs: EdgeTpuKnobs
  readonly clockHz: number
  /** int8 (1 byte per element) or bf16 (2 bytes). */
  readonly precision: "int8" | "bf16"
  readonly constants: EdgeTpuConstants
  /** The opt-in energy model; absent, the Eyeriss-relative constants and no static power. */
  readonly energy?: EdgeTpuEnergy
}

/**
 * Bytes per element of an Edge TPU accelerator's precision.
 *
 * @example
 * edgeTpuBytesPerElement(edgeTpuPresets["edgetpu-v1"]) // 1
 */
export const edgeTpuBytesPerElement = (accelerator: EdgeTpuAccelerator): number => (accelerator.precision === "bf16" ? 2 : 1)

/**
 * Peak multiply-accumulates per second: PEs x cores x lanes x clock.
 *
 * @example
 * edgeTpuPeakMacsPerSecond(edgeTpuPresets.coral) // 2.048e12 (4 TOPS)
 */
export const edgeTpuPeakMacsPerSecond = (accelerator: EdgeTpuAccelerator): number => {
  const { peX, peY, coresPerPe, computeLanes } = accelerator.knobs
  return peX * peY * coresPerPe * computeLanes * accelerator.clockHz
}
