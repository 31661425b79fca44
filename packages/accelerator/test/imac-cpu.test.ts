import {
  cpuPeakOpsPerSecond,
  cpuPreset,
  cpuPresets,
  defaultImacAccelerator,
  imacArea,
  isValidCpuAccelerator,
  isValidImacAccelerator,
  validateCpuAccelerator,
  validateImacAccelerator,
} from "@cosearch/accelerator"
import { describe, expect, it } from "vitest"

describe("IMAC template", () => {
  it("defaults: 128x128 crossbars, ternary weights (1 magnitude bit), binary inputs, and it is valid", () => {
    expect(defaultImacAccelerator).toMatchObject({ crossbarRows: 128, crossbarColumns: 128, weightBits: 1, inputBits: 1 })
    expect(validateImacAccelerator(defaultImacAccelerator)).toEqual([])
    expect(isValidImacAccelerator(defaultImacAccelerator)).toBe(true)
  })

  it("area: 2 devices per row and column of every crossbar at 4F² (45 nm), plus one ADC per crossbar (hand-derived)", () => {
    // 2 crossbars of 4x3: 2 x 4 x 3 x 2 = 48 devices x 0.0081 µm² = 0.3888 µm²; ADCs 2 x 1200 µm².
    const area = imacArea({ ...defaultImacAccelerator, crossbarRows: 4, crossbarColumns: 3, crossbarCount: 2 })
    expect(area.crossbarsMm2).toBeCloseTo(0.3888e-6, 15)
    expect(area.adcsMm2).toBeCloseTo(2400e-6, 15)
    expect(area.totalMm2).toBeCloseTo(0.3888e-6 + 2400e-6, 15)
  })

  it("validation names each bad field and its value", () => {
    expect(validateImacAccelerator(42)).toEqual([
      { path: "(root)", value: 42, message: "(root) 42 is not an IMAC unit: expected an object with kind, crossbarRows, crossbarColumns" },
    ])
    const issues = validateImacAccelerator({
      ...defaultImacAccelerator,
      kind: "cpu",
      name: "",
      crossbarRows: 0,
      weightBits: 1.5,
      clockHz: 0,
      adcEnergyPj: -1,
    })
    expect(issues.map((issue) => issue.message)).toEqual([
      'kind "cpu" must be "imac"',
      'name "" must be a non-empty string',
      "crossbarRows 0 must be a positive integer",
      "weightBits 1.5 must be a positive integer",
      "clockHz 0 must be a positive number",
      "adcEnergyPj -1 must be a finite number >= 0",
    ])
  })
})

describe("CPU template", () => {
  it("cortex-a53: the Raspberry Pi 3's 4 cores at 1.2 GHz, 128-bit NEON (16 int8 lanes), 512 KiB L2; valid", () => {
    const a53 = cpuPresets["cortex-a53"]
    expect(a53).toMatchObject({ cores: 4, clockHz: 1.2e9, simdBytes: 16, precision: "int8", l2Bytes: 512 * 1024 })
    // 4 cores x 16 lanes x 1.2e9 = 7.68e10 operations per second.
    expect(cpuPeakOpsPerSecond(a53)).toBe(7.68e10)
    // 70 pJ instruction / 16 lanes + 0.3 pJ MAC; 200 x 0.3 pJ per DRAM byte.
    expect(a53.energyPerOpPj).toBeCloseTo(4.675, 12)
    expect(a53.dramEnergyPjPerByte).toBeCloseTo(60, 12)
    expect(validateCpuAccelerator(a53)).toEqual([])
    expect(cpuPreset("cortex-a53")).toBe(a53)
    expect(cpuPreset("toString")).toBeUndefined()
  })

  it("fp32 has a quarter of the lanes", () => {
    expect(cpuPeakOpsPerSecond({ ...cpuPresets["cortex-a53"], precision: "fp32" })).toBe(4 * 4 * 1.2e9)
  })

  it("validation names each bad field and its value", () => {
    const a53 = cpuPresets["cortex-a53"]
    expect(validateCpuAccelerator(null).map((issue) => issue.path)).toEqual(["(root)"])
    expect(
      validateCpuAccelerator({
        ...a53,
        cores: 0,
        dramBytesPerSecond: -1,
        staticPowerW: Number.NaN,
        precision: "int16",
        efficiency: { ...a53.efficiency, conv: 0 },
      }).map((issue) => issue.message),
    ).toEqual([
      "cores 0 must be a positive integer",
      "dramBytesPerSecond -1 must be a positive number",
      "staticPowerW NaN must be a finite number >= 0",
      'precision "int16" must be "int8" or "fp32"',
      "efficiency.conv 0 must be a positive number",
    ])
    expect(validateCpuAccelerator({ ...a53, precision: "fp32", simdBytes: 2 }).map((issue) => issue.message)).toEqual([
      "simdBytes 2 must hold at least one fp32 element (4 bytes)",
    ])
    expect(validateCpuAccelerator({ ...a53, efficiency: [] }).map((issue) => issue.path)).toEqual(["efficiency"])
    expect(isValidCpuAccelerator({ ...a53, kind: "imac" })).toBe(false)
  })
})
