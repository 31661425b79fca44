import type { EdgeTpuAccelerator, EdgeTpuEnergy } from "../edgetpu/accelerator.js"
import { edgeTpuPresets } from "../edgetpu/presets.js"
import { leakageWatts } from "../energy/leakage.js"
import { memoryPath } from "../energy/memory-interface.js"
import { sramAccessEnergyPjPerByte } from "../energy/sram.js"
import type { HierarchicalAccelerator, StorageLevel } from "../hierarchical/accelerator.js"
import { eyerissRelativeEnergy, macEnergyPj45nm } from "../hierarchical/constants.js"
import type { ImacAccelerator } from "../imac/accelerator.js"
import { defaultImacAccelerator } from "../imac/defaults.js"
import { KiB } from "../knobs/powers.js"
import { type AcceleratorTemplate, type AcceleratorUnit, presetUnitOf, templateOf } from "../template/template.js"
import { type HeterogeneousSystem, lpddr4HostPath, type PathCost } from "./system.js"

/**
 * Names of the built-in heterogeneous systems.
 *
 * @example
 * const name: SystemPresetName = "mensa"
 */
export type SystemPresetName = "mensa" | "mensa-edgetpu" | "tpu-imac"

/** The clock every Mensa unit runs at (the first Edge TPU class's 800 MHz; our choice). */
const mensaClockHz = 800e6

const mac = macEnergyPj45nm.int8
const all = ["weights", "inputs", "outputs"] as const

/**
 * The energy model of every Mensa unit and of its baseline (docs/energy.md): SRAM by capacity,
 * leakage over the latency, LPDDR4 for the on-chip units.
 */
const mensaEnergy: EdgeTpuEnergy = { sramByCapacity: true, memoryInterface: "lpddr4", leakage: true }

/**
 * Mensa's baseline, the monolithic Edge TPU (Boroumand et al., PACT 2021): a 64x64 array of
 * int8 MACs (here 4x4 PEs x 4 cores x 64 lanes = 4,096), a 4 MB parameter buffer (16 PEs x
 * 256 KiB of PE memory) and DRAM at the LPDDR4-class 12.8 GB/s of `lpddr4HostPath`; the
 * first Edge TPU class otherwise (`edgetpu-v1`: clock, core memories, constants). Energy by
 * `mensaEnergy`: PE memories by capacity, LPDDR4, leakage.
 */
const mensaEdgeTpu: EdgeTpuAccelerator = {
  ...edgeTpuPresets["edgetpu-v1"],
  name: "mensa-edgetpu",
  clockHz: mensaClockHz,
  energy: mensaEnergy,
  knobs: {
    ...edgeTpuPresets["edgetpu-v1"].knobs,
    peMemoryBytes: 256 * KiB,
    ioBandwidthBytesPerSecond: lpddr4HostPath.bandwidthBytesPerSecond,
  },
}

/**
 * Pascal, Mensa's accelerator for compute-centric layers (standard convolutions with high
 * parameter reuse): an Edge TPU-like design with a quarter of the baseline's MACs (32x32 =
 * 1,024: 2x2 PEs x 4 cores x 64 lanes) and a smaller on-chip memory (4 PEs x 256 KiB = 1 MiB,
 * the template's smallest PE memory; this template also spills activations there, so it cannot
 * shrink to the paper's small parameter buffer without making early layers infeasible).
 */
const pascal: EdgeTpuAccelerator = {
  ...mensaEdgeTpu,
  name: "pascal",
  knobs: { ...mensaEdgeTpu.knobs, peX: 2, peY: 2, coresPerPe: 4, computeLanes: 64, peMemoryBytes: 256 * KiB },
}

/**
 * In-stack DRAM as a near-data unit sees it, `memoryPath("hbm2-in-stack")`: an HBM2 stack's
 * 256 GB/s (1,024 bits at 2 Gb/s, JEDEC) and 16 pJ/byte, about half of an HBM access's ~3.9
 * pJ/bit (O'Connor et al., MICRO 2017): a logic-layer unit skips the off-chip interface. Our
 * choice, documented in docs/energy.md.
 */
