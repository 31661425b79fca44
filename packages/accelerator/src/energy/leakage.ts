import type { MacPrecision } from "../hierarchical/accelerator.js"
import { macAreaUm2At45nm } from "../hierarchical/constants.js"
import { macLeakageMicrowattsInt8, sramLeakageMicrowattsPerKiB } from "./sram.js"

/**
 * What leaks in a unit: its on-chip SRAM bytes and its MAC units.
 *
 * @example
 * const resources: LeakingResources = { sramBytes: 4 * 1024 * 1024, macs: 4096, precision: "int8" }
 */
export interface LeakingResources {
  readonly sramBytes: number
  readonly macs: number
  readonly precision: MacPrecision
}

/**
 * Static (leakage) power of a unit, watts: `SRAM KiB x 0.0442 µW + MACs x 2.374 µW x (MAC area /
 * int8 MAC area)` (Accelergy's CACTI and MAC estimates, docs/energy.md). Multiplied by the time a
 * unit runs, it is the static energy its layers are charged.
 *
 * @example
 * leakageWatts({ sramBytes: 4 * 1024 * 1024, macs: 4096, precision: "int8" }) // ≈ 0.0099
 */
export const leakageWatts = ({ sramBytes, macs, precision }: LeakingResources): number => {
  const macScale = macAreaUm2At45nm[precision] / macAreaUm2At45nm.int8
  return ((sramBytes / 1024) * sramLeakageMicrowattsPerKiB + macs * macLeakageMicrowattsInt8 * macScale) * 1e-6
}
