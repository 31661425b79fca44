import {
  cpuPresets,
  edgeTpuArea,
  edgeTpuPresets,
  imacTemplate,
  isUnitOf,
  lpddr4HostPath,
  presetNamesOf,
  presetUnitOf,
  resolveSystem,
  systolicPresets,
  systolicTemplate,
  templateOf,
  validateSystem,
} from "@cosearch/accelerator"
import { sampleMany } from "@cosearch/space"
import { describe, expect, it } from "vitest"
import { templates } from "./templates.js"

describe("accelerator templates", () => {
  it("have distinct kinds and preset names, and every preset is valid", () => {
    expect(templates.map((template) => template.kind)).toEqual(["edgetpu", "hierarchical", "systolic", "imac", "cpu"])
    const names = presetNamesOf(templates)
    expect(new Set(names).size).toBe(names.length)
    for (const template of templates)
      for (const [name, preset] of Object.entries(template.presets)) expect(template.validate(preset), name).toEqual([])
  })

  it("decode every knob space's configurations to valid units of their kind", () => {
    const spaces = templates.flatMap((template) => template.knobs.map((knobs) => [template, knobs] as const))
    expect(spaces.map(([, knobs]) => knobs.name)).toEqual(["edgetpu-knobs", "apollo-edgetpu-knobs", "systolic-knobs", "imac-knobs"])
    for (const [template, knobs] of spaces)
      for (const configuration of sampleMany(knobs.space, 20, `templates-${knobs.name}`)) {
        const unit = knobs.decode(configuration)
        expect(unit.kind).toBe(template.kind)
        expect(template.validate(unit.accelerator), knobs.name).toEqual([])
      }
  })

  it("name a unit's kind, area model and document form", () => {
    const coral = presetUnitOf(templates, "coral")
    expect(coral).toEqual({ kind: "edgetpu", name: "coral", accelerator: edgeTpuPresets.coral })
    expect(templateOf(templates, "edgetpu")?.area(edgeTpuPresets.coral)).toBe(edgeTpuArea(edgeTpuPresets.coral).totalMm2)
    expect(templateOf(templates, "cpu")?.area(cpuPresets["cortex-a53"])).toBeNull()
    if (coral === undefined) throw new Error("coral")
    expect(isUnitOf(imacTemplate, coral)).toBe(false)
    // A systolic document carries its kind; the array does not.
    const document = { kind: "systolic", ...systolicPresets["systolic-32x32"] }
    expect(systolicTemplate.validate(document)).toEqual([])
    expect(systolicTemplate.fromDocument(document)).toEqual(systolicPresets["systolic-32x32"])
    expect(systolicTemplate.validate({ ...document, rows: 0 })[0]).toMatchObject({ path: "rows", value: 0 })
  })

  it("read SCALE-Sim .cfg files through the systolic kind's reader", () => {
    const reader = systolicTemplate.readers.find((candidate) => candidate.extension === ".cfg")
    const text =
      "[general]\nrun_name = t\n\n[architecture_presets]\nArrayHeight: 16\nArrayWidth: 8\nIfmapSramSzkB: 64\nFilterSramSzkB: 64\nOfmapSramSzkB: 64\nDataflow: ws\n\n[run_presets]\nInterfaceBandwidth: CALC\n"
    const read = reader?.read(text)
    expect(read?.ok && read.accelerator).toMatchObject({ rows: 16, columns: 8, dataflow: "ws" })
    const bad = reader?.read(text.replace("16", "0"))
    expect(bad?.ok === false && bad.errors[0]).toContain("ArrayHeight")
  })
})

describe("systems with preset units", () => {
  const imac = { kind: "imac", name: "imac", accelerator: imacTemplate.presets.imac }
  const document = {
    name: "pair",
    units: [{ name: "a53", preset: "cortex-a53", nearData: true }, imac],
    links: [],
    hostPath: lpddr4HostPath,
  }

  it("accepts a unit naming a preset that can be a unit, and spells it out", () => {
    expect(validateSystem(document, templates)).toEqual([])
    const read = resolveSystem(document, templates)
    if (!read.ok) throw new Error("invalid")
    expect(read.system.units).toEqual([{ kind: "cpu", name: "a53", accelerator: cpuPresets["cortex-a53"], nearData: true }, imac])
  })

  it("names the path of an unknown preset, a preset without a clock and a unit naming its accelerator twice", () => {
    const issues = validateSystem(
      {
        ...document,
        units: [
          { name: "a", preset: "tpu-v9" },
          { name: "b", preset: "maestro-256pe" },
          { name: "c", preset: "coral", kind: "edgetpu" },
        ],
      },
      templates,
    )
    expect(issues.map((issue) => issue.path)).toEqual(["units[0].preset", "units[1].preset", "units[2].preset"])
    expect(issues[0]?.message).toMatch(/^units\[0\]\.preset "tpu-v9" is not an accelerator preset; known: edgetpu-v1, /)
    expect(issues[1]?.message).toBe(
      'units[1].preset "maestro-256pe" cannot be a unit of a system: its clockMhz undefined must be a positive number of MHz to turn cycles into seconds',
    )
    expect(issues[2]?.message).toBe('units[2].preset "coral" names the accelerator: give either preset, or kind and accelerator')
    expect(resolveSystem({ ...document, units: [{ name: "a", preset: "tpu-v9" }] }, templates).ok).toBe(false)
  })
})
