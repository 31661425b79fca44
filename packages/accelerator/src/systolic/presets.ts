import { KiB } from "../knobs/powers.js"
import type { SystolicArray } from "./array.js"

/**
 * Names of the built-in systolic arrays.
 *
 * @example
 * const name: SystolicPresetName = "systolic-128x128"
 */
export type SystolicPresetName = "systolic-32x32" | "systolic-128x128"

/**
 * Systolic arrays from SCALE-Sim v2's shipped configurations (its 1-byte words, so elements and
 * bytes coincide):
 *
 * - `systolic-32x32`: `configs/scale.cfg`, the default run: 32x32, output stationary, 64 KiB
 *   per operand SRAM, interface bandwidth `CALC`.
 * - `systolic-128x128`: `configs/tpuv5e_downscale.cfg`, the shipped 128x128 array: weight
 *   stationary, 4 MiB ifmap and filter SRAM, 8 MiB ofmap SRAM, 60 bytes per cycle (`USER`).
 *
 * @example
 * const array = { ...systolicPresets["systolic-32x32"], dataflow: "ws" as const }
 */
export const systolicPresets: Readonly<Record<SystolicPresetName, SystolicArray>> = {
  "systolic-32x32": {
    name: "systolic-32x32",
    rows: 32,
    columns: 32,
    dataflow: "os",
    ifmapSramBytes: 64 * KiB,
    filterSramBytes: 64 * KiB,
    ofmapSramBytes: 64 * KiB,
    dramBytesPerCycle: "calc",
    bytesPerElement: 1,
  },
  "systolic-128x128": {
    name: "systolic-128x128",
    rows: 128,
    columns: 128,
    dataflow: "ws",
    ifmapSramBytes: 4096 * KiB,
    filterSramBytes: 4096 * KiB,
    ofmapSramBytes: 8192 * KiB,
    dramBytesPerCycle: 60,
    bytesPerElement: 1,
  },
}

/**
 * The preset names, for listings and validation.
 *
 * @example
 * systolicPresetNames // ["systolic-32x32", "systolic-128x128"]
 */
export const systolicPresetNames = Object.keys(systolicPresets) as SystolicPresetName[]

/**
 * A preset by name, or `undefined` for an unknown name.
 *
 * @example
 * systolicPreset("systolic-128x128")?.rows // 128
 */
export const systolicPreset = (name: string): SystolicArray | undefined =>
  Object.hasOwn(systolicPresets, name) ? systolicPresets[name as SystolicPresetName] : undefined
