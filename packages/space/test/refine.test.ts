import {
  cardinality,
  decodeSpaceJson,
  describeSpace,
  encodeSpaceJson,
  type Refinement,
  refineSpace,
  type Space,
  sampleMany,
  validateConfiguration,
  vectorLength,
} from "@cosearch/space"
import { Either } from "effect"
import { describe, expect, it } from "vitest"
import { chainSpace, conditionalConstraintSpace, constrainedSpace, mixedSpace } from "./fixtures.js"

const refined = (space: Space, refinement: Refinement): Space => {
  const result = refineSpace(space, refinement)
  if (!result.ok) throw new Error(result.message)
  return result.space
}

const refusal = (space: Space, refinement: Refinement): string => {
  const result = refineSpace(space, refinement)
  if (result.ok) throw new Error("expected the refinement to be refused")
  return result.message
}

describe("refineSpace: fix", () => {
  it("makes fixed knobs single-valued, of every kind", () => {
    const space = refined(mixedSpace, {
      fix: { act: "swish", pe: 16, glb: "128KiB", depth: 4, batch: 32, dropout: 0.1, lr: 0.01, double_buffer: true },
    })
    const samples = sampleMany(space, 50, 1)
    for (const config of samples) {
      expect(config).toEqual({
        act: "swish",
        pe: 16,
        glb: "128KiB",
        depth: 4,
        batch: 32,
        dropout: 0.1,
        lr: 0.01,
        double_buffer: true,
        single: 7,
      })
      expect(validateConfiguration(mixedSpace, config)).toEqual([])
    }
    expect(space.parameters.find((parameter) => parameter.name === "double_buffer")).toEqual({
      kind: "categorical",
      name: "double_buffer",
      values: [true],
    })
    expect(space.parameters.find((parameter) => parameter.name === "batch")).toEqual({
      kind: "integer",
      name: "batch",
      low: 32,
      high: 32,
      scale: "log",
    })
    expect(cardinality(space)).toBe(1n)
  })

  it("drops children that can no longer be active, and the constraint parts that refer to them", () => {
    const space = refined(conditionalConstraintSpace, { fix: { block: "conv" } })
    expect(space.parameters.map((parameter) => parameter.name)).toEqual(["block", "kernel", "se"])
    // small-expanded-kernel only referred to expand (now gone): dropped. no-se-on-conv stays.
    expect(describeSpace(space).constraints.map((constraint) => constraint.expression)).toEqual(['not (block == "conv") or not se'])
    expect(sampleMany(space, 100, 2).every((config) => config.se === false)).toBe(true)
  })

  it("drops a whole chain below a fixed parent (block → se → se_ratio)", () => {
    const space = refined(chainSpace, { fix: { block: "skip" } })
    expect(space.parameters.map((parameter) => parameter.name)).toEqual(["block", "act"])
    expect(cardinality(space)).toBe(2n)
  })

  it("errors name the parameter and the allowed values", () => {
    expect(refusal(constrainedSpace, { fix: { pe_x: 12 } })).toBe(
      'fix.pe_x: parameter "pe_x" cannot be fixed to 12; allowed: one of 2, 4, 8, 16, 32',
    )
    expect(refusal(constrainedSpace, { fix: { glb_kib: 1000 } })).toBe(
      'fix.glb_kib: parameter "glb_kib" cannot be fixed to 1000; allowed: an integer in [16, 512] (log scale)',
    )
    expect(refusal(constrainedSpace, { fix: { glb_kib: 20.5 } })).toBe(
      'fix.glb_kib: parameter "glb_kib" cannot be fixed to 20.5; allowed: an integer in [16, 512] (log scale)',
    )
    expect(refusal(mixedSpace, { fix: { double_buffer: 1 } })).toBe(
      'fix.double_buffer: parameter "double_buffer" cannot be fixed to 1; allowed: true or false',
    )
    expect(refusal(constrainedSpace, { fix: { pe_z: 4 } })).toBe(
      'fix.pe_z: unknown parameter "pe_z"; the parameters of space "constrained" are "pe_x", "pe_y", "dataflow", "glb_kib", "clock_ghz"',
    )
    expect(refusal(constrainedSpace, { fix: { pe_x: 4 }, narrow: { pe_x: [4, 8] } })).toBe(
      'narrow.pe_x: parameter "pe_x" is both fixed and narrowed; keep one',
    )
  })
})

