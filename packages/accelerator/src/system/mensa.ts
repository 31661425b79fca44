import type { EdgeTpuAccelerator } from "../edgetpu/accelerator.js"
import { edgeTpuPresets } from "../edgetpu/presets.js"
import { leakageWatts } from "../energy/leakage.js"
import { memoryPath, type PathCost } from "../energy/memory-interface.js"
import { sramAccessEnergyPjPerByte } from "../energy/sram.js"
import type { HierarchicalAccelerator, StorageLevel } from "../hierarchical/accelerator.js"
import { eyerissRelativeEnergy, macEnergyPj45nm } from "../hierarchical/constants.js"
import { KiB } from "../knobs/powers.js"
import { type HeterogeneousSystem, lpddr4HostPath } from "./system.js"

// Mensa-G and its baseline (Boroumand et al., PACT 2021); values and sources in docs/heterogeneous.md.

/** The clock every Mensa unit runs at (the first Edge TPU class's 800 MHz; our choice). */
const mensaClockHz = 800e6

const mac = macEnergyPj45nm.int8
const all = ["weights", "inputs", "outputs"] as const

/**
 * Which parts of the scaling energy model (docs/energy.md) the Mensa systems use: SRAM access
 * energy by capacity (the Edge TPU units' PE memories, the near-data units' buffers) and leakage
 * (every unit). Both off is the Eyeriss-relative model of the other presets. The on-chip units
 * reach DRAM over LPDDR4 and the near-data ones over `hbm2-in-stack` either way.
 *
 * @example
 * const before: MensaEnergyOptions = { sramByCapacity: false, leakage: false }
 */
export interface MensaEnergyOptions {
  readonly sramByCapacity: boolean
  readonly leakage: boolean
}

/** The full model: what the `mensa` and `mensa-edgetpu` presets use. */
const fullModel: MensaEnergyOptions = { sramByCapacity: true, leakage: true }

/**
 * Mensa's baseline, the monolithic Edge TPU (Boroumand et al., PACT 2021): a 64x64 array of
 * int8 MACs (here 4x4 PEs x 4 cores x 64 lanes = 4,096), a 4 MB parameter buffer (16 PEs x
 * 256 KiB of PE memory) and DRAM at the LPDDR4-class 12.8 GB/s of `lpddr4HostPath`; the
 * first Edge TPU class otherwise (`edgetpu-v1`: clock, core memories, constants). Its energy:
 * the options', on LPDDR4.
 */
const mensaEdgeTpu = (options: MensaEnergyOptions): EdgeTpuAccelerator => ({
  ...edgeTpuPresets["edgetpu-v1"],
  name: "mensa-edgetpu",
  clockHz: mensaClockHz,
  energy: { ...options, memoryInterface: "lpddr4" },
  knobs: {
    ...edgeTpuPresets["edgetpu-v1"].knobs,
    peMemoryBytes: 256 * KiB,
    ioBandwidthBytesPerSecond: lpddr4HostPath.bandwidthBytesPerSecond,
  },
})

/**
 * Pascal, Mensa's accelerator for compute-centric layers (standard convolutions with high
 * parameter reuse): an Edge TPU-like design with a quarter of the baseline's MACs (32x32 =
 * 1,024: 2x2 PEs x 4 cores x 64 lanes) and a smaller on-chip memory (4 PEs x 256 KiB = 1 MiB,
 * the template's smallest PE memory; this template also spills activations there, so it cannot
 * shrink to the paper's small parameter buffer without making early layers infeasible).
 */
const pascal = (baseline: EdgeTpuAccelerator): EdgeTpuAccelerator => ({
  ...baseline,
  name: "pascal",
  knobs: { ...baseline.knobs, peX: 2, peY: 2, coresPerPe: 4, computeLanes: 64, peMemoryBytes: 256 * KiB },
})

/**
 * In-stack DRAM as a near-data unit sees it, `memoryPath("hbm2-in-stack")`: an HBM2 stack's
 * 256 GB/s (1,024 bits at 2 Gb/s, JEDEC) and 16 pJ/byte, about half of an HBM access's ~3.9
 * pJ/bit (O'Connor et al., MICRO 2017): a logic-layer unit skips the off-chip interface. Our
 * choice, documented in docs/energy.md.
 *
 * @example
 * hbmNearDataPath.energyPjPerByte // 16
 */
