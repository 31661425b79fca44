import { eyerissV1Like, type HierarchicalAccelerator, maestro256Pe } from "@cosearch/accelerator"
import {
  type Mapping,
  readTimeloopSpec,
  timeloopArchitectureYaml,
  timeloopErtYaml,
  timeloopMappingYaml,
  timeloopProblemYaml,
  timeloopSpecYaml,
} from "@cosearch/cost"
import type { LoopNest } from "@cosearch/network"
import { describe, expect, it } from "vitest"
import { timeloopRuns } from "./timeloop-runs.js"

// Import → export → import gives the same objects: on the two shipped Timeloop runs (accelerator,
// problem and mapping) and on the hierarchical presets (accelerators alone).

const reread = (input: { accelerator: HierarchicalAccelerator; nest?: LoopNest; mapping?: Mapping }) => {
  const yaml = timeloopSpecYaml(input)
  const ert = timeloopErtYaml(input.accelerator)
  if (!yaml.ok) throw new Error(yaml.errors.join("\n"))
  if (!ert.ok) throw new Error(ert.errors.join("\n"))
  const read = readTimeloopSpec({ yaml: yaml.text, ert: ert.text })
  if (!read.ok) throw new Error(read.errors.join("\n"))
  return read.spec
}

describe.each(timeloopRuns().map((run) => [run.name, run] as const))("a round trip of %s", (_name, run) => {
  it("reads back the accelerator, the nest and the mapping it wrote", () => {
    const { accelerator, nest, mapping } = run.spec
    const again = reread({ accelerator, nest, mapping })
    expect(again.accelerator).toStrictEqual(accelerator)
    expect(again.nest).toStrictEqual(nest)
    expect(again.mapping).toStrictEqual(mapping)
  })

  it("reads the parts written apart (architecture, problem, mapping files) as one description", () => {
    const { accelerator, nest, mapping } = run.spec
    const parts = [timeloopArchitectureYaml(accelerator), timeloopProblemYaml(nest), timeloopMappingYaml(mapping, accelerator, nest)]
    const ert = timeloopErtYaml(accelerator)
    const texts = parts.map((part, i) => {
      if (!part.ok) throw new Error(part.errors.join("\n"))
      return { name: ["arch.yaml", "problem.yaml", "mapping.yaml"][i] ?? "", text: part.text }
    })
    const read = readTimeloopSpec({ yaml: texts, ...(ert.ok ? { ert: ert.text } : {}) })
    expect(read.ok && read.spec.accelerator).toStrictEqual(accelerator)
    expect(read.ok && read.spec.nest).toStrictEqual(nest)
    expect(read.ok && read.spec.mapping).toStrictEqual(mapping)
  })
})

describe.each([
  ["eyeriss-v1-like", eyerissV1Like],
  ["maestro-256pe", maestro256Pe],
])("a round trip of the %s preset", (_name, preset) => {
  it("reads back the same accelerator", () => {
    expect(reread({ accelerator: preset }).accelerator).toStrictEqual(preset)
  })

  it("keeps what Timeloop has no word for in cosearch_* attributes, and Timeloop's own words for the rest", () => {
    const written = timeloopArchitectureYaml(preset)
    expect(written.ok).toBe(true)
    const text = written.ok ? written.text : ""
    expect(text).toContain(`cosearch_name: ${preset.name}`)
    expect(text).toContain(`meshX: ${preset.array.x}`)
    expect(text).toContain(`meshY: ${preset.array.y}`)
    expect(text).toContain(`[1..${preset.array.x * preset.array.y}]`)
  })
})

describe("the writers refuse what Timeloop cannot describe", () => {
  it("PEs with several MACs", () => {
    const written = timeloopArchitectureYaml({ ...maestro256Pe, array: { ...maestro256Pe.array, macsPerPe: 4 } })
    expect(written.ok).toBe(false)
    expect(!written.ok && written.errors[0]).toMatch(/^array\.macsPerPe: /)
  })

  it("a capacity that is not a whole number of elements", () => {
    const [dram, glb, ...rest] = eyerissV1Like.levels
    if (dram === undefined || glb === undefined) throw new Error("levels expected")
    const written = timeloopArchitectureYaml({ ...eyerissV1Like, levels: [dram, { ...glb, capacityBytes: 1001 }, ...rest] })
    expect(!written.ok && written.errors).toEqual(["levels[1].capacityBytes: 1001 is not a whole number of 2-byte elements"])
  })

  it("a dimension spread over both X and Y", () => {
    const mapping: Mapping = {
      levels: [
        { factors: {}, order: [] },
        { factors: {}, order: [] },
        { factors: {}, order: [] },
      ],
      spatial: { x: { K: 2 }, y: { K: 2 } },
    }
    const written = timeloopMappingYaml(mapping, maestro256Pe)
    expect(!written.ok && written.errors[0]).toMatch(/^spatial: K spread over both X and Y/)
  })

  it("a nest that is not a multiply-accumulate nest", () => {
    const [run] = timeloopRuns()
    if (run === undefined) throw new Error("a run expected")
    const written = timeloopProblemYaml({ ...run.spec.nest, kind: "pool", op: "maxpool" })
    expect(!written.ok && written.errors[0]).toMatch(/^kind: /)
  })
})
