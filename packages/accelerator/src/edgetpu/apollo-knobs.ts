import { type Configuration, defineSpace, ordinal, type Space } from "@cosearch/space"
import { KiB, MiB } from "../knobs/powers.js"
import { numberKnob } from "../knobs/read-knob.js"
import type { EdgeTpuKnobs } from "./knobs.js"

/**
 * The reduced Edge TPU space of Apollo's ablations (Yazdanbakhsh et al., 2021): PEs in X and Y,
 * SIMD units, compute lanes, PE memory (MB) and I/O bandwidth (Gb/s) — 10,000 configurations.
 *
 * @example
 * cardinality(apolloEdgeTpuKnobs) // 10000n
 */
export const apolloEdgeTpuKnobs: Space = defineSpace({
  name: "apollo-edgetpu-knobs",
  parameters: [
    ordinal("pe_x", [1, 2, 4, 6, 8], { description: "PEs along X" }),
    ordinal("pe_y", [1, 2, 4, 6, 8], { description: "PEs along Y" }),
    ordinal("simd_units", [16, 32, 64, 128], { description: "SIMD units per core" }),
    ordinal("compute_lanes", [1, 2, 4, 8], { description: "compute lanes (cores) per PE" }),
    ordinal("pe_memory", [0.5, 1, 2, 3, 4], { description: "PE memory, MB" }),
    ordinal("io_bandwidth", [5, 10, 15, 20, 25], { description: "I/O bandwidth, Gb/s" }),
  ],
})

/**
 * The knobs the reduced space leaves out, fixed at values of the full template's middle range
 * (our choice; Apollo does not publish them).
 */
export const apolloFixedKnobs = {
  coreMemoryBytes: 128 * KiB,
  instructionMemoryEntries: 4096,
  parameterMemoryBytes: 32 * KiB,
  activationMemoryBytes: 16 * KiB,
} as const

/**
 * Maps a configuration of `apolloEdgeTpuKnobs` onto the full template: compute lanes become
 * cores per PE, SIMD units the lanes of each core, MB and Gb/s become bytes and bytes/s.
 *
 * @example
 * apolloEdgeTpuKnobsOf({ pe_x: 4, pe_y: 4, simd_units: 64, compute_lanes: 4, pe_memory: 2, io_bandwidth: 20 })
 */
export const apolloEdgeTpuKnobsOf = (config: Configuration): EdgeTpuKnobs => {
  const read = (name: string): number => numberKnob(config, name)
  return {
    peX: read("pe_x"),
    peY: read("pe_y"),
    coresPerPe: read("compute_lanes"),
    computeLanes: read("simd_units"),
    peMemoryBytes: read("pe_memory") * MiB,
    ...apolloFixedKnobs,
    ioBandwidthBytesPerSecond: (read("io_bandwidth") * 1e9) / 8,
  }
}
