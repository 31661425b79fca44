import {
  apolloEdgeTpuKnobs,
  apolloEdgeTpuKnobsOf,
  edgeTpuKnobs,
  edgeTpuKnobsOf,
  KiB,
  MiB,
  peakMacsPerCycle,
  systolicKnobs,
  systolicKnobsOf,
} from "@cosearch/accelerator"
import { type Configuration, cardinality, type Space, sampleMany, validateConfiguration } from "@cosearch/space"
import { describe, expect, it } from "vitest"

const valuesOf = (space: Space, name: string): readonly unknown[] => {
  const parameter = space.parameters.find((p) => p.name === name)
  if (parameter === undefined || !("values" in parameter)) throw new Error(`no listed parameter ${name}`)
  return parameter.values
}

describe("Edge TPU knobs", () => {
  it("has the template's 452,760,000 configurations (Apollo / PRIME value lists)", () => {
    expect(cardinality(edgeTpuKnobs)).toBe(452_760_000n)
  })

  it("lists the published values: PE counts, powers of two from the stated bounds, I/O bandwidths", () => {
    expect(valuesOf(edgeTpuKnobs, "pe_x")).toEqual([1, 2, 4, 6, 8, 10, 12, 14, 16, 32])
    expect(valuesOf(edgeTpuKnobs, "compute_lanes")).toEqual([4, 8, 16, 32, 64, 128, 256])
    expect(valuesOf(edgeTpuKnobs, "pe_memory")).toEqual([256, 512, 1024, 2048, 4096, 8192, 16384].map((k) => k * KiB))
    expect(valuesOf(edgeTpuKnobs, "core_memory")).toHaveLength(11) // 4 KiB ... 4 MiB
    expect(valuesOf(edgeTpuKnobs, "instruction_memory")).toEqual([256, 512, 1024, 2048, 4096, 8192, 16384])
    expect(valuesOf(edgeTpuKnobs, "parameter_memory")).toEqual([8, 16, 32, 64].map((k) => k * KiB))
    expect(valuesOf(edgeTpuKnobs, "activation_memory")).toEqual([2, 4, 8, 16, 32].map((k) => k * KiB))
    expect(valuesOf(edgeTpuKnobs, "io_bandwidth")).toEqual([5, 10, 16, 20, 25, 30])
  })

  it("decodes a configuration to typed knobs with units", () => {
    const config: Configuration = {
      pe_x: 4,
      pe_y: 2,
      compute_lanes: 64,
      cores_per_pe: 8,
      pe_memory: 2 * MiB,
      core_memory: 32 * KiB,
      instruction_memory: 1024,
      parameter_memory: 16 * KiB,
      activation_memory: 8 * KiB,
      io_bandwidth: 16,
    }
    expect(validateConfiguration(edgeTpuKnobs, config)).toEqual([])
    const knobs = edgeTpuKnobsOf(config)
    expect(knobs).toMatchObject({
      peX: 4,
      peY: 2,
      coresPerPe: 8,
      computeLanes: 64,
      peMemoryBytes: 2 * MiB,
      ioBandwidthBytesPerSecond: 16e9,
    })
    expect(peakMacsPerCycle(knobs)).toBe(4 * 2 * 8 * 64)
  })

  it("every sampled configuration decodes", () => {
    for (const config of sampleMany(edgeTpuKnobs, 200, "knobs")) {
      const knobs = edgeTpuKnobsOf(config)
      expect(Object.values(knobs).every((value) => value > 0)).toBe(true)
    }
  })

  it("a decoder given a wrong type says which knob", () => {
    expect(() => edgeTpuKnobsOf({ pe_x: "4" })).toThrowError('knob "pe_x" must be a number, got "4"')
  })
})

describe("Apollo's reduced Edge TPU space", () => {
  it("has 5 x 5 x 4 x 4 x 5 x 5 = 10,000 configurations", () => {
    expect(cardinality(apolloEdgeTpuKnobs)).toBe(10_000n)
  })

  it("maps onto the full template: MB to bytes, Gb/s to bytes per second", () => {
    const knobs = apolloEdgeTpuKnobsOf({ pe_x: 4, pe_y: 6, simd_units: 64, compute_lanes: 2, pe_memory: 0.5, io_bandwidth: 20 })
    expect(knobs).toMatchObject({
      peX: 4,
      peY: 6,
      coresPerPe: 2,
      computeLanes: 64,
      peMemoryBytes: 512 * KiB,
      ioBandwidthBytesPerSecond: 2.5e9,
    })
  })
})

describe("systolic knobs", () => {
  it("has 7 x 7 x 7^3 x 3 x 6 = 302,526 configurations", () => {
    expect(cardinality(systolicKnobs)).toBe(302_526n)
  })

  it("decodes SCALE-Sim-like settings and rejects an unknown dataflow", () => {
    const config = {
      rows: 32,
      columns: 32,
      ifmap_sram: 64 * KiB,
      filter_sram: 64 * KiB,
      ofmap_sram: 64 * KiB,
      dataflow: "ws",
      dram_bandwidth: 16,
    }
    expect(systolicKnobsOf(config)).toEqual({
      rows: 32,
      columns: 32,
      ifmapSramBytes: 65536,
      filterSramBytes: 65536,
      ofmapSramBytes: 65536,
      dataflow: "ws",
      dramBytesPerCycle: 16,
    })
    expect(() => systolicKnobsOf({ ...config, dataflow: "rs" })).toThrowError('knob "dataflow" must be one of os, ws, is, got "rs"')
  })
})
