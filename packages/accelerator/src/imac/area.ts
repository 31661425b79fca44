import type { ImacAccelerator } from "./accelerator.js"

/** The area of an IMAC unit by component, mm². */
export interface ImacArea {
  /** Devices: crossbars x rows x columns x 2 (a differential pair per column). */
  readonly crossbarsMm2: number
  /** One ADC / sense periphery per crossbar. */
  readonly adcsMm2: number
  readonly totalMm2: number
}

/**
 * The area model of the IMAC template: every crossbar's devices (two per row and column, a
 * differential pair) at `deviceAreaUm2` each, and one ADC periphery per crossbar. Drivers, the
 * digital shift-and-add and control are not modeled.
 *
 * @example
 * imacArea(defaultImacAccelerator).totalMm2
 */
export const imacArea = (unit: ImacAccelerator): ImacArea => {
  const devices = unit.crossbarCount * unit.crossbarRows * unit.crossbarColumns * 2
  const crossbarsMm2 = (devices * unit.deviceAreaUm2) / 1e6
  const adcsMm2 = (unit.crossbarCount * unit.adcAreaUm2) / 1e6
  return { crossbarsMm2, adcsMm2, totalMm2: crossbarsMm2 + adcsMm2 }
}
