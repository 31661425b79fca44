import type { Value } from "../value/value.js"

/**
 * A reference to a parameter's value inside an expression.
 *
 * @example
 * const peX: ParameterReference = { param: "pe_x" }
 */
export interface ParameterReference {
  readonly param: string
}

/**
 * `+ - * /` over numbers.
 *
 * @example
 * const op: ArithmeticOperator = "*"
 */
export type ArithmeticOperator = "+" | "-" | "*" | "/"

/**
 * Comparisons: `< <= > >=` over numbers, `== !=` over any values.
 *
 * @example
 * const op: ComparisonOperator = "<="
 */
export type ComparisonOperator = "<" | "<=" | ">" | ">=" | "==" | "!="

/**
 * An arithmetic operation or a comparison of two operands.
 *
 * @example
 * const budget: BinaryOperation = { op: "<=", args: [{ param: "pe_x" }, 64] }
 */
export interface BinaryOperation {
  readonly op: ArithmeticOperator | ComparisonOperator
  readonly args: readonly [Expression, Expression]
}

/**
 * `and` / `or` of one or more boolean operands.
 *
 * @example
 * const both: LogicalOperation = { op: "and", args: [{ param: "use_se" }, { op: ">", args: [{ param: "width" }, 8] }] }
 */
export interface LogicalOperation {
  readonly op: "and" | "or"
  readonly args: readonly Expression[]
}

/**
 * `not` of one boolean operand.
 *
 * @example
 * const off: NegationOperation = { op: "not", args: [{ param: "use_se" }] }
 */
export interface NegationOperation {
  readonly op: "not"
  readonly args: readonly [Expression]
}

/**
 * A constraint expression: a small declarative tree (literals, parameter references,
 * arithmetic, comparisons, and/or/not) that is compiled to a function, never evaluated as text.
 * It is the JSON form of a constraint.
 *
 * @example
 * const fits: Expression = { op: "<=", args: [{ op: "*", args: [{ param: "pe_x" }, { param: "pe_y" }] }, 256] }
 */
export type Expression = Value | ParameterReference | BinaryOperation | LogicalOperation | NegationOperation

/**
 * Any operation node of an expression.
 *
 * @example
 * const node: Operation = { op: "not", args: [true] }
 */
export type Operation = BinaryOperation | LogicalOperation | NegationOperation

/**
 * The arithmetic operators, in a list.
 *
 * @example
 * arithmeticOperators.includes("*") // true
 */
export const arithmeticOperators: readonly ArithmeticOperator[] = ["+", "-", "*", "/"]

/**
 * The comparison operators, in a list.
 *
 * @example
 * comparisonOperators.includes("<=") // true
 */
export const comparisonOperators: readonly ComparisonOperator[] = ["<", "<=", ">", ">=", "==", "!="]

/**
 * Whether an expression node is a parameter reference.
 *
 * @example
 * isReference({ param: "pe_x" }) // true
 */
export const isReference = (expression: Expression): expression is ParameterReference =>
  typeof expression === "object" && "param" in expression

/**
 * Whether an expression node is an operation.
 *
 * @example
 * isOperation({ op: "not", args: [true] }) // true
 */
export const isOperation = (expression: Expression): expression is Operation => typeof expression === "object" && "op" in expression

/**
 * Builders for expressions, so constraints read like the formula they state.
 *
 * @example
 * const { param, mul, le } = expr
 * const fits = le(mul(param("pe_x"), param("pe_y")), 256) // pe_x * pe_y <= 256
 */
export const expr = {
  param: (name: string): ParameterReference => ({ param: name }),
  add: (a: Expression, b: Expression): BinaryOperation => ({ op: "+", args: [a, b] }),
  sub: (a: Expression, b: Expression): BinaryOperation => ({ op: "-", args: [a, b] }),
  mul: (a: Expression, b: Expression): BinaryOperation => ({ op: "*", args: [a, b] }),
  div: (a: Expression, b: Expression): BinaryOperation => ({ op: "/", args: [a, b] }),
  lt: (a: Expression, b: Expression): BinaryOperation => ({ op: "<", args: [a, b] }),
  le: (a: Expression, b: Expression): BinaryOperation => ({ op: "<=", args: [a, b] }),
  gt: (a: Expression, b: Expression): BinaryOperation => ({ op: ">", args: [a, b] }),
  ge: (a: Expression, b: Expression): BinaryOperation => ({ op: ">=", args: [a, b] }),
  eq: (a: Expression, b: Expression): BinaryOperation => ({ op: "==", args: [a, b] }),
  ne: (a: Expression, b: Expression): BinaryOperation => ({ op: "!=", args: [a, b] }),
  and: (...args: readonly Expression[]): LogicalOperation => ({ op: "and", args }),
  or: (...args: readonly Expression[]): LogicalOperation => ({ op: "or", args }),
  not: (a: Expression): NegationOperation => ({ op: "not", args: [a] }),
} as const

/**
 * Rewrites every parameter reference of an expression (used to prefix names in product spaces).
 *
 * @example
 * renameReferences({ op: "<=", args: [{ param: "pe_x" }, 64] }, (name) => `hw.${name}`)
 * // { op: "<=", args: [{ param: "hw.pe_x" }, 64] }
 */
export const renameReferences = (expression: Expression, rename: (name: string) => string): Expression => {
  if (typeof expression !== "object") return expression
  if (isReference(expression)) return { param: rename(expression.param) }
  return { op: expression.op, args: expression.args.map((arg) => renameReferences(arg, rename)) } as Operation
}

/**
 * The names of the parameters an expression refers to, each once, in order of appearance.
 *
 * @example
 * referencedParameters({ op: "<=", args: [{ param: "pe_x" }, { param: "pe_y" }] }) // ["pe_x", "pe_y"]
 */
export const referencedParameters = (expression: Expression): string[] => {
  const names = new Set<string>()
  const visit = (node: Expression): void => {
    if (typeof node !== "object") return
    if (isReference(node)) names.add(node.param)
    else for (const arg of node.args) visit(arg)
  }
  visit(expression)
  return [...names]
}
