import { precisionOfBytes } from "../hierarchical/accelerator.js"
import { macAreaUm2At45nm, sramAreaUm2PerByteAt45nm } from "../hierarchical/constants.js"
import type { SystolicArray } from "./array.js"

/**
 * The area of a systolic array by component, mm², at 45 nm.
 *
 * @example
 * const { macsMm2, sramMm2, totalMm2 } = systolicArea(systolicPresets["systolic-32x32"])
 */
export interface SystolicArea {
  /** `rows · columns · MAC area` of the element width's precision (Horowitz, ISSCC 2014, 45 nm). */
  readonly macsMm2: number
  /** Each SRAM's bytes times the SRAM area per byte (600 λ² a bit, λ = 45 nm). */
  readonly ifmapSramMm2: number
  readonly filterSramMm2: number
  readonly ofmapSramMm2: number
  /** `ifmapSramMm2 + filterSramMm2 + ofmapSramMm2`. */
  readonly sramMm2: number
  /** `macsMm2 + sramMm2`. */
  readonly totalMm2: number
}

/**
 * The area model of a systolic array at 45 nm, with the hierarchical model's constants
 * (`hierarchy/constants.ts`, docs/accelerator.md): one MAC unit per PE — the 45 nm MAC of the
 * precision its element width implies (1 byte int8, 2 bf16, 4 fp32; M. Horowitz, ISSCC 2014) —
 * and the three SRAMs at their stated sizes (the sizes SCALE-Sim's configuration gives, both
 * halves of the double buffer included), 9.72 µm² a byte (600 λ² an SRAM bit, λ = 45 nm; D. J.
 * Greaves, Cambridge SoC D/M notes). DRAM, the PE registers and wires, and control are not
 * modeled. Plain arithmetic on a valid description (`validateSystolicArray`).
 *
 * @example
 * systolicArea(systolicPresets["systolic-32x32"]).totalMm2 // 1024 · 419 µm² + 3 · 64 KiB · 9.72 µm² ≈ 2.34
 */
export const systolicArea = (array: SystolicArray): SystolicArea => {
  const macsMm2 = (array.rows * array.columns * macAreaUm2At45nm[precisionOfBytes(array.bytesPerElement)]) / 1e6
  const ifmapSramMm2 = (array.ifmapSramBytes * sramAreaUm2PerByteAt45nm) / 1e6
  const filterSramMm2 = (array.filterSramBytes * sramAreaUm2PerByteAt45nm) / 1e6
  const ofmapSramMm2 = (array.ofmapSramBytes * sramAreaUm2PerByteAt45nm) / 1e6
  const sramMm2 = ifmapSramMm2 + filterSramMm2 + ofmapSramMm2
  return { macsMm2, ifmapSramMm2, filterSramMm2, ofmapSramMm2, sramMm2, totalMm2: macsMm2 + sramMm2 }
}

/**
 * The total area of a systolic array, mm², at 45 nm (`systolicArea(array).totalMm2`).
 *
 * @example
 * systolicAreaMm2(systolicPresets["systolic-128x128"]) // 16384 MACs + 16 MiB of SRAM
 */
export const systolicAreaMm2 = (array: SystolicArray): number => systolicArea(array).totalMm2
