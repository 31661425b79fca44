import {
  cpuPresets,
  defaultImacAccelerator,
  edgeTpuPresets,
  imacFromKnobs,
  imacKnobs,
  imacKnobsOf,
  lpddr4HostPath,
  nearDataEdgeTpuKnobs,
  nearDataEdgeTpuKnobsOf,
  onChipLink,
  stackedNearDataPath,
  systemArea,
  systemFromSlots,
  systolicPresets,
  validateSystem,
} from "@cosearch/accelerator"
import { cardinality } from "@cosearch/space"
import { describe, expect, it } from "vitest"
import { templates } from "./templates.js"

const compute = edgeTpuPresets["edgetpu-v2"].knobs
const nearData = nearDataEdgeTpuKnobsOf(
  { pe_x: 2, pe_y: 1, cores_per_pe: 2, compute_lanes: 16, pe_memory: 512 * 1024, parameter_memory: 32 * 1024 },
  stackedNearDataPath.bandwidthBytesPerSecond,
)

describe("the slot knob spaces", () => {
  it("have the stated sizes and decode to the template's fields", () => {
    expect(cardinality(imacKnobs)).toBe(18n)
    expect(cardinality(nearDataEdgeTpuKnobs)).toBe(3n * 3n * 3n * 4n * 4n * 4n)
    const imac = imacFromKnobs(imacKnobsOf({ crossbar_size: 256, crossbar_count: 32 }))
    expect(imac).toEqual({ ...defaultImacAccelerator, name: "imac-32x256", crossbarRows: 256, crossbarColumns: 256, crossbarCount: 32 })
    const { peX, peY, coresPerPe, computeLanes, ioBandwidthBytesPerSecond } = nearData
    expect([peX, peY, coresPerPe, computeLanes, ioBandwidthBytesPerSecond]).toEqual([2, 1, 2, 16, 102.4e9])
    const { peMemoryBytes, parameterMemoryBytes, coreMemoryBytes, activationMemoryBytes, instructionMemoryEntries } = nearData
    expect([peMemoryBytes, parameterMemoryBytes, coreMemoryBytes, activationMemoryBytes]).toEqual([512, 32, 32, 16].map((k) => k * 1024))
    expect(instructionMemoryEntries).toBe(4096)
  })
})

describe("systemFromSlots", () => {
  it("builds a valid system of the present slots, linking compute and IMAC on chip", () => {
    const built = systemFromSlots({ compute, nearData, imac: { crossbarSize: 128, crossbarCount: 64 } })
    if (!built.ok) throw new Error(built.reason)
    const { system } = built
    expect(validateSystem(system, templates)).toEqual([])
    expect(system.units.map((unit) => [unit.kind, unit.name, unit.nearData ?? false])).toEqual([
      ["edgetpu", "compute", false],
      ["edgetpu", "near-data", true],
      ["imac", "imac", false],
    ])
    expect(system.links).toEqual([{ from: "compute", to: "imac", ...onChipLink }])
    expect(onChipLink.energyPjPerByte).toBeCloseTo(6 * 0.3, 12)
    expect(system.hostPath).toBe(lpddr4HostPath)
    expect(system.nearDataPath).toBe(stackedNearDataPath)
  })

  it("has no link without both on-chip units, and no system without a slot", () => {
    const pair = systemFromSlots({ nearData, imac: { crossbarSize: 64, crossbarCount: 16 } })
    expect(pair.ok && pair.system.links).toEqual([])
    const none = systemFromSlots({})
    expect(none).toEqual({ ok: false, reason: "no slot is present: a system needs at least one unit", issues: [] })
  })

  it("reports an invalid unit by its path instead of throwing", () => {
    const built = systemFromSlots({ imac: { crossbarSize: 0, crossbarCount: 16 } })
    expect(built.ok).toBe(false)
    if (!built.ok)
      expect(built.issues.map((issue) => issue.path)).toEqual(["units[0].accelerator.crossbarRows", "units[0].accelerator.crossbarColumns"])
  })
})

describe("systemArea", () => {
  it("sums each unit's area, by the 45 nm constants, and leaves the CPU out", () => {
    const built = systemFromSlots({ compute, imac: { crossbarSize: 128, crossbarCount: 64 } })
    if (!built.ok) throw new Error(built.reason)
    const array = { ...systolicPresets["systolic-32x32"], clockMhz: 200 }
    const system = {
      ...built.system,
      units: [
        ...built.system.units,
        { kind: "systolic" as const, name: "array", accelerator: array },
        { kind: "cpu" as const, name: "a53", accelerator: cpuPresets["cortex-a53"] },
      ],
    }
    // By hand: int8 MAC 419 µm², SRAM 9.72 µm²/byte; IMAC 2 devices a cell at 4 x 0.045² µm², 1,200 µm² an ADC.
    const k = compute
    const cores = k.peX * k.peY * k.coresPerPe
    const sramBytes =
      k.peX * k.peY * k.peMemoryBytes +
      cores * (k.coreMemoryBytes + k.parameterMemoryBytes + k.activationMemoryBytes + 8 * k.instructionMemoryEntries)
    const edgeTpu = (cores * k.computeLanes * 419 + sramBytes * 9.72) / 1e6
    const imac = (64 * 128 * 128 * 2 * 4 * 0.045 ** 2 + 64 * 1200) / 1e6
    const systolic = (32 * 32 * 419 + (array.ifmapSramBytes + array.filterSramBytes + array.ofmapSramBytes) * 9.72) / 1e6
    const area = systemArea(system, templates)
    expect(area.units.map((unit) => unit.areaMm2)).toEqual([
      expect.closeTo(edgeTpu, 9),
      expect.closeTo(imac, 9),
      expect.closeTo(systolic, 9),
      null,
    ])
    expect(area.totalMm2).toBeCloseTo(edgeTpu + imac + systolic, 9)
    expect(area.unmodeled).toEqual(["a53"])
  })
})
