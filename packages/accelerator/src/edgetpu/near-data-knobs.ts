import { type Configuration, defineSpace, ordinal, type Space } from "@cosearch/space"
import { KiB, MiB } from "../knobs/powers.js"
import { numberKnob } from "../knobs/read-knob.js"
import type { EdgeTpuKnobs } from "./knobs.js"

/**
 * The knobs a near-data Edge TPU unit (Mensa's data-centric accelerators, in the logic layer of a
 * memory stack) leaves at fixed values: a mid-range core memory and instruction memory, 16 KiB of
 * activation buffer per core (our choices). Its I/O bandwidth is not a knob either: it is the
 * stack's internal bandwidth (`nearDataEdgeTpuKnobsOf`'s argument).
 */
export const nearDataFixedKnobs = {
  coreMemoryBytes: 32 * KiB,
  instructionMemoryEntries: 4096,
  activationMemoryBytes: 16 * KiB,
} as const

/**
 * A small Edge TPU for the near-data slot of a heterogeneous system: few PEs (1 to 4 per side),
 * few cores and lanes, small PE memory and a choice of parameter buffer — 3 x 3 x 3 x 4 x 4 x 4 =
 * 1,728 designs. Mensa shapes its data-centric units this way: little compute, much bandwidth,
 * for layers (LSTM gates, fully connected, late pointwise) that read about one byte of weights
 * per MAC.
 *
 * @example
 * cardinality(nearDataEdgeTpuKnobs) // 1728n
 */
export const nearDataEdgeTpuKnobs: Space = defineSpace({
  name: "near-data-edgetpu-knobs",
  parameters: [
    ordinal("pe_x", [1, 2, 4], { description: "PEs along X" }),
    ordinal("pe_y", [1, 2, 4], { description: "PEs along Y" }),
    ordinal("cores_per_pe", [1, 2, 4], { description: "cores per PE" }),
    ordinal("compute_lanes", [8, 16, 32, 64], { description: "SIMD compute lanes per core" }),
    ordinal("pe_memory", [256 * KiB, 512 * KiB, MiB, 2 * MiB], { description: "PE memory, bytes" }),
    ordinal("parameter_memory", [8 * KiB, 16 * KiB, 32 * KiB, 64 * KiB], { description: "parameter memory per core, bytes" }),
  ],
})

/**
 * Decodes a configuration of `nearDataEdgeTpuKnobs` (un-prefixed) to the full template's knobs:
 * the fixed knobs of `nearDataFixedKnobs` and the stack's bandwidth as the I/O bandwidth.
 *
 * @example
 * nearDataEdgeTpuKnobsOf({ pe_x: 2, pe_y: 2, cores_per_pe: 1, compute_lanes: 32, pe_memory: 524288, parameter_memory: 32768 }, 256e9)
 */
export const nearDataEdgeTpuKnobsOf = (config: Configuration, ioBandwidthBytesPerSecond: number): EdgeTpuKnobs => ({
  peX: numberKnob(config, "pe_x"),
  peY: numberKnob(config, "pe_y"),
  coresPerPe: numberKnob(config, "cores_per_pe"),
  computeLanes: numberKnob(config, "compute_lanes"),
  peMemoryBytes: numberKnob(config, "pe_memory"),
  parameterMemoryBytes: numberKnob(config, "parameter_memory"),
  ...nearDataFixedKnobs,
  ioBandwidthBytesPerSecond,
})
