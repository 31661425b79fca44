import {
  decodeSpaceJson,
  describeSpace,
  encodeSpaceJson,
  formatSpaceIssues,
  type Space,
  sampleMany,
  validateConfiguration,
} from "@cosearch/space"
import { Either } from "effect"
import { describe, expect, it } from "vitest"
import { chainSpace, conditionalConstraintSpace, constrainedSpace, jointSpace, mixedSpace } from "./fixtures.js"

const decoded = (input: unknown): Space => {
  const result = decodeSpaceJson(input)
  if (Either.isLeft(result)) throw new Error(formatSpaceIssues(result.left))
  return result.right
}

/** The formatted issues of a rejected file. */
const failure = (input: unknown): string => {
  const result = decodeSpaceJson(input)
  if (Either.isRight(result)) throw new Error(`expected ${JSON.stringify(input)} to be rejected`)
  return formatSpaceIssues(result.left)
}

const file = (parameters: unknown[], constraints?: unknown[]) => ({
  name: "file",
  parameters,
  ...(constraints === undefined ? {} : { constraints }),
})
const pe = { name: "pe_x", kind: "ordinal", values: [4, 8, 16] }

describe("space JSON round trip", () => {
  it.each([mixedSpace, chainSpace, conditionalConstraintSpace, jointSpace])(
    "$name survives encode, stringify, parse and decode",
    (space) => {
      const json = JSON.parse(JSON.stringify(encodeSpaceJson(space)))
      const back = decoded(json)
      expect(back.parameters).toEqual(space.parameters)
      expect(encodeSpaceJson(back)).toEqual(json)
      expect(describeSpace(back)).toEqual({
        ...describeSpace(space),
        constraints: describeSpace(space).constraints.filter((constraint) => constraint.form === "expression"),
      })
      // Decoded constraints behave like the originals on their own samples (code constraints are not carried).
      const codeOnly = new Set(
        space.constraints.filter((constraint) => constraint.expression === undefined).map((constraint) => constraint.name),
      )
      for (const config of sampleMany(back, 200, 1)) {
        const issues = validateConfiguration(space, config).filter((issue) => !codeOnly.has(issue.constraint ?? ""))
        expect(issues).toEqual([])
      }
    },
  )

  it("leaves out constraints written as code", () => {
    const json = encodeSpaceJson(constrainedSpace)
    expect(json.constraints?.map((constraint) => constraint.name)).toEqual(["pe-budget"])
    expect(json.constraints?.[0]).toEqual({
      name: "pe-budget",
      description: "at most 256 PEs",
      expression: { op: "<=", args: [{ op: "*", args: [{ param: "pe_x" }, { param: "pe_y" }] }, 256] },
    })
  })

  it("defaults scale to linear and description of constraints to empty", () => {
    const space = decoded(
      file([{ name: "depth", kind: "integer", low: 1, high: 4 }], [{ name: "c", expression: { op: "<=", args: [{ param: "depth" }, 3] } }]),
    )
    expect(space.parameters[0]).toEqual({ name: "depth", kind: "integer", low: 1, high: 4, scale: "linear" })
    expect(space.constraints[0]?.description).toBe("")
    expect(space.constraints[0]?.check({ depth: 4 })).toBe(false)
  })
})

