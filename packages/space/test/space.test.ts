import {
  canonicalKey,
  categorical,
  compileSpace,
  createRandom,
  defineSpace,
  describeSpace,
  float,
  InvalidSpaceError,
  integer,
  ordinal,
  when,
} from "@cosearch/space"
import { describe, expect, it } from "vitest"
import { chainSpace, constrainedSpace } from "./fixtures.js"

describe("defineSpace", () => {
  it("rejects invalid definitions, listing every problem with its path", () => {
    const define = () =>
      defineSpace({
        name: "bad",
        parameters: [
          ordinal("pe", []),
          integer("batch", 0, 64, { scale: "log" }),
          float("lr", 1, 0.1),
          ordinal("expand", [3, 6], { condition: when("block", "mbconv") }),
          categorical("pe", ["a"]),
        ],
      })
    expect(define).toThrow(InvalidSpaceError)
    expect(define).toThrow(
      [
        'space "bad" is invalid:',
        '  - parameters[0].values: parameter "pe" needs at least one value, got []',
        '  - parameters[1].low: parameter "batch" has a log scale, which needs low > 0, got 0',
        '  - parameters[2].low: parameter "lr" has low 1 greater than high 0.1',
        '  - parameters[4].name: duplicate parameter name "pe" (first declared at parameters[0])',
        '  - parameters[3].condition.parent: parameter "expand" is conditioned on unknown parameter "block"; the parameters are "pe", "batch", "lr", "expand"',
      ].join("\n"),
    )
  })

  it("rejects a parameter that is its own parent", () => {
    expect(() => defineSpace({ name: "self", parameters: [ordinal("a", [1, 2], { condition: when("a", 1) })] })).toThrow(
      'parameters[0].condition.parent: conditions form a cycle: "a" -> "a"',
    )
  })

  it("accepts children declared before their parents", () => {
    const space = defineSpace({
      name: "reversed",
      parameters: [ordinal("expand", [3, 6], { condition: when("block", "mbconv") }), categorical("block", ["conv", "mbconv"])],
    })
    expect(Array.from(compileSpace(space).order)).toEqual([1, 0])
  })

  it("returns frozen spaces, compiled once", () => {
    expect(Object.isFrozen(chainSpace)).toBe(true)
    expect(compileSpace(chainSpace)).toBe(compileSpace(chainSpace))
  })
})

describe("compileSpace", () => {
  it("weights parent values by the sub-configurations they activate", () => {
    // block: conv → kernel (3) = 3, mbconv → 3 × 3 × 3 = 27, skip → 1; of 31.
    const cumulative = compileSpace(chainSpace).cumulative[0]
    expect(cumulative?.[0]).toBeCloseTo(3 / 31, 12)
    expect(cumulative?.[1]).toBeCloseTo(30 / 31, 12)
    expect(cumulative?.[2]).toBe(1)
    // se: false → 1, true → se_ratio (2); of 3.
    expect(compileSpace(chainSpace).cumulative[3]?.[0]).toBeCloseTo(1 / 3, 12)
    // Leaves are uniform per value.
    expect(compileSpace(chainSpace).cumulative[1]).toBeUndefined()
  })
})

describe("canonicalKey", () => {
  it("lists name=value in declaration order, strings quoted, numbers in shortest form", () => {
    const config = { clock_ghz: 0.8, dataflow: "ws", glb_kib: 64, pe_y: 8, pe_x: 16 }
    expect(canonicalKey(constrainedSpace, config)).toBe('pe_x=16;pe_y=8;dataflow="ws";glb_kib=64;clock_ghz=0.8')
  })

  it("tells strings from numbers and booleans, and puts unknown names last, sorted", () => {
    expect(canonicalKey(chainSpace, { block: "skip", act: "relu" })).toBe('block="skip";act="relu"')
    expect(canonicalKey(constrainedSpace, { pe_x: "8" })).not.toBe(canonicalKey(constrainedSpace, { pe_x: 8 }))
    expect(canonicalKey(chainSpace, { zeta: true, block: "skip", alpha: "true" })).toBe('block="skip";"alpha"="true";"zeta"=true')
  })
})

describe("createRandom", () => {
  it("gives the same stream for the same seed and another for another seed", () => {
    const a = createRandom(42)
    const b = createRandom("42")
    const c = createRandom(43)
    const first = Array.from({ length: 5 }, a)
    expect(Array.from({ length: 5 }, b)).toEqual(first)
    expect(Array.from({ length: 5 }, c)).not.toEqual(first)
    for (const x of first) expect(x >= 0 && x < 1).toBe(true)
  })
})

describe("describeSpace", () => {
  it("summarizes parameters, constraints and the count", () => {
    expect(describeSpace(chainSpace)).toEqual({
      name: "chain",
      parameters: [
        { name: "block", kind: "categorical", domain: 'one of "conv", "mbconv", "skip"' },
        { name: "kernel", kind: "ordinal", domain: "one of 3, 5, 7", condition: 'when "block" is one of "conv", "mbconv"' },
        { name: "expand", kind: "ordinal", domain: "one of 3, 4, 6", condition: 'when "block" is one of "mbconv"' },
        { name: "se", kind: "boolean", domain: "true or false", condition: 'when "block" is one of "mbconv"' },
        { name: "se_ratio", kind: "ordinal", domain: "one of 0.25, 0.5", condition: 'when "se" is one of true' },
        { name: "act", kind: "categorical", domain: 'one of "relu", "hswish"' },
      ],
      constraints: [],
      cardinality: "62",
      vectorLength: 9,
    })
    const summary = describeSpace(constrainedSpace)
    expect(summary.cardinality).toBe("infinite")
    expect(summary.parameters[3]).toEqual({ name: "glb_kib", kind: "integer", domain: "an integer in [16, 512] (log scale)" })
    expect(summary.constraints).toEqual([
      { name: "pe-budget", description: "at most 256 PEs", form: "expression", expression: "pe_x * pe_y <= 256" },
      { name: "rs-square", description: "row-stationary arrays are square", form: "code" },
    ])
  })
})
