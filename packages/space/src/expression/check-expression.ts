import { formatValue } from "../value/value.js"
import { type Expression, isReference } from "./expression.js"

/**
 * What an expression node yields: a number, a boolean, or some other value (a string, or a
 * parameter whose values mix types), which only `==` and `!=` accept.
 *
 * @example
 * const type: ExpressionType = "number"
 */
export type ExpressionType = "number" | "boolean" | "value"

/**
 * One problem in an expression: the path of the offending node and what is wrong there.
 *
 * @example
 * const issue: ExpressionIssue = { path: "constraints[0].expression.args[0].param", message: 'unknown parameter "pe_z"' }
 */
export interface ExpressionIssue {
  readonly path: string
  readonly message: string
}

const describeOperand = (expression: Expression): string => {
  if (typeof expression !== "object") return formatValue(expression)
  if (isReference(expression)) return `parameter "${expression.param}"`
  return `the result of "${expression.op}"`
}

const isExpressionObject = (value: unknown): value is object => typeof value === "object" && value !== null && !Array.isArray(value)

/**
 * Checks an expression against the parameters of a space: every reference names a parameter,
 * arithmetic and `< <= > >=` get numbers, `and` / `or` / `not` get booleans, and the whole
 * expression is a boolean. Returns the issues, each with the path of its node below `path`.
 *
 * @example
 * checkExpression(expr.le(expr.param("pe_z"), 4), "constraints[0].expression", (name) => (name === "pe_x" ? "number" : undefined))
 * // [{ path: "constraints[0].expression.args[0].param", message: 'unknown parameter "pe_z"; ...' }]
 */
export const checkExpression = (
  expression: Expression,
  path: string,
  typeOf: (name: string) => ExpressionType | undefined,
  knownNames: () => string = () => "",
): ExpressionIssue[] => {
  const issues: ExpressionIssue[] = []
  const visit = (node: Expression, at: string): ExpressionType | undefined => {
    if (typeof node === "number") return Number.isFinite(node) ? "number" : fail(at, `expected a finite number, got ${formatValue(node)}`)
    if (typeof node === "boolean") return "boolean"
    if (typeof node === "string") return "value"
    if (!isExpressionObject(node)) return fail(at, `expected an expression, got ${formatValue(node)}`)
    if (isReference(node)) {
      const type = typeOf(node.param)
      if (type === undefined) {
        const known = knownNames()
        return fail(`${at}.param`, `unknown parameter "${node.param}"${known === "" ? "" : `; the parameters are ${known}`}`)
      }
      return type
    }
    const types = node.args.map((arg, index) => visit(arg, `${at}.args[${index}]`))
    const expect = (wanted: ExpressionType, what: string): void => {
      types.forEach((type, index) => {
        const arg = node.args[index]
        if (type !== undefined && type !== wanted && arg !== undefined) {
          fail(
            `${at}.args[${index}]`,
            `"${node.op}" needs ${what}, got ${describeOperand(arg)} (${type === "value" ? "not a number" : type})`,
          )
        }
      })
    }
    switch (node.op) {
      case "and":
      case "or":
        if (node.args.length === 0) fail(`${at}.args`, `"${node.op}" needs at least one operand`)
        expect("boolean", "boolean operands")
        return "boolean"
      case "not":
        expect("boolean", "a boolean operand")
        return "boolean"
      case "==":
      case "!=":
        return "boolean"
      case "<":
      case "<=":
      case ">":
      case ">=":
        expect("number", "numbers")
        return "boolean"
      default:
        expect("number", "numbers")
        return "number"
    }
  }
  const fail = (at: string, message: string): undefined => {
    issues.push({ path: at, message })
    return undefined
  }
  const type = visit(expression, path)
  if (type !== undefined && type !== "boolean") {
    fail(path, `a constraint must be a comparison or a logical expression, got ${describeOperand(expression)} (${type})`)
  }
  return issues
}
