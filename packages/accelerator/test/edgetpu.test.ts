import {
  defaultEdgeTpuConstants,
  edgeTpuArea,
  edgeTpuFromKnobs,
  edgeTpuKnobs,
  edgeTpuKnobsOf,
  edgeTpuPeakMacsPerSecond,
  edgeTpuPresets,
  KiB,
  validateEdgeTpuAccelerator,
} from "@cosearch/accelerator"
import { sampleMany } from "@cosearch/space"
import { describe, expect, it } from "vitest"

describe("Edge TPU presets", () => {
  it("Coral: 4 TOPS int8 (2 MAC-ops per MAC) and 8 MiB of PE memory at 500 MHz", () => {
    const coral = edgeTpuPresets.coral
    expect((2 * edgeTpuPeakMacsPerSecond(coral)) / 1e12).toBeCloseTo(4.096, 9)
    expect(coral.knobs.peX * coral.knobs.peY * coral.knobs.peMemoryBytes).toBe(8 * 1024 * 1024)
  })

  it("the classes keep the paper's PE arrays and clocks, and every preset is valid", () => {
    expect(
      [edgeTpuPresets["edgetpu-v1"], edgeTpuPresets["edgetpu-v2"], edgeTpuPresets["edgetpu-v3"]].map((a) => [
        a.knobs.peX,
        a.knobs.peY,
        a.clockHz,
      ]),
    ).toEqual([
      [4, 4, 800e6],
      [4, 4, 1066e6],
      [4, 1, 1066e6],
    ])
    for (const preset of Object.values(edgeTpuPresets)) expect(validateEdgeTpuAccelerator(preset)).toEqual([])
  })
})

describe("Edge TPU area model (45 nm)", () => {
  it("adds MACs, PE memories, per-core memories and instruction memories (hand-derived)", () => {
    // 2 PEs x 2 cores x 8 lanes int8: 32 x 419 µm² of MACs. SRAM at 9.72 µm²/B: PE memory 2 x 256 KiB;
    // per core (4 cores) 4 + 8 + 2 KiB; instruction memory 4 cores x 256 entries x 8 B.
    const design = edgeTpuFromKnobs({
      peX: 2,
      peY: 1,
      coresPerPe: 2,
      computeLanes: 8,
      peMemoryBytes: 256 * KiB,
      coreMemoryBytes: 4 * KiB,
      instructionMemoryEntries: 256,
      parameterMemoryBytes: 8 * KiB,
      activationMemoryBytes: 2 * KiB,
      ioBandwidthBytesPerSecond: 5e9,
    })
    const sram = 8 * 600 * 0.045 ** 2
    const area = edgeTpuArea(design)
    expect(area.macsMm2).toBeCloseTo((32 * 419) / 1e6, 12)
    expect(area.peMemoryMm2).toBeCloseTo((2 * 256 * 1024 * sram) / 1e6, 12)
    expect(area.coreMemoriesMm2).toBeCloseTo((4 * 14 * 1024 * sram) / 1e6, 12)
    expect(area.instructionMemoryMm2).toBeCloseTo((4 * 256 * 8 * sram) / 1e6, 12)
    expect(area.totalMm2).toBeCloseTo(area.macsMm2 + area.peMemoryMm2 + area.coreMemoriesMm2 + area.instructionMemoryMm2, 12)
  })

  it("every sampled design of the knob space gets a positive area and is valid", () => {
    for (const config of sampleMany(edgeTpuKnobs, 200, "area")) {
      const design = edgeTpuFromKnobs(edgeTpuKnobsOf(config))
      expect(validateEdgeTpuAccelerator(design)).toEqual([])
      expect(edgeTpuArea(design).totalMm2).toBeGreaterThan(0)
    }
  })
})

describe("Edge TPU validation", () => {
  it("names the path and value of every bad field", () => {
    const bad = {
      ...edgeTpuPresets.coral,
      clockHz: 0,
      knobs: { ...edgeTpuPresets.coral.knobs, peX: 0, ioBandwidthBytesPerSecond: "fast" },
      constants: { ...defaultEdgeTpuConstants, efficiency: { ...defaultEdgeTpuConstants.efficiency, pool: -1 } },
    }
    expect(validateEdgeTpuAccelerator(bad).map((issue) => issue.message)).toEqual([
      "clockHz 0 must be a positive number of hertz",
      "knobs.peX 0 must be a positive integer",
      'knobs.ioBandwidthBytesPerSecond "fast" must be a positive number of bytes per second',
      "constants.efficiency.pool -1 must be a positive number",
    ])
    expect(validateEdgeTpuAccelerator([])[0]?.path).toBe("(root)")
  })
})
