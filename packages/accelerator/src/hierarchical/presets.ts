import type { HierarchicalAccelerator } from "./accelerator.js"
import { eyerissRelativeEnergy, macEnergyPj45nm, maestroRelativeEnergy } from "./constants.js"

/**
 * Names of the built-in hierarchical accelerators.
 *
 * @example
 * const name: HierarchicalPresetName = "eyeriss-v1-like"
 */
export type HierarchicalPresetName = "maestro-256pe" | "eyeriss-v1-like" | "simba-like"

const all = ["weights", "inputs", "outputs"] as const
const maestroMac = macEnergyPj45nm.int8

/**
 * The MAESTRO reference hardware (/work/shared/reference/maestro/hw-256pe.m): 256 PEs, a per-PE L1
 * of 100 elements and a shared L2 of 3000 elements, NoC bandwidth 1000 and off-chip bandwidth 50
 * elements per cycle; 1-byte elements, so elements and bytes coincide. MAESTRO always double
 * buffers. Its flat 256 PEs are laid out 16x16 here so that two dimensions can be spread. The L2
 * bandwidth is the NoC's; the L1 is unbounded. Energies are relative to a MAC as in MAESTRO's
 * printed totals (L1 1.68x, L2 18.61x, no DRAM term: DRAM energy 0 so the totals compare), the
 * MAC being Horowitz's 45 nm int8 MAC (0.3 pJ).
 *
 * @example
 * maestro256Pe.levels.map((level) => level.name) // ["DRAM", "L2", "L1"]
 */
export const maestro256Pe: HierarchicalAccelerator = {
  kind: "hierarchical",
  name: "maestro-256pe",
  bytesPerElement: 1,
  precision: "int8",
  macEnergyPj: maestroMac,
  array: { x: 16, y: 16, macsPerPe: 1 },
  levels: [
    { name: "DRAM", scope: "shared", bandwidthBytesPerCycle: 50, readEnergyPj: 0, writeEnergyPj: 0, holds: all, offChip: true },
    {
      name: "L2",
      scope: "shared",
      capacityBytes: 3000,
      bandwidthBytesPerCycle: 1000,
      readEnergyPj: maestroRelativeEnergy.l2 * maestroMac,
      writeEnergyPj: maestroRelativeEnergy.l2 * maestroMac,
      holds: all,
      doubleBuffered: true,
    },
    {
      name: "L1",
      scope: "pe",
      capacityBytes: 100,
      readEnergyPj: maestroRelativeEnergy.l1 * maestroMac,
      writeEnergyPj: maestroRelativeEnergy.l1 * maestroMac,
      holds: all,
      doubleBuffered: true,
    },
  ],
}

const eyerissMac = macEnergyPj45nm.bf16
const rf = eyerissRelativeEnergy.rf * eyerissMac

/**
 * An Eyeriss-v1-like accelerator (Y.-H. Chen et al., "Eyeriss: An Energy-Efficient
 * Reconfigurable Accelerator for Deep Convolutional Neural Networks", JSSC 2017): 12x14 PEs
 * (x = 14 columns, y = 12 rows), 16-bit data (2 bytes), a 108 KiB global buffer for inputs and
 * partial sums (weights bypass it, as in Timeloop's Eyeriss example), per-PE scratchpads of 12
 * input, 224 weight and 24 partial-sum entries, 200 MHz. Energies relative to a MAC from the
 * Eyeriss ISCA 2016 normalized table (RF 1x, array network 2x, buffer 6x, DRAM 200x), the MAC
 * being Horowitz's 45 nm 16-bit floating-point MAC (2.0 pJ) — Eyeriss's is 16-bit fixed point at
 * 65 nm, so absolute energies are indicative, ratios exact. Bandwidths are not modeled (unbounded).
 *
 * @example
 * eyerissV1Like.array // { x: 14, y: 12, macsPerPe: 1, networkEnergyPj: 4 }
 */
export const eyerissV1Like: HierarchicalAccelerator = {
  kind: "hierarchical",
  name: "eyeriss-v1-like",
  clockMhz: 200,
  bytesPerElement: 2,
  precision: "bf16",
  macEnergyPj: eyerissMac,
  array: { x: 14, y: 12, macsPerPe: 1, networkEnergyPj: eyerissRelativeEnergy.array * eyerissMac },
  levels: [
    {
      name: "DRAM",
      scope: "shared",
      readEnergyPj: eyerissRelativeEnergy.dram * eyerissMac,
      writeEnergyPj: eyerissRelativeEnergy.dram * eyerissMac,
      holds: all,
      offChip: true,
    },
    {
      name: "GLB",
      scope: "shared",
      capacityBytes: 108 * 1024,
      readEnergyPj: eyerissRelativeEnergy.buffer * eyerissMac,
      writeEnergyPj: eyerissRelativeEnergy.buffer * eyerissMac,
      holds: ["inputs", "outputs"],
    },
    { name: "ifmap spad", scope: "pe", capacityBytes: 12 * 2, readEnergyPj: rf, writeEnergyPj: rf, holds: ["inputs"] },
    { name: "weights spad", scope: "pe", capacityBytes: 224 * 2, readEnergyPj: rf, writeEnergyPj: rf, holds: ["weights"] },
    { name: "psum spad", scope: "pe", capacityBytes: 24 * 2, readEnergyPj: rf, writeEnergyPj: rf, holds: ["outputs"] },
  ],
}

