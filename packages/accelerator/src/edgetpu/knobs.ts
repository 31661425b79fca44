import { type Configuration, defineSpace, ordinal, type Space } from "@cosearch/space"
import { KiB, MiB, powersOfTwo } from "../knobs/powers.js"
import { numberKnob } from "../knobs/read-knob.js"

/**
 * The ten knobs of the Edge TPU template as decoded values. Units are in the field names; the
 * meaning of each is our reading of the anonymized public value lists (see docs/accelerator.md).
 */
export interface EdgeTpuKnobs {
  /** PEs along X and Y of the 2-D PE array. */
  readonly peX: number
  readonly peY: number
  /** Cores in each PE. */
  readonly coresPerPe: number
  /** SIMD compute lanes (MAC units) in each core. */
  readonly computeLanes: number
  /** SRAM shared by the cores of a PE. */
  readonly peMemoryBytes: number
  /** SRAM private to a core. */
  readonly coreMemoryBytes: number
  /** Instruction memory entries per core. */
  readonly instructionMemoryEntries: number
  /** Parameter (weight) buffer per core. */
  readonly parameterMemoryBytes: number
  /** Activation buffer per core. */
  readonly activationMemoryBytes: number
  /** Off-chip I/O bandwidth. */
  readonly ioBandwidthBytesPerSecond: number
}

const peCounts = [1, 2, 4, 6, 8, 10, 12, 14, 16, 32]

/**
 * The Edge TPU template's knobs as searched by Apollo (Yazdanbakhsh et al., 2021) and PRIME
 * (Kumar et al., 2022): 452,760,000 configurations. Memory sizes are in bytes, instruction memory
 * in entries, I/O bandwidth in GB/s.
 *
 * @example
 * cardinality(edgeTpuKnobs) // 452760000n
 * const knobs = edgeTpuKnobsOf(sampleMany(edgeTpuKnobs, 1, "seed")[0] ?? {}) // { peX: 4, peY: 8, ... }
 */
export const edgeTpuKnobs: Space = defineSpace({
  name: "edgetpu-knobs",
  parameters: [
    ordinal("pe_x", peCounts, { description: "PEs along X" }),
    ordinal("pe_y", peCounts, { description: "PEs along Y" }),
    ordinal("compute_lanes", powersOfTwo(4, 256), { description: "SIMD compute lanes per core" }),
    ordinal("cores_per_pe", peCounts, { description: "cores per PE" }),
    ordinal("pe_memory", powersOfTwo(256 * KiB, 16 * MiB), { description: "PE memory, bytes" }),
    ordinal("core_memory", powersOfTwo(4 * KiB, 4 * MiB), { description: "core memory, bytes" }),
    ordinal("instruction_memory", powersOfTwo(256, 16384), { description: "instruction memory per core, entries" }),
    ordinal("parameter_memory", [8 * KiB, 16 * KiB, 32 * KiB, 64 * KiB], { description: "parameter memory per core, bytes" }),
    ordinal("activation_memory", powersOfTwo(2 * KiB, 32 * KiB), { description: "activation memory per core, bytes" }),
    ordinal("io_bandwidth", [5, 10, 16, 20, 25, 30], { description: "I/O bandwidth, GB/s" }),
  ],
})

/**
 * Decodes a configuration of `edgeTpuKnobs` (un-prefixed; use `projectConfiguration` on a joint
 * configuration first) to typed knobs.
 *
 * @example
 * edgeTpuKnobsOf({ pe_x: 4, pe_y: 4, compute_lanes: 64, ... }).peX // 4
 */
export const edgeTpuKnobsOf = (config: Configuration): EdgeTpuKnobs => ({
  peX: numberKnob(config, "pe_x"),
  peY: numberKnob(config, "pe_y"),
  coresPerPe: numberKnob(config, "cores_per_pe"),
  computeLanes: numberKnob(config, "compute_lanes"),
  peMemoryBytes: numberKnob(config, "pe_memory"),
  coreMemoryBytes: numberKnob(config, "core_memory"),
  instructionMemoryEntries: numberKnob(config, "instruction_memory"),
  parameterMemoryBytes: numberKnob(config, "parameter_memory"),
  activationMemoryBytes: numberKnob(config, "activation_memory"),
  ioBandwidthBytesPerSecond: numberKnob(config, "io_bandwidth") * 1e9,
})

/**
 * Total MAC units of a design: PEs x cores per PE x lanes per core.
 *
 * @example
 * peakMacsPerCycle(edgeTpuKnobsOf(config))
 */
export const peakMacsPerCycle = (knobs: EdgeTpuKnobs): number => knobs.peX * knobs.peY * knobs.coresPerPe * knobs.computeLanes