describe("refineSpace: narrow", () => {
  it("keeps listed values in their original order, and sub-ranges", () => {
    const space = refined(constrainedSpace, {
      narrow: { pe_x: [16, 4], glb_kib: { low: 32, high: 128 }, clock_ghz: { low: 0.5, high: 0.6 } },
    })
    expect(space.parameters[0]).toEqual({ kind: "ordinal", name: "pe_x", values: [4, 16] })
    expect(space.parameters[3]).toEqual({ kind: "integer", name: "glb_kib", low: 32, high: 128, scale: "log" })
    for (const config of sampleMany(space, 300, 3)) {
      expect([4, 16]).toContain(config.pe_x)
      expect(config.glb_kib).toBeGreaterThanOrEqual(32)
      expect(config.glb_kib).toBeLessThanOrEqual(128)
      expect(validateConfiguration(constrainedSpace, config)).toEqual([])
    }
    expect(space.constraints.map((constraint) => constraint.name)).toEqual(["pe-budget", "rs-square"])
  })

  it("narrows a parent's values and the conditions that name them", () => {
    const space = refined(chainSpace, { narrow: { block: ["conv", "skip"] } })
    expect(space.parameters.map((parameter) => parameter.name)).toEqual(["block", "kernel", "act"])
    expect(space.parameters[1]?.condition).toEqual({ parent: "block", in: ["conv"] })
    expect(cardinality(space)).toBe(2n * (3n + 1n))
    expect(vectorLength(space)).toBe(2 + 1 + 2)
  })

  it("refined spaces have a JSON form that decodes to the same space", () => {
    const space = refined(conditionalConstraintSpace, { narrow: { kernel: [3, 5] } })
    const back = decodeSpaceJson(JSON.parse(JSON.stringify(encodeSpaceJson(space))))
    expect(Either.isRight(back) && back.right.parameters).toEqual(space.parameters)
  })

  it("errors name the parameter and the allowed values", () => {
    expect(refusal(constrainedSpace, { narrow: { pe_x: [4, 6] } })).toBe(
      'narrow.pe_x[1]: parameter "pe_x": 6 is not allowed; allowed: one of 2, 4, 8, 16, 32',
    )
    expect(refusal(constrainedSpace, { narrow: { pe_x: [] } })).toBe(
      'narrow.pe_x: parameter "pe_x" needs at least one value; allowed: one of 2, 4, 8, 16, 32',
    )
    expect(refusal(constrainedSpace, { narrow: { pe_x: { low: 2, high: 8 } } })).toBe(
      'narrow.pe_x: parameter "pe_x" is narrowed by a list of its values (one of 2, 4, 8, 16, 32), got {"low":2,"high":8}',
    )
    expect(refusal(constrainedSpace, { narrow: { glb_kib: { low: 8, high: 64 } } })).toBe(
      'narrow.glb_kib: parameter "glb_kib" is narrowed by { low, high } with low <= high inside its range (an integer in [16, 512] (log scale)), got {"low":8,"high":64}',
    )
    expect(refusal(constrainedSpace, { narrow: { clock_ghz: { low: 0.9, high: 0.5 } } })).toBe(
      'narrow.clock_ghz: parameter "clock_ghz" is narrowed by { low, high } with low <= high inside its range (a number in [0.2, 1.2]), got {"low":0.9,"high":0.5}',
    )
  })
})