const simbaMac = macEnergyPj45nm.int8
const simbaBuffer = eyerissRelativeEnergy.buffer * simbaMac
const simbaRegister = eyerissRelativeEnergy.rf * simbaMac

/**
 * A Simba-like accelerator, one chiplet (Y. S. Shao et al., "Simba: Scaling Deep-Learning
 * Inference with Multi-Chip-Module-Based Architecture", MICRO 2019): a 4x4 array of PEs, each
 * with an 8 KiB input buffer, a 32 KiB weight buffer, an accumulation buffer and 8 vector MAC
 * lanes of 8 MACs each (a second fan-out inside the PE: `array.lanes` 8x1, `macsPerPe` 8 per
 * lane), each lane with its own weight collector; the chiplet's 64 KiB global buffer keeps inputs
 * and outputs (weights go from DRAM to the PEs' weight buffers); int8 data. Sizes from the paper
 * (its Figure 3 and Table I); the rest chosen here: the accumulation buffer keeps 1024 partial
 * sums (Simba's 3 KB of 24-bit entries; elements here are 1 byte, so its area is understated), a
 * lane's weight collector 8 weights (one per MAC), bandwidths unbounded, no clock. Energies are
 * indicative, relative to Horowitz's 45 nm int8 MAC (0.3 pJ) with Eyeriss's normalized table
 * (ISCA 2016): DRAM 200x, the global and PE buffers 6x (kilobyte SRAMs), the weight collector 1x
 * (a register file), the network 2x.
 *
 * @example
 * simbaLike.array // { x: 4, y: 4, macsPerPe: 8, lanes: { x: 8, y: 1 }, networkEnergyPj: 0.6 }
 */
export const simbaLike: HierarchicalAccelerator = {
  kind: "hierarchical",
  name: "simba-like",
  bytesPerElement: 1,
  precision: "int8",
  macEnergyPj: simbaMac,
  array: { x: 4, y: 4, macsPerPe: 8, lanes: { x: 8, y: 1 }, networkEnergyPj: eyerissRelativeEnergy.array * simbaMac },
  levels: [
    {
      name: "DRAM",
      scope: "shared",
      readEnergyPj: eyerissRelativeEnergy.dram * simbaMac,
      writeEnergyPj: eyerissRelativeEnergy.dram * simbaMac,
      holds: all,
      offChip: true,
    },
    {
      name: "global buffer",
      scope: "shared",
      capacityBytes: 64 * 1024,
      readEnergyPj: simbaBuffer,
      writeEnergyPj: simbaBuffer,
      holds: ["inputs", "outputs"],
    },
    {
      name: "input buffer",
      scope: "pe",
      capacityBytes: 8 * 1024,
      readEnergyPj: simbaBuffer,
      writeEnergyPj: simbaBuffer,
      holds: ["inputs"],
    },
    {
      name: "weight buffer",
      scope: "pe",
      capacityBytes: 32 * 1024,
      readEnergyPj: simbaBuffer,
      writeEnergyPj: simbaBuffer,
      holds: ["weights"],
    },
    {
      name: "accumulation buffer",
      scope: "pe",
      capacityBytes: 1024,
      readEnergyPj: simbaBuffer,
      writeEnergyPj: simbaBuffer,
      holds: ["outputs"],
    },
    {
      name: "weight collector",
      scope: "lane",
      capacityBytes: 8,
      readEnergyPj: simbaRegister,
      writeEnergyPj: simbaRegister,
      holds: ["weights"],
    },
  ],
}

/**
 * The built-in hierarchical accelerators with one spatial fan-out, by name (the cost signature's
 * set: `packages/engine/test/signature.test.ts` evaluates every one of them).
 *
 * @example
 * hierarchicalPresets["maestro-256pe"].array.x // 16
 */
export const hierarchicalPresets: Readonly<Record<"maestro-256pe" | "eyeriss-v1-like", HierarchicalAccelerator>> = {
  "maestro-256pe": maestro256Pe,
  "eyeriss-v1-like": eyerissV1Like,
}

/**
 * Every built-in hierarchical accelerator by name: `hierarchicalPresets` and those with a second
 * fan-out over vector lanes (`simba-like`). The hierarchical kind's template (so the CLI and
 * systems) looks names up here.
 *
 * @example
 * allHierarchicalPresets["simba-like"].array.lanes // { x: 8, y: 1 }
 */
export const allHierarchicalPresets: Readonly<Record<HierarchicalPresetName, HierarchicalAccelerator>> = {
  ...hierarchicalPresets,
  "simba-like": simbaLike,
}

/**
 * The preset names, for listings and validation.
 *
 * @example
 * hierarchicalPresetNames // ["maestro-256pe", "eyeriss-v1-like", "simba-like"]
 */
export const hierarchicalPresetNames = Object.keys(allHierarchicalPresets) as HierarchicalPresetName[]

/**
 * A preset by name, or `undefined` for an unknown name.
 *
 * @example
 * hierarchicalPreset("eyeriss-v1-like")?.levels.length // 5
 */
export const hierarchicalPreset = (name: string): HierarchicalAccelerator | undefined =>
  Object.hasOwn(allHierarchicalPresets, name) ? allHierarchicalPresets[name as HierarchicalPresetName] : undefined
