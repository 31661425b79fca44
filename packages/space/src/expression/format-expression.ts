import { formatValue } from "../value/value.js"
import { type Expression, isReference } from "./expression.js"

const precedence: Readonly<Record<string, number>> = {
  or: 1,
  and: 2,
  not: 3,
  "<": 4,
  "<=": 4,
  ">": 4,
  ">=": 4,
  "==": 4,
  "!=": 4,
  "+": 5,
  "-": 5,
  "*": 6,
  "/": 6,
}

const strength = (expression: Expression): number =>
  typeof expression === "object" && !isReference(expression) ? (precedence[expression.op] ?? 7) : 7

/**
 * Renders an expression as an infix formula, with only the parentheses it needs.
 *
 * @example
 * formatExpression(expr.le(expr.mul(expr.param("pe_x"), expr.param("pe_y")), 256)) // "pe_x * pe_y <= 256"
 */
export const formatExpression = (expression: Expression): string => {
  if (typeof expression !== "object") return formatValue(expression)
  if (isReference(expression)) return expression.param
  const own = precedence[expression.op] ?? 7
  // Left operands may share our precedence (left-associative); right operands of - and / may not.
  const operand = (arg: Expression, right: boolean): string => {
    const text = formatExpression(arg)
    const weaker = strength(arg) < own || (right && strength(arg) === own && own >= 4)
    return weaker ? `(${text})` : text
  }
  switch (expression.op) {
    case "not": {
      const [arg] = expression.args
      return typeof arg === "object" && !isReference(arg) ? `not (${formatExpression(arg)})` : `not ${formatExpression(arg)}`
    }
    case "and":
    case "or":
      return expression.args.map((arg) => operand(arg, false)).join(` ${expression.op} `)
    default:
      return `${operand(expression.args[0], false)} ${expression.op} ${operand(expression.args[1], true)}`
  }
}
