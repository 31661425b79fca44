import { readFileSync } from "node:fs"
import {
  edgeTpuLeakageWatts,
  edgeTpuPresets,
  edgeTpuSramBytes,
  KiB,
  leakageWatts,
  memoryInterfaces,
  sramAccessEnergyPjPerByte,
  sramAreaMm2,
  validateEdgeTpuAccelerator,
  validateHierarchicalAccelerator,
} from "@cosearch/accelerator"
import { describe, expect, it } from "vitest"

const folder = new URL("../data/energy/", import.meta.url)
const published = JSON.parse(readFileSync(new URL("published-points.json", folder), "utf8"))
const ert = readFileSync(new URL("eyeriss-like.ERT_summary.yaml", folder), "utf8")

/** The `leak` energy (pJ per cycle) of one table entry of Accelergy's ERT summary. */
const leakOf = (entry: string): number => {
  const start = ert.indexOf(`- name: ${entry}`)
  const match = /- name: leak\s+energy: ([0-9.eE+-]+)/.exec(ert.slice(start))
  if (start < 0 || match === null) throw new Error(`no leak for ${entry}`)
  return Number(match[1])
}
/** Accelergy's global cycle for these leak energies: 1 ns (the design's `global_cycle_seconds`). */
const cycleSeconds = 1e-9

describe("the CACTI-like SRAM model against published points", () => {
  it("access energy per 64-bit access within 5% of Horowitz's 8 KB, 32 KB and 1 MB figures (45 nm)", () => {
    const { bitsPerAccess, points } = published.sramAccessEnergy
    expect(points.length).toBe(3)
    for (const point of points) {
      const model = sramAccessEnergyPjPerByte(point.capacityBytes) * (bitsPerAccess / 8)
      expect(Math.abs(model / point.pjPerAccess - 1)).toBeLessThan(0.05)
    }
  })

  it("grows with capacity: a smaller buffer costs less per byte", () => {
    expect(sramAccessEnergyPjPerByte(64 * KiB)).toBeLessThan(sramAccessEnergyPjPerByte(128 * KiB))
    expect(sramAccessEnergyPjPerByte(128 * KiB)).toBeLessThan(sramAccessEnergyPjPerByte(256 * KiB))
  })

  it("area: the density is within 2% of OpenRAM's FreePDK45 macros (0.826 Mb/mm²)", () => {
    const megabitBytes = 1e6 / 8
    const modelDensity = 1 / sramAreaMm2(megabitBytes)
    expect(Math.abs(modelDensity / published.sramDensity.megabitsPerMm2 - 1)).toBeLessThan(0.02)
  })

  it("leakage per KiB and per MAC equal Accelergy's 32 nm estimates (128 KiB global buffer, MAC) at its 1 ns cycle", () => {
    const glbBytes = 16384 * (64 / 8)
    expect(leakageWatts({ sramBytes: glbBytes, macs: 0, precision: "int8" })).toBeCloseTo(
      (leakOf("system_top_level.shared_glb") * 1e-12) / cycleSeconds,
      12,
    )
    expect(leakageWatts({ sramBytes: 0, macs: 168, precision: "int8" })).toBeCloseTo(
      (168 * leakOf("system_top_level.mac") * 1e-12) / cycleSeconds,
      12,
    )
  })
})

describe("memory interfaces", () => {
  it("DDR3 sits in Horowitz's 1.3-2.6 nJ per 64-bit access; HBM2 is O'Connor et al.'s 3.9 pJ/bit", () => {
    const { minPjPerAccess, maxPjPerAccess, bitsPerAccess } = published.dramEnergy
    const ddr3 = memoryInterfaces.ddr3.energyPjPerByte * (bitsPerAccess / 8)
    expect(ddr3).toBeGreaterThanOrEqual(minPjPerAccess)
    expect(ddr3).toBeLessThanOrEqual(maxPjPerAccess)
    expect(memoryInterfaces.hbm2.energyPjPerByte).toBeCloseTo(published.hbm2Energy.pjPerBit * 8, 12)
    expect(memoryInterfaces["hbm2-in-stack"].energyPjPerByte).toBeLessThan(memoryInterfaces.hbm2.energyPjPerByte)
  })

  it("an Edge TPU's energy model names an unknown interface and a non-boolean flag", () => {
    const issues = validateEdgeTpuAccelerator({
      ...edgeTpuPresets["edgetpu-v1"],
      energy: { sramByCapacity: "yes", memoryInterface: "ddr9", leakage: true },
    })
    expect(issues.map((issue) => [issue.path, issue.value])).toEqual([
      ["energy.sramByCapacity", "yes"],
      ["energy.memoryInterface", "ddr9"],
    ])
    expect(issues[1]?.message).toContain("lpddr4")
  })

  it("a hierarchical accelerator's static power must be >= 0 and needs a clock", () => {
    const base = { kind: "hierarchical", name: "x", bytesPerElement: 1, macEnergyPj: 1, array: { x: 1, y: 1, macsPerPe: 1 } }
    const levels = [{ name: "DRAM", scope: "shared", readEnergyPj: 1, writeEnergyPj: 1, holds: ["weights", "inputs", "outputs"] }]
    const paths = (value: unknown) => validateHierarchicalAccelerator({ ...base, levels, ...(value as object) }).map((issue) => issue.path)
    expect(paths({ staticPowerW: -1, clockMhz: 100 })).toEqual(["staticPowerW"])
    expect(paths({ staticPowerW: 0.1 })).toEqual(["staticPowerW"])
    expect(paths({ staticPowerW: 0.1, clockMhz: 100 })).toEqual([])
  })
})

describe("Edge TPU static power", () => {
  it("counts every SRAM byte and MAC: edgetpu-v1 has 16 x 2 MiB of PE memory and 64 cores of 64 KiB + 16,384 x 8-byte instructions", () => {
    const v1 = edgeTpuPresets["edgetpu-v1"]
    const sram = 16 * 2048 * KiB + 64 * (64 * KiB + 16384 * 8)
    expect(edgeTpuSramBytes(v1)).toBe(sram)
    const glbPerByte = (leakOf("system_top_level.shared_glb") * 1e-12) / cycleSeconds / (16384 * 8)
    const mac = (leakOf("system_top_level.mac") * 1e-12) / cycleSeconds
    expect(edgeTpuLeakageWatts(v1)).toBeCloseTo(sram * glbPerByte + 4096 * mac, 12)
  })
})
