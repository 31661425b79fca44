import {
  type ConfigurationIssueKind,
  configurationToGenome,
  createRandom,
  encode,
  isFailure,
  mutate,
  validateConfiguration,
} from "@cosearch/space"
import { describe, expect, it } from "vitest"
import { chainSpace, constrainedSpace, mixedSpace } from "./fixtures.js"

const valid = { pe_x: 8, pe_y: 8, dataflow: "ws", glb_kib: 64, clock_ghz: 0.8 }
const chainValid = { block: "mbconv", kernel: 5, expand: 6, se: true, se_ratio: 0.25, act: "relu" }

const only = (space: typeof mixedSpace, config: Record<string, unknown>): { kind: ConfigurationIssueKind; message: string } => {
  const issues = validateConfiguration(space, config as never)
  expect(issues).toHaveLength(1)
  const [issue] = issues
  if (issue === undefined) throw new Error("no issue")
  return { kind: issue.kind, message: issue.message }
}

describe("validateConfiguration", () => {
  it("accepts valid configurations", () => {
    expect(validateConfiguration(constrainedSpace, valid)).toEqual([])
    expect(validateConfiguration(chainSpace, chainValid)).toEqual([])
  })

  it("names an unknown parameter and lists the known ones", () => {
    expect(only(constrainedSpace, { ...valid, pe_z: 4 })).toEqual({
      kind: "unknown-parameter",
      message: 'unknown parameter "pe_z"; the parameters of space "constrained" are "pe_x", "pe_y", "dataflow", "glb_kib", "clock_ghz"',
    })
  })

  it("names a missing active parameter and its values", () => {
    const { expand: _, ...missing } = chainValid
    expect(only(chainSpace, missing)).toEqual({
      kind: "missing-parameter",
      message: 'parameter "expand" is missing; it is active and takes one of 3, 4, 6',
    })
  })

  it("names an inactive parameter that is present, with its condition and the parent's value", () => {
    expect(only(chainSpace, { block: "conv", kernel: 3, act: "relu", expand: 3 })).toEqual({
      kind: "inactive-parameter",
      message:
        'parameter "expand" is inactive (it applies only when "block" is one of "mbconv"; "block" is "conv") but the configuration has it',
    })
    expect(only(chainSpace, { ...chainValid, se: false })).toEqual({
      kind: "inactive-parameter",
      message: 'parameter "se_ratio" is inactive (it applies only when "se" is one of true; "se" is false) but the configuration has it',
    })
  })

  it("does not pile up issues below a parent whose value is wrong", () => {
    const issues = validateConfiguration(chainSpace, { ...chainValid, block: "dense" })
    expect(issues.map((issue) => issue.message)).toEqual([
      'parameter "block": "dense" is not allowed; allowed: one of "conv", "mbconv", "skip"',
    ])
  })

  it("names a value that is not allowed, with the allowed values", () => {
    expect(only(constrainedSpace, { ...valid, pe_x: 5 })).toEqual({
      kind: "value-not-allowed",
      message: 'parameter "pe_x": 5 is not allowed; allowed: one of 2, 4, 8, 16, 32',
    })
    expect(only(constrainedSpace, { ...valid, pe_x: "8" })).toEqual({
      kind: "value-not-allowed",
      message: 'parameter "pe_x": "8" is not allowed; allowed: one of 2, 4, 8, 16, 32',
    })
    expect(only(mixedSpace, { ...sampleMixed(), double_buffer: "yes" })).toEqual({
      kind: "value-not-allowed",
      message: 'parameter "double_buffer": "yes" is not allowed; allowed: true or false',
    })
    expect(only(constrainedSpace, { ...valid, glb_kib: "64" })).toEqual({
      kind: "value-not-allowed",
      message: 'parameter "glb_kib": expected an integer in [16, 512] (log scale), got "64"',
    })
  })

  it("names a value out of range, with the range", () => {
    expect(only(constrainedSpace, { ...valid, glb_kib: 1024 })).toEqual({
      kind: "out-of-range",
      message: 'parameter "glb_kib": 1024 is out of range; allowed: an integer in [16, 512] (log scale)',
    })
    expect(only(constrainedSpace, { ...valid, clock_ghz: 1.5 })).toEqual({
      kind: "out-of-range",
      message: 'parameter "clock_ghz": 1.5 is out of range; allowed: a number in [0.2, 1.2]',
    })
  })

  it("names a non-integer value of an integer parameter", () => {
    expect(only(constrainedSpace, { ...valid, glb_kib: 64.5 })).toEqual({
      kind: "not-integer",
      message: 'parameter "glb_kib": 64.5 is not an integer; allowed: an integer in [16, 512] (log scale)',
    })
  })

  it("names each violated constraint with its formula or description", () => {
    expect(only(constrainedSpace, { ...valid, pe_x: 32, pe_y: 16 })).toEqual({
      kind: "constraint-violated",
      message: 'constraint "pe-budget" is violated: pe_x * pe_y <= 256 (at most 256 PEs)',
    })
    const issues = validateConfiguration(constrainedSpace, { ...valid, pe_x: 32, pe_y: 16, dataflow: "rs" })
    expect(issues.map((issue) => issue.constraint)).toEqual(["pe-budget", "rs-square"])
    expect(issues[1]?.message).toBe('constraint "rs-square" is violated (row-stationary arrays are square)')
  })

  it("is what operations given an invalid configuration return", () => {
    const bad = { ...valid, pe_x: 5 }
    for (const result of [configurationToGenome(constrainedSpace, bad), encode(constrainedSpace, bad)]) {
      expect(isFailure(result)).toBe(true)
      if (isFailure(result))
        expect(result.message).toBe('invalid configuration:\n  - parameter "pe_x": 5 is not allowed; allowed: one of 2, 4, 8, 16, 32')
    }
    const mutant = mutate(constrainedSpace, { ...valid, extra: 1 }, createRandom(1))
    expect(mutant.ok).toBe(false)
    if (!mutant.ok) expect(mutant.reason).toBe("invalid-configuration")
  })
})

function sampleMixed(): Record<string, unknown> {
  return { act: "relu", pe: 4, glb: "64KiB", depth: 2, batch: 1, dropout: 0, lr: 1e-3, double_buffer: true, single: 7 }
}
