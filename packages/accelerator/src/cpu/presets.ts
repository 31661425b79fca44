import { eyerissRelativeEnergy, macEnergyPj45nm } from "../hierarchical/constants.js"
import { KiB } from "../knobs/powers.js"
import type { CpuAccelerator } from "./accelerator.js"
import { sd450Calibration } from "./sd450-calibration.js"

/**
 * Names of the built-in CPUs.
 *
 * @example
 * const name: CpuPresetName = "cortex-a53"
 */
export type CpuPresetName = "cortex-a53" | "cortex-a53-sd450"

/**
 * Energy of an add instruction on a general-purpose core at 45 nm, pJ, of which the add itself
 * is about 0.1 pJ: the rest is instruction fetch, register file and control (M. Horowitz,
 * "Computing's Energy Problem", ISSCC 2014). A SIMD instruction shares it over its lanes.
 */
const instructionEnergyPj45nm = 70

/**
 * The Raspberry Pi 3 Model B's Cortex-A53 cluster (Broadcom BCM2837): 4 cores at 1.2 GHz, NEON
 * 128-bit SIMD, 32 KiB L1 data cache per core and a shared 512 KiB L2 (Raspberry Pi and ARM
 * documentation); 32-bit LPDDR2 at 900 MT/s gives 3.6 GB/s nominal, of which we take 2 GB/s as
 * sustained (our choice). int8 inference (16 lanes). Energy per operation: Horowitz's 70 pJ
 * instruction shared by 16 lanes plus an int8 MAC (0.3 pJ), 45 nm. DRAM at 200 MACs per byte
 * (Eyeriss's relative energy, as the Edge TPU template charges it, 60 pJ). The efficiencies
 * (an in-order core issuing 128-bit NEON at half rate, no int8 dot-product instruction in
 * ARMv8.0), 0.2 W static power and 20 µs per layer are our choices, not calibrated (pointwise
 * at the conv efficiency, no inference overhead).
 *
 * `cortex-a53-sd450` is the calibrated one: the Snapdragon 450's Cortex-A53 cores with the
 * latency constants fitted to measured int8 latencies of NAS-Bench-201 networks
 * (`sd450Calibration`, BRP-NAS LatBench; packages/cost/data/cortex-a53/README.md).
 *
 * @example
 * cpuPresets["cortex-a53"].cores // 4
 */
export const cpuPresets: Readonly<Record<CpuPresetName, CpuAccelerator>> = {
  "cortex-a53": {
    kind: "cpu",
    name: "cortex-a53",
    cores: 4,
    clockHz: 1.2e9,
    simdBytes: 16,
    precision: "int8",
    l1Bytes: 32 * KiB,
    l2Bytes: 512 * KiB,
    dramBytesPerSecond: 2e9,
    efficiency: { conv: 0.25, pointwise: 0.25, depthwise: 0.1, fc: 0.15, pool: 0.1, eltwise: 0.1 },
    layerOverheadSeconds: 20e-6,
    inferenceOverheadSeconds: 0,
    energyPerOpPj: instructionEnergyPj45nm / 16 + macEnergyPj45nm.int8,
    dramEnergyPjPerByte: macEnergyPj45nm.int8 * eyerissRelativeEnergy.dram,
    staticPowerW: 0.2,
  },
  "cortex-a53-sd450": sd450Calibration,
}

/** Every CPU preset name. */
export const cpuPresetNames = Object.keys(cpuPresets) as CpuPresetName[]

/**
 * The CPU preset of a name, or `undefined`.
 *
 * @example
 * cpuPreset("cortex-a53")?.clockHz // 1.2e9
 */
export const cpuPreset = (name: string): CpuAccelerator | undefined =>
  Object.hasOwn(cpuPresets, name) ? cpuPresets[name as CpuPresetName] : undefined
