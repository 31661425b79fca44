import {
  boolean,
  type Configuration,
  categorical,
  compileExpression,
  defineSpace,
  expr,
  expressionConstraint,
  formatExpression,
  InvalidSpaceError,
  ordinal,
  referencedParameters,
  validateConfiguration,
  when,
} from "@cosearch/space"
import { describe, expect, it } from "vitest"

const { param, add, sub, mul, div, lt, le, gt, ge, eq, ne, and, or, not } = expr
const read = (name: string) => (config: Configuration) => config[name]
const holds = (expression: Parameters<typeof compileExpression>[0], config: Configuration): boolean =>
  compileExpression(expression, read)(config)

describe("constraint expressions", () => {
  it("evaluate arithmetic and comparisons", () => {
    const config = { x: 6, y: 4 }
    expect(holds(le(add(param("x"), param("y")), 10), config)).toBe(true)
    expect(holds(lt(add(param("x"), param("y")), 10), config)).toBe(false)
    expect(holds(eq(sub(param("x"), param("y")), 2), config)).toBe(true)
    expect(holds(gt(mul(param("x"), param("y")), 23), config)).toBe(true)
    expect(holds(ge(div(param("x"), param("y")), 1.5), config)).toBe(true)
    expect(holds(ne(param("x"), 6), config)).toBe(false)
    expect(holds(eq(param("df"), "ws"), { df: "ws" })).toBe(true)
    expect(holds(and(eq(param("df"), "ws"), not(param("se"))), { df: "ws", se: true })).toBe(false)
    expect(holds(or(eq(param("df"), "os"), param("se")), { df: "ws", se: true })).toBe(true)
  })

  it("treat references to inactive parameters as not applying", () => {
    const rule = le(mul(param("kernel"), param("expand")), 21)
    expect(holds(rule, { kernel: 7 })).toBe(true) // expand inactive: the comparison does not apply
    expect(holds(rule, { kernel: 7, expand: 6 })).toBe(false)
    // and / or skip unknown operands; a fully unknown expression holds.
    expect(holds(and(le(param("expand"), 3), le(param("kernel"), 5)), { kernel: 7 })).toBe(false)
    expect(holds(or(le(param("expand"), 3), le(param("kernel"), 5)), { kernel: 7 })).toBe(false)
    expect(holds(or(le(param("expand"), 3), le(param("kernel"), 7)), { kernel: 7 })).toBe(true)
    expect(holds(not(le(param("expand"), 3)), {})).toBe(true)
  })

  it("apply the same rule to genomes inside sampling", () => {
    const space = defineSpace({
      name: "cond",
      parameters: [
        categorical("block", ["conv", "mbconv"]),
        ordinal("kernel", [3, 5, 7]),
        ordinal("expand", [3, 6], { condition: when("block", "mbconv") }),
      ],
      constraints: [expressionConstraint("small", "kernel * expand <= 21", le(mul(param("kernel"), param("expand")), 21))],
    })
    expect(validateConfiguration(space, { block: "conv", kernel: 7 })).toEqual([])
    expect(validateConfiguration(space, { block: "mbconv", kernel: 7, expand: 6 })[0]?.message).toBe(
      'constraint "small" is violated: kernel * expand <= 21 (kernel * expand <= 21)',
    )
  })

  it("format as infix with only the needed parentheses", () => {
    expect(formatExpression(le(mul(param("pe_x"), param("pe_y")), 256))).toBe("pe_x * pe_y <= 256")
    expect(formatExpression(mul(add(param("a"), 1), param("b")))).toBe("(a + 1) * b")
    expect(formatExpression(sub(param("a"), sub(param("b"), param("c"))))).toBe("a - (b - c)")
    expect(formatExpression(sub(sub(param("a"), param("b")), param("c")))).toBe("a - b - c")
    expect(formatExpression(and(or(param("p"), param("q")), not(eq(param("df"), "rs"))))).toBe('(p or q) and not (df == "rs")')
  })

  it("list the parameters they refer to", () => {
    expect(referencedParameters(and(le(param("a"), param("b")), ge(param("a"), 1)))).toEqual(["a", "b"])
  })

  it("are type-checked when a space is defined", () => {
    const define = () =>
      defineSpace({
        name: "typed",
        parameters: [categorical("df", ["ws", "os"]), boolean("se"), ordinal("pe", [4, 8])],
        constraints: [
          expressionConstraint("arith-on-string", "", le(add(param("df"), 1), 3)),
          expressionConstraint("not-a-number", "", and(param("se"), param("pe"))),
        ],
      })
    expect(define).toThrow(InvalidSpaceError)
    expect(define).toThrow(
      [
        'space "typed" is invalid:',
        '  - constraints[0].expression.args[0].args[0]: "+" needs numbers, got parameter "df" (not a number)',
        '  - constraints[1].expression.args[1]: "and" needs boolean operands, got parameter "pe" (number)',
      ].join("\n"),
    )
  })
})