export const hbmNearDataPath: PathCost = memoryPath("hbm2-in-stack")

/**
 * A near-data accelerator of the hierarchical template: in-stack DRAM, one shared buffer, PE
 * registers. The buffer's access energy is the CACTI-like energy of its capacity and the unit
 * leaks (its MACs and buffer) while it runs (`mensaEnergy`'s model, docs/energy.md); the 64-byte
 * registers keep Eyeriss's relative energy.
 */
const nearDataAccelerator = (
  name: string,
  side: number,
  bufferBytes: number,
  bufferHolds: StorageLevel["holds"],
): HierarchicalAccelerator => ({
  kind: "hierarchical",
  name,
  clockMhz: mensaClockHz / 1e6,
  bytesPerElement: 1,
  precision: "int8",
  macEnergyPj: mac,
  staticPowerW: leakageWatts({ sramBytes: bufferBytes + side * side * 64, macs: side * side, precision: "int8" }),
  array: { x: side, y: side, macsPerPe: 1, networkEnergyPj: eyerissRelativeEnergy.array * mac },
  levels: [
    {
      name: "DRAM",
      scope: "shared",
      bandwidthBytesPerCycle: hbmNearDataPath.bandwidthBytesPerSecond / mensaClockHz,
      readEnergyPj: hbmNearDataPath.energyPjPerByte,
      writeEnergyPj: hbmNearDataPath.energyPjPerByte,
      holds: all,
      offChip: true,
    },
    {
      name: "buffer",
      scope: "shared",
      capacityBytes: bufferBytes,
      readEnergyPj: sramAccessEnergyPjPerByte(bufferBytes),
      writeEnergyPj: sramAccessEnergyPjPerByte(bufferBytes),
      holds: bufferHolds,
    },
    {
      name: "RF",
      scope: "pe",
      capacityBytes: 64,
      readEnergyPj: eyerissRelativeEnergy.rf * mac,
      writeEnergyPj: eyerissRelativeEnergy.rf * mac,
      holds: all,
    },
  ],
})

/**
 * Pavlov, Mensa's accelerator for LSTM-like data-centric layers (gates: matrix-vector products
 * whose weights are used once per step): near data, a small 8x8 array, no parameter buffer
 * (weights stream from the in-stack DRAM at its full bandwidth into the PE registers), a
 * 64 KiB buffer for activations and partial sums.
 */
const pavlov = nearDataAccelerator("pavlov", 8, 64 * KiB, ["inputs", "outputs"])

/**
 * Jacquard, Mensa's accelerator for the other data-centric layers (depthwise, late pointwise,
 * fully connected: low reuse, large parameter footprint): near data, a 16x16 array, a 128 KiB
 * buffer holding parameters and activations.
 */
const jacquard = nearDataAccelerator("jacquard", 16, 128 * KiB, all)

/**
 * The TPU-IMAC unit (Elbtity et al., 2023): the default IMAC crossbars, ternary weights and
 * binary inputs, with 8,192 crossbars (134M devices, room for VGG-16's 123.6M FC weights) so that
 * the heavy FC heads of the study fit resident. The count is our choice.
 */
const tpuImacCrossbars: ImacAccelerator = { ...defaultImacAccelerator, name: "imac", crossbarCount: 8192 }

/**
 * An on-chip link between the Edge TPU and the IMAC unit: 32 bytes per cycle at 800 MHz
 * (25.6 GB/s) and the array network's 2 x a MAC per byte (0.6 pJ), 10 ns. Our choice.
 */
const tpuImacLink = { bandwidthBytesPerSecond: 25.6e9, energyPjPerByte: eyerissRelativeEnergy.array * mac, latencySeconds: 10e-9 }

