import { leakageWatts } from "../energy/leakage.js"
import { macAreaUm2At45nm, sramAreaUm2PerByteAt45nm } from "../hierarchical/constants.js"
import type { EdgeTpuAccelerator } from "./accelerator.js"

/**
 * Bytes per instruction-memory entry: a 64-bit instruction word (our choice; docs/edgetpu.md).
 *
 * @example
 * instructionBytes * 16384 // 128 KiB per core
 */
export const instructionBytes = 8

/**
 * The area of an Edge TPU design by component, mm², at 45 nm.
 *
 * @example
 * const { totalMm2 } = edgeTpuArea(edgeTpuPresets.coral)
 */
export interface EdgeTpuArea {
  /** PEs x cores x lanes MAC units. */
  readonly macsMm2: number
  /** PE memories. */
  readonly peMemoryMm2: number
  /** Core, parameter and activation memories of every core. */
  readonly coreMemoriesMm2: number
  /** Instruction memories of every core. */
  readonly instructionMemoryMm2: number
  readonly totalMm2: number
}

/**
 * The area model of the Edge TPU template at 45 nm: MAC units at Horowitz's 45 nm area (int8
 * 419 µm², bf16 5,824 µm²) and every SRAM at 9.72 µm² per byte (the constants and sources of the
 * hierarchical model, `constants.ts`). Wires, the I/O PHY and control are not modeled.
 *
 * @example
 * edgeTpuArea(edgeTpuPresets.coral).totalMm2
 */
export const edgeTpuArea = (accelerator: EdgeTpuAccelerator): EdgeTpuArea => {
  const k = accelerator.knobs
  const pes = k.peX * k.peY
  const cores = pes * k.coresPerPe
  const sram = (bytes: number) => (bytes * sramAreaUm2PerByteAt45nm) / 1e6
  const macsMm2 = (cores * k.computeLanes * macAreaUm2At45nm[accelerator.precision]) / 1e6
  const peMemoryMm2 = sram(pes * k.peMemoryBytes)
  const coreMemoriesMm2 = sram(cores * (k.coreMemoryBytes + k.parameterMemoryBytes + k.activationMemoryBytes))
  const instructionMemoryMm2 = sram(cores * k.instructionMemoryEntries * instructionBytes)
  return {
    macsMm2,
    peMemoryMm2,
    coreMemoriesMm2,
    instructionMemoryMm2,
    totalMm2: macsMm2 + peMemoryMm2 + coreMemoriesMm2 + instructionMemoryMm2,
  }
}

/**
 * Bytes of SRAM on an Edge TPU design: PE memories, every core's core, parameter, activation and
 * instruction memories.
 *
 * @example
 * edgeTpuSramBytes(edgeTpuPresets["edgetpu-v1"]) // 16 PEs x 2 MiB + 64 cores x (64 KiB + 128 KiB)
 */
export const edgeTpuSramBytes = (accelerator: EdgeTpuAccelerator): number => {
  const k = accelerator.knobs
  const pes = k.peX * k.peY
  const cores = pes * k.coresPerPe
  return (
    pes * k.peMemoryBytes +
    cores * (k.coreMemoryBytes + k.parameterMemoryBytes + k.activationMemoryBytes + k.instructionMemoryEntries * instructionBytes)
  )
}

/**
 * Static power of an Edge TPU design, watts: the leakage of its MAC units and of all its SRAM
 * (`leakageWatts`, docs/energy.md), whatever its energy model says (the cost charges it only when
 * `energy.leakage` is set).
 *
 * @example
 * edgeTpuLeakageWatts(edgeTpuPresets["edgetpu-v1"])
 */
export const edgeTpuLeakageWatts = (accelerator: EdgeTpuAccelerator): number => {
  const k = accelerator.knobs
  return leakageWatts({
    sramBytes: edgeTpuSramBytes(accelerator),
    macs: k.peX * k.peY * k.coresPerPe * k.computeLanes,
    precision: accelerator.precision,
  })
}
