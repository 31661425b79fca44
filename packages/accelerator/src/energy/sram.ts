import { sramAreaUm2PerByteAt45nm } from "../hierarchical/constants.js"
import { KiB } from "../knobs/powers.js"

// A CACTI-like SRAM model at 45 nm: access energy by capacity, area and leakage by capacity.
// Equations, constants and sources: docs/energy.md.

/**
 * The two anchors of the access-energy law: a 64-bit access to an 8 KB SRAM costs 10 pJ and to a
 * 1 MB SRAM 100 pJ at 45 nm (M. Horowitz, "Computing's Energy Problem (and what we can do about
 * it)", ISSCC 2014, the memory rows of the 45 nm energy table; his third row, 32 KB at 20 pJ, is
 * left out of the fit and checks it).
 *
 * @example
 * horowitzSramAnchors.small.pjPer64Bits // 10
 */
export const horowitzSramAnchors = {
  small: { capacityBytes: 8 * KiB, pjPer64Bits: 10 },
  large: { capacityBytes: 1024 * KiB, pjPer64Bits: 100 },
} as const

/**
 * The exponent of the access-energy law `E(C) = E(8 KB) · (C / 8 KB)^b`: through Horowitz's two
 * anchors, `b = ln(100 / 10) / ln(1 MB / 8 KB) = ln 10 / ln 128 ≈ 0.475` (CACTI's access energy
 * grows with the bit-line and word-line lengths, roughly with the square root of the capacity).
 *
 * @example
 * sramEnergyExponent // 0.4746
 */
export const sramEnergyExponent =
  Math.log(horowitzSramAnchors.large.pjPer64Bits / horowitzSramAnchors.small.pjPer64Bits) /
  Math.log(horowitzSramAnchors.large.capacityBytes / horowitzSramAnchors.small.capacityBytes)

/**
 * Energy of reading or writing one byte of an SRAM of `capacityBytes` at 45 nm, pJ:
 * `(10 pJ / 8 bytes) · (C / 8 KB)^0.475` (Horowitz, ISSCC 2014; docs/energy.md). Fitted between
 * 8 KB and 1 MB; outside it the law is extrapolated (register files are not SRAM macros and keep
 * their own constants).
 *
 * @example
 * sramAccessEnergyPjPerByte(8 * 1024) // 1.25
 * sramAccessEnergyPjPerByte(256 * 1024) // ≈ 6.5
 */
export const sramAccessEnergyPjPerByte = (capacityBytes: number): number => {
  const { small } = horowitzSramAnchors
  return (small.pjPer64Bits / 8) * (capacityBytes / small.capacityBytes) ** sramEnergyExponent
}

/**
 * Area of an SRAM of `capacityBytes` at 45 nm, mm²: `C · 9.72 µm²/byte` (600 λ² per bit cell,
 * Greaves' 45 nm notes; `sramAreaUm2PerByteAt45nm`), which is also the density OpenRAM reports
 * for its FreePDK45 macros (0.826 Mb/mm², periphery included). Linear in the capacity: we found
 * no published 45 nm points of macro area against capacity to fit a periphery term to.
 *
 * @example
 * sramAreaMm2(1024 * 1024) // ≈ 10.2
 */
export const sramAreaMm2 = (capacityBytes: number): number => (capacityBytes * sramAreaUm2PerByteAt45nm) / 1e6

/**
 * Leakage of SRAM, µW per KiB: Accelergy's CACTI estimate for the Eyeriss-like design's 128 KiB
 * global buffer (16,384 x 64 bits, 32 nm), 0.005652 pJ per 1 ns cycle = 5.652 µW, over 128 KiB
 * (Timeloop/Accelergy example `eyeriss_like`, `timeloop-mapper.ERT_summary.yaml`; copied into
 * packages/accelerator/data/energy). Leakage scales with the bit count.
 *
 * @example
 * sramLeakageMicrowattsPerKiB // ≈ 0.0442
 */
export const sramLeakageMicrowattsPerKiB = 5.652 / 128

/**
 * Leakage of one int8 MAC unit, µW: Accelergy's estimate for the Eyeriss-like design's MAC
 * (0.002374 pJ per 1 ns cycle, 32 nm; same source as `sramLeakageMicrowattsPerKiB`). Wider MACs
 * scale with their area (Horowitz's 45 nm areas, `macAreaUm2At45nm`).
 *
 * @example
 * macLeakageMicrowattsInt8 // 2.374
 */
export const macLeakageMicrowattsInt8 = 2.374
