import { KiB, MiB } from "../knobs/powers.js"
import type { EdgeTpuAccelerator, EdgeTpuConstants } from "./accelerator.js"
import { defaultEdgeTpuConstants } from "./constants.js"
import { coralCalibration } from "./coral-calibration.js"
import type { EdgeTpuKnobs } from "./knobs.js"

/**
 * Names of the built-in Edge TPU accelerators.
 *
 * @example
 * const name: EdgeTpuPresetName = "coral"
 */
export type EdgeTpuPresetName = "edgetpu-v1" | "edgetpu-v2" | "edgetpu-v3" | "coral"

const GB = 1e9

/** What the presets share: a 4x4 array of 64-lane cores with 32 / 16 / 16 KiB core memories. */
const sharedKnobs: EdgeTpuKnobs = {
  peX: 4,
  peY: 4,
  coresPerPe: 4,
  computeLanes: 64,
  peMemoryBytes: 2 * MiB,
  coreMemoryBytes: 32 * KiB,
  instructionMemoryEntries: 16384,
  parameterMemoryBytes: 16 * KiB,
  activationMemoryBytes: 16 * KiB,
  ioBandwidthBytesPerSecond: 20 * GB,
}

const classDesign = (name: string, clockHz: number, knobs: Partial<EdgeTpuKnobs>): EdgeTpuAccelerator => ({
  kind: "edgetpu",
  name,
  clockHz,
  precision: "int8",
  knobs: { ...sharedKnobs, ...knobs },
  constants: defaultEdgeTpuConstants,
})

/**
 * The three classes of the Edge TPU evaluation (Seshadri et al., "An Evaluation of Edge TPU
 * Accelerators for Convolutional Neural Networks", IISWC 2022) and the Coral Edge TPU. The PE
 * arrays and clocks of the classes are the paper's (V1 4x4 at 800 MHz, V2 4x4 at 1066 MHz, V3 4x1
 * at 1066 MHz); Coral's 4 TOPS int8, about 8 MB of on-chip parameter memory, 500 MHz and USB I/O
 * are its public figures. Every other value is our choice, made inside the `edgeTpuKnobs` value
 * lists so that searches can reach the presets, and listed in docs/edgetpu.md. The classes use
 * the default constants; `coral` uses the shipped calibration to measured Coral latencies.
 *
 * @example
 * edgeTpuPresets["edgetpu-v3"].knobs.peY // 1
 */
export const edgeTpuPresets: Readonly<Record<EdgeTpuPresetName, EdgeTpuAccelerator>> = {
  "edgetpu-v1": classDesign("edgetpu-v1", 800e6, { coresPerPe: 4, peMemoryBytes: 2 * MiB }),
  "edgetpu-v2": classDesign("edgetpu-v2", 1066e6, { coresPerPe: 2, peMemoryBytes: 1 * MiB }),
  "edgetpu-v3": classDesign("edgetpu-v3", 1066e6, { peY: 1, coresPerPe: 4, peMemoryBytes: 2 * MiB, ioBandwidthBytesPerSecond: 10 * GB }),
  coral: {
    ...classDesign("coral", 500e6, {
      coresPerPe: 4,
      peMemoryBytes: 512 * KiB,
      // USB 3.0 signals at 5 Gb/s: 0.625 GB/s before protocol overhead (ioEfficiency).
      ioBandwidthBytesPerSecond: 0.625 * GB,
    }),
    constants: coralCalibration,
  },
}

/** Every Edge TPU preset name. */
export const edgeTpuPresetNames = Object.keys(edgeTpuPresets) as EdgeTpuPresetName[]

/**
 * The Edge TPU preset of a name, or `undefined`.
 *
 * @example
 * edgeTpuPreset("coral")?.clockHz // 500e6
 */
export const edgeTpuPreset = (name: string): EdgeTpuAccelerator | undefined =>
  Object.hasOwn(edgeTpuPresets, name) ? edgeTpuPresets[name as EdgeTpuPresetName] : undefined

/** What `edgeTpuFromKnobs` needs besides the knobs. */
export interface EdgeTpuDesignOptions {
  /** Default `edgetpu-<peX>x<peY>x<cores>x<lanes>`. */
  readonly name?: string
  /** Default 800 MHz, the clock of the first Edge TPU class. */
  readonly clockHz?: number
  /** Default int8. */
  readonly precision?: "int8" | "bf16"
  /** Default the Coral calibration: the only constants fitted to a measured device. */
  readonly constants?: EdgeTpuConstants
}

/**
 * An Edge TPU accelerator from sampled knobs (`edgeTpuKnobsOf(config)`), for searches.
 *
 * @example
 * const design = edgeTpuFromKnobs(edgeTpuKnobsOf(config), { clockHz: 1066e6 })
 */
export const edgeTpuFromKnobs = (knobs: EdgeTpuKnobs, options: EdgeTpuDesignOptions = {}): EdgeTpuAccelerator => ({
  kind: "edgetpu",
  name: options.name ?? `edgetpu-${knobs.peX}x${knobs.peY}x${knobs.coresPerPe}x${knobs.computeLanes}`,
  knobs,
  clockHz: options.clockHz ?? 800e6,
  precision: options.precision ?? "int8",
  constants: options.constants ?? coralCalibration,
})
