import {
  cpuPresets,
  edgeTpuPeakMacsPerSecond,
  eyerissRelativeEnergy,
  macEnergyPj45nm,
  mensaSystems,
  sramAccessEnergyPjPerByte,
  systemPreset,
  systemPresetNames,
  systemPresets,
  validateSystem,
} from "@cosearch/accelerator"
import { describe, expect, it } from "vitest"
import { templates } from "./templates.js"

describe("system presets", () => {
  it("every built-in system is valid", () => {
    for (const name of systemPresetNames) expect(validateSystem(systemPresets[name], templates), name).toEqual([])
  })

  it("mensa follows Mensa-G's shape: Pascal on chip with a 32x32 array, Pavlov 8x8 and Jacquard 16x16 near data", () => {
    const units = systemPresets.mensa.units
    expect(units.map((unit) => [unit.name, unit.kind, unit.nearData ?? false])).toEqual([
      ["pascal", "edgetpu", false],
      ["pavlov", "hierarchical", true],
      ["jacquard", "hierarchical", true],
    ])
    const [pascal, pavlov, jacquard] = units
    if (pascal?.kind !== "edgetpu" || pavlov?.kind !== "hierarchical" || jacquard?.kind !== "hierarchical") throw new Error("kinds")
    // 32 x 32 MACs at 800 MHz.
    expect(edgeTpuPeakMacsPerSecond(pascal.accelerator)).toBe(32 * 32 * 800e6)
    expect(pavlov.accelerator.array.x * pavlov.accelerator.array.y).toBe(64)
    expect(jacquard.accelerator.array.x * jacquard.accelerator.array.y).toBe(256)
    // Pavlov keeps no parameters on chip: its buffer holds activations only.
    expect(pavlov.accelerator.levels.filter((level) => !level.offChip && level.scope === "shared").flatMap((level) => level.holds)).toEqual(
      ["inputs", "outputs"],
    )
    // The baseline Edge TPU has 64 x 64 MACs and a 4 MiB parameter cache (16 PEs x 256 KiB).
    const [baseline] = systemPresets["mensa-edgetpu"].units
    if (baseline?.kind !== "edgetpu") throw new Error("kind")
    expect(edgeTpuPeakMacsPerSecond(baseline.accelerator)).toBe(64 * 64 * 800e6)
    const { peX, peY, peMemoryBytes } = baseline.accelerator.knobs
    expect(peX * peY * peMemoryBytes).toBe(4 * 1024 * 1024)
  })

  it("tpu-imac joins an Edge TPU and an IMAC unit by a direct link", () => {
    const system = systemPresets["tpu-imac"]
    expect(system.units.map((unit) => unit.kind)).toEqual(["edgetpu", "imac"])
    expect(system.links.map((link) => [link.from, link.to])).toEqual([["tpu", "imac"]])
  })

  it("systemPreset: built-ins, one-unit systems of clocked accelerator presets, undefined otherwise", () => {
    expect(systemPreset("mensa", templates)).toBe(systemPresets.mensa)
    expect(systemPreset("cortex-a53", templates)?.units).toEqual([
      { kind: "cpu", name: "cortex-a53", accelerator: cpuPresets["cortex-a53"] },
    ])
    expect(systemPreset("coral", templates)?.units[0]?.kind).toBe("edgetpu")
    expect(systemPreset("eyeriss-v1-like", templates)?.units[0]?.kind).toBe("hierarchical")
    // maestro-256pe has no clock, systolic presets neither: no system.
    expect(systemPreset("maestro-256pe", templates)).toBeUndefined()
    expect(systemPreset("systolic-32x32", templates)).toBeUndefined()
    expect(systemPreset("nope", templates)).toBeUndefined()
    for (const name of ["coral", "cortex-a53", "eyeriss-v1-like"])
      expect(validateSystem(systemPreset(name, templates), templates)).toEqual([])
  })
})

describe("mensaSystems: the Mensa presets under a choice of energy model", () => {
  it("with no scaling, the Eyeriss-relative energies (buffer 6x a MAC), no leakage; the presets are the full model", () => {
    const before = mensaSystems({ sramByCapacity: false, leakage: false })
    const mac = macEnergyPj45nm.int8
    for (const unit of before.mensa.units) {
      if (unit.kind === "hierarchical") {
        expect(unit.accelerator.staticPowerW).toBeUndefined()
        expect(unit.accelerator.levels.find((level) => level.name === "buffer")?.readEnergyPj).toBeCloseTo(
          eyerissRelativeEnergy.buffer * mac,
          12,
        )
      } else if (unit.kind === "edgetpu")
        expect(unit.accelerator.energy).toEqual({ sramByCapacity: false, memoryInterface: "lpddr4", leakage: false })
    }
    const jacquard = systemPresets.mensa.units.find((unit) => unit.name === "jacquard")
    if (jacquard?.kind !== "hierarchical") throw new Error("kind")
    expect(jacquard.accelerator.levels.find((level) => level.name === "buffer")?.readEnergyPj).toBe(sramAccessEnergyPjPerByte(128 * 1024))
    expect(jacquard.accelerator.staticPowerW).toBeGreaterThan(0)
    expect(systemPresets["mensa-edgetpu"]).toEqual(mensaSystems()["mensa-edgetpu"])
  })
})