describe("malformed space JSON: each problem names its path and the bad value", () => {
  it("a document that is not an object", () => {
    expect(failure([1, 2])).toBe('(root): expected a space object { "name", "parameters", "constraints"? }, got [1,2]')
  })

  it("a wrong name and a parameters field that is not a list", () => {
    expect(failure({ name: 3, parameters: {} })).toBe(
      "name: expected a non-empty string, got 3\nparameters: expected a list of parameters, got {}",
    )
  })

  it("an unknown kind", () => {
    expect(failure(file([{ name: "a", kind: "set", values: [1] }]))).toBe(
      'parameters[0].kind: expected "categorical" or "ordinal" or "integer" or "float" or "boolean", got "set" (parameter "a")',
    )
  })

  it("values that are not a list, and a bad value inside one", () => {
    expect(failure(file([{ ...pe, values: "4,8" }]))).toBe('parameters[0].values: expected a list of values, got "4,8" (parameter "pe_x")')
    expect(failure(file([{ ...pe, values: [4, true] }]))).toBe(
      'parameters[0].values[1]: expected a string or a finite number, got true (parameter "pe_x")',
    )
    expect(failure(file([{ name: "c", kind: "categorical", values: ["a", null] }]))).toBe(
      'parameters[0].values[1]: expected a string, a finite number or a boolean, got null (parameter "c")',
    )
  })

  it("an empty value list and a repeated value", () => {
    expect(failure(file([{ ...pe, values: [] }]))).toBe('parameters[0].values: parameter "pe_x" needs at least one value, got []')
    expect(failure(file([{ ...pe, values: [4, 8, 4] }]))).toBe(
      'parameters[0].values[2]: parameter "pe_x" lists 4 twice (also at values[0])',
    )
  })

  it("a missing field and an unknown field", () => {
    expect(failure(file([{ kind: "boolean" }]))).toBe("parameters[0].name: is missing")
    expect(failure(file([{ ...pe, step: 2 }]))).toBe(
      'parameters[0].step: is unexpected, expected: "name" | "kind" | "values" | "condition" | "description" (parameter "pe_x")',
    )
  })

  it("a non-integer bound of an integer range, a bad scale", () => {
    expect(failure(file([{ name: "d", kind: "integer", low: 1.5, high: 4 }]))).toBe(
      'parameters[0].low: expected an integer, got 1.5 (parameter "d")',
    )
    expect(failure(file([{ name: "d", kind: "float", low: 1, high: 4, scale: "exp" }]))).toBe(
      'parameters[0].scale: expected "linear" or "log", got "exp" (parameter "d")',
    )
  })

  it("low greater than high, and a log range with low <= 0", () => {
    expect(failure(file([pe, { name: "lr", kind: "float", low: 0.1, high: 0.01 }]))).toBe(
      'parameters[1].low: parameter "lr" has low 0.1 greater than high 0.01',
    )
    expect(failure(file([{ name: "batch", kind: "integer", low: 0, high: 64, scale: "log" }]))).toBe(
      'parameters[0].low: parameter "batch" has a log scale, which needs low > 0, got 0',
    )
  })

  it("duplicate parameter names", () => {
    expect(failure(file([pe, { name: "pe_x", kind: "boolean" }]))).toBe(
      'parameters[1].name: duplicate parameter name "pe_x" (first declared at parameters[0])',
    )
  })

  it("an unknown condition parent, a parent that cannot be one, and a value the parent lacks", () => {
    expect(failure(file([pe, { name: "se", kind: "boolean", condition: { parent: "block", in: ["mbconv"] } }]))).toBe(
      'parameters[1].condition.parent: parameter "se" is conditioned on unknown parameter "block"; the parameters are "pe_x", "se"',
    )
    expect(
      failure(
        file([
          { name: "lr", kind: "float", low: 0, high: 1 },
          { name: "se", kind: "boolean", condition: { parent: "lr", in: [0.5] } },
        ]),
      ),
    ).toBe(
      'parameters[1].condition.parent: parameter "se" is conditioned on "lr", a float parameter; a parent must be categorical, ordinal or boolean',
    )
    expect(failure(file([pe, { name: "se", kind: "boolean", condition: { parent: "pe_x", in: [8, 12] } }]))).toBe(
      'parameters[1].condition.in[1]: 12 is not a value of "pe_x"; its values are 4, 8, 16',
    )
    expect(failure(file([pe, { name: "se", kind: "boolean", condition: { parent: "pe_x", in: [] } }]))).toBe(
      'parameters[1].condition.in: parameter "se" needs at least one value of "pe_x" to be active in',
    )
  })

  it("a cycle of conditions", () => {
    const cyclic = file([
      { name: "a", kind: "boolean", condition: { parent: "c", in: [true] } },
      { name: "b", kind: "boolean", condition: { parent: "a", in: [true] } },
      { name: "c", kind: "boolean", condition: { parent: "b", in: [false] } },
    ])
    expect(failure(cyclic)).toBe('parameters[0].condition.parent: conditions form a cycle: "a" -> "c" -> "b" -> "a"')
  })

  it("a constraint referring to an unknown parameter", () => {
    expect(
      failure(
        file([pe], [{ name: "budget", expression: { op: "<=", args: [{ op: "*", args: [{ param: "pe_x" }, { param: "pe_y" }] }, 64] } }]),
      ),
    ).toBe('constraints[0].expression.args[0].args[1].param: unknown parameter "pe_y"; the parameters are "pe_x"')
  })

  it("malformed expressions: unknown operator, wrong arity, not an expression node, an unknown field", () => {
    expect(failure(file([pe], [{ name: "c", expression: { op: "=<", args: [{ param: "pe_x" }, 8] } }]))).toBe(
      'constraints[0].expression.op: expected one of "+", "-", "*", "/", "<", "<=", ">", ">=", "==", "!=", "and", "or", "not", got "=<" (constraint "c")',
    )
    expect(failure(file([pe], [{ name: "c", expression: { op: "<=", args: [{ param: "pe_x" }] } }]))).toBe(
      'constraints[0].expression.args: "<=" takes two operands, got [{"param":"pe_x"}] (constraint "c")',
    )
    expect(failure(file([pe], [{ name: "c", expression: { op: "not", args: [[1]] } }]))).toBe(
      'constraints[0].expression.args[0]: expected a literal, { "param": name } or { "op", "args" }, got [1] (constraint "c")',
    )
    expect(failure(file([pe], [{ name: "c", expression: { param: "pe_x", scale: 2 } }]))).toBe(
      'constraints[0].expression.scale: unexpected field; an expression node has only "param" (constraint "c")',
    )
  })

  it("type errors in expressions: arithmetic on strings, a constraint that is not a condition", () => {
    const withDataflow = [pe, { name: "dataflow", kind: "categorical", values: ["ws", "os"] }]
    expect(failure(file(withDataflow, [{ name: "c", expression: { op: "<", args: [{ param: "dataflow" }, 2] } }]))).toBe(
      'constraints[0].expression.args[0]: "<" needs numbers, got parameter "dataflow" (not a number)',
    )
    expect(failure(file(withDataflow, [{ name: "c", expression: { op: "*", args: [{ param: "pe_x" }, 2] } }]))).toBe(
      'constraints[0].expression: a constraint must be a comparison or a logical expression, got the result of "*" (number)',
    )
  })

  it("duplicate constraint names", () => {
    const rule = { name: "c", expression: { op: "<=", args: [{ param: "pe_x" }, 8] } }
    expect(failure(file([pe], [rule, rule]))).toBe('constraints[1].name: duplicate constraint name "c" (first declared at constraints[0])')
  })
})
