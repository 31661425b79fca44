import type { MacPrecision } from "./accelerator.js"

// Every constant of the hierarchical model's presets and area model, with its source. The
// equations and the table of sources are in docs/cost-model.md.

/**
 * MAC energy at 45 nm, pJ: the multiply plus a wider accumulate, from M. Horowitz, "Computing's
 * Energy Problem (and what we can do about it)", ISSCC 2014, the 45 nm energy table:
 * int8 = 8-bit multiply 0.2 + 32-bit add 0.1; bf16 = 16-bit FP multiply 1.1 + 32-bit FP add 0.9
 * (Horowitz's fp16 figures stand for bf16); fp32 = 32-bit FP multiply 3.7 + 32-bit FP add 0.9.
 *
 * @example
 * macEnergyPj45nm.int8 // 0.3
 */
export const macEnergyPj45nm: Readonly<Record<MacPrecision, number>> = { int8: 0.2 + 0.1, bf16: 1.1 + 0.9, fp32: 3.7 + 0.9 }

/**
 * MAC area at 45 nm, µm²: the same operators from Horowitz's (ISSCC 2014) 45 nm area table:
 * int8 = 8-bit multiply 282 + 32-bit add 137; bf16 = 16-bit FP multiply 1640 + 32-bit FP add
 * 4184; fp32 = 32-bit FP multiply 7700 + 32-bit FP add 4184.
 *
 * @example
 * macAreaUm2At45nm.int8 // 419
 */
export const macAreaUm2At45nm: Readonly<Record<MacPrecision, number>> = { int8: 282 + 137, bf16: 1640 + 4184, fp32: 7700 + 4184 }

/**
 * SRAM area per byte at 45 nm, µm²: the rule of thumb of about 600 λ² per SRAM bit cell with λ
 * the feature size, 45 nm (D. J. Greaves, University of Cambridge, System-on-Chip D/M lecture
 * notes, "45nm SRAM Memory Area and Power Consumption"): 600 · 0.045² = 1.215 µm² per bit.
 *
 * @example
 * sramAreaUm2PerByteAt45nm // 9.72
 */
export const sramAreaUm2PerByteAt45nm = 8 * 600 * 0.045 * 0.045

/**
 * Eyeriss's normalized energy per access, relative to one MAC (ALU = 1x): register file 1x, the
 * array's inter-PE network 2x, the global buffer 6x, DRAM 200x. Y.-H. Chen, J. Emer, V. Sze,
 * "Eyeriss: A Spatial Architecture for Energy-Efficient Dataflow for Convolutional Neural
 * Networks", ISCA 2016 (normalized energy cost of data movement, 65 nm).
 *
 * @example
 * eyerissRelativeEnergy.dram // 200
 */
export const eyerissRelativeEnergy = { rf: 1, array: 2, buffer: 6, dram: 200 } as const

/**
 * MAESTRO's energy per access relative to a MAC, as its printed totals use them
 * (/work/shared/reference/README.md, from MAESTRO's energy model): L1 1.68x, L2 18.61x; its total
 * has no DRAM or NoC term.
 *
 * @example
 * maestroRelativeEnergy.l2 // 18.61
 */
export const maestroRelativeEnergy = { l1: 1.68, l2: 18.61 } as const