/**
 * The built-in heterogeneous systems (values and sources in docs/heterogeneous.md):
 *
 * - `mensa`: Mensa-G (Boroumand et al., "Google Neural Network Models for Edge Devices:
 *   Analyzing and Mitigating Machine Learning Inference Bottlenecks", PACT 2021): Pascal
 *   (on-chip, compute-centric layers), Pavlov (near-data, LSTM layers) and Jacquard (near-data,
 *   other data-centric layers). Near-data units reach DRAM over `hbmNearDataPath`, Pascal over
 *   `lpddr4HostPath`; no direct links, so a tensor between Pascal and a near-data unit goes
 *   through DRAM.
 * - `mensa-edgetpu`: Mensa's baseline, the monolithic Edge TPU, alone.
 * - `tpu-imac`: an Edge TPU of the first class (`edgetpu-v1`) and an IMAC unit for FC layers
 *   (Elbtity et al., "Heterogeneous Integration of In-Memory Analog Computing Architectures with
 *   Tensor Processing Units", 2023), joined by an on-chip link.
 *
 * @example
 * systemPresets.mensa.units.map((unit) => unit.name) // ["pascal", "pavlov", "jacquard"]
 */
export const systemPresets: Readonly<Record<SystemPresetName, HeterogeneousSystem>> = {
  mensa: {
    name: "mensa",
    units: [
      { kind: "edgetpu", name: "pascal", accelerator: pascal },
      { kind: "hierarchical", name: "pavlov", accelerator: pavlov, nearData: true },
      { kind: "hierarchical", name: "jacquard", accelerator: jacquard, nearData: true },
    ],
    links: [],
    hostPath: lpddr4HostPath,
    nearDataPath: hbmNearDataPath,
  },
  "mensa-edgetpu": {
    name: "mensa-edgetpu",
    units: [{ kind: "edgetpu", name: "edgetpu", accelerator: mensaEdgeTpu }],
    links: [],
    hostPath: lpddr4HostPath,
  },
  "tpu-imac": {
    name: "tpu-imac",
    units: [
      { kind: "edgetpu", name: "tpu", accelerator: edgeTpuPresets["edgetpu-v1"] },
      { kind: "imac", name: "imac", accelerator: tpuImacCrossbars },
    ],
    links: [{ from: "tpu", to: "imac", ...tpuImacLink }],
    hostPath: lpddr4HostPath,
  },
}

/** The built-in system names. */
export const systemPresetNames = Object.keys(systemPresets) as SystemPresetName[]

/**
 * A system of one unit: the accelerator alone, reaching DRAM over `lpddr4HostPath`.
 *
 * @example
 * singleUnitSystem({ kind: "cpu", name: "a53", accelerator: cpuPresets["cortex-a53"] }).units.length // 1
 */
export const singleUnitSystem = <Unit extends AcceleratorUnit>(unit: Unit): HeterogeneousSystem<Unit> => ({
  name: unit.name,
  units: [unit],
  links: [],
  hostPath: lpddr4HostPath,
})

/**
 * A system by name: a built-in system (`systemPresetNames`), or a one-unit system of an
 * accelerator preset of any of `templates` that can be a unit (its template's `unitIssues` finds
 * none: a clock; the systolic and MAESTRO presets state none), or `undefined`. In
 * `@cosearch/cost`: `acceleratorKinds.systemPreset`.
 *
 * @example
 * systemPreset("mensa", templates)?.units.length // 3
 * systemPreset("cortex-a53", templates)?.units[0]?.kind // "cpu"
 */
export const systemPreset = (name: string, templates: readonly AcceleratorTemplate[]): HeterogeneousSystem<AcceleratorUnit> | undefined => {
  if (Object.hasOwn(systemPresets, name)) return systemPresets[name as SystemPresetName]
  const unit = presetUnitOf(templates, name)
  if (unit === undefined || (templateOf(templates, unit.kind)?.unitIssues(unit.accelerator).length ?? 1) > 0) return undefined
  return singleUnitSystem(unit)
}