export const hbmNearDataPath: PathCost = memoryPath("hbm2-in-stack")

/** An on-chip level whose reads and writes cost alike. */
const onChip = (
  name: string,
  scope: StorageLevel["scope"],
  capacityBytes: number,
  energyPj: number,
  holds: StorageLevel["holds"],
): StorageLevel => ({ name, scope, capacityBytes, readEnergyPj: energyPj, writeEnergyPj: energyPj, holds })

/**
 * A near-data accelerator of the hierarchical template: in-stack DRAM, one shared buffer, PE
 * registers. With the options, the buffer's access energy is the CACTI-like energy of its
 * capacity (else 6x a MAC) and the unit leaks (its MACs, buffer and registers) while it runs
 * (docs/energy.md); the 64-byte registers keep Eyeriss's relative energy.
 */
const nearDataAccelerator = (
  name: string,
  side: number,
  bufferBytes: number,
  bufferHolds: StorageLevel["holds"],
  options: MensaEnergyOptions,
): HierarchicalAccelerator => {
  const bufferPj = options.sramByCapacity ? sramAccessEnergyPjPerByte(bufferBytes) : eyerissRelativeEnergy.buffer * mac
  return {
    kind: "hierarchical",
    name,
    clockMhz: mensaClockHz / 1e6,
    bytesPerElement: 1,
    precision: "int8",
    macEnergyPj: mac,
    ...(options.leakage
      ? { staticPowerW: leakageWatts({ sramBytes: bufferBytes + side * side * 64, macs: side * side, precision: "int8" }) }
      : {}),
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
      onChip("buffer", "shared", bufferBytes, bufferPj, bufferHolds),
      onChip("RF", "pe", 64, eyerissRelativeEnergy.rf * mac, all),
    ],
  }
}

/**
 * Pavlov, Mensa's accelerator for LSTM-like data-centric layers (gates: matrix-vector products
 * whose weights are used once per step): near data, a small 8x8 array, no parameter buffer
 * (weights stream from the in-stack DRAM at its full bandwidth into the PE registers), a
 * 64 KiB buffer for activations and partial sums.
 */
const pavlov = (options: MensaEnergyOptions) => nearDataAccelerator("pavlov", 8, 64 * KiB, ["inputs", "outputs"], options)

/**
 * Jacquard, Mensa's accelerator for the other data-centric layers (depthwise, late pointwise,
 * fully connected: low reuse, large parameter footprint): near data, a 16x16 array, a 128 KiB
 * buffer holding parameters and activations.
 */
const jacquard = (options: MensaEnergyOptions) => nearDataAccelerator("jacquard", 16, 128 * KiB, all, options)

/**
 * Mensa-G and its baseline under a choice of energy model (`MensaEnergyOptions`; default the
 * full model, as the `mensa` and `mensa-edgetpu` presets):
 *
 * - `mensa`: Pascal (on-chip, compute-centric layers), Pavlov (near-data, LSTM layers) and
 *   Jacquard (near-data, other data-centric layers). Near-data units reach DRAM over
 *   `hbmNearDataPath`, Pascal over `lpddr4HostPath`; no direct links, so a tensor between Pascal
 *   and a near-data unit goes through DRAM.
 * - `mensa-edgetpu`: the monolithic Edge TPU alone.
 *
 * The Mensa comparison reruns the study with the parts of the model off, to show what each does.
 *
 * @example
 * mensaSystems({ sramByCapacity: false, leakage: false }).mensa.units.length // 3
 */
export const mensaSystems = (options: MensaEnergyOptions = fullModel): Readonly<Record<"mensa" | "mensa-edgetpu", HeterogeneousSystem>> => {
  const baseline = mensaEdgeTpu(options)
  return {
    mensa: {
      name: "mensa",
      units: [
        { kind: "edgetpu", name: "pascal", accelerator: pascal(baseline) },
        { kind: "hierarchical", name: "pavlov", accelerator: pavlov(options), nearData: true },
        { kind: "hierarchical", name: "jacquard", accelerator: jacquard(options), nearData: true },
      ],
      links: [],
      hostPath: lpddr4HostPath,
      nearDataPath: hbmNearDataPath,
    },
    "mensa-edgetpu": {
      name: "mensa-edgetpu",
      units: [{ kind: "edgetpu", name: "edgetpu", accelerator: baseline }],
      links: [],
      hostPath: lpddr4HostPath,
    },
  }
}
