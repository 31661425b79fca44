import { compileExpression } from "../expression/compile-expression.js"
import type { Expression } from "../expression/expression.js"
import type { Configuration } from "../value/value.js"

/**
 * A named predicate over a configuration, checked before any costly evaluation. Constraints
 * declared from an expression keep it (`expression`), which gives them a JSON form and a fast
 * compiled check; constraints written as code have neither. When both are given, the compiled
 * operations (sampling, mutation, crossover, enumeration) evaluate the expression and
 * `validateConfiguration` calls `check`, so the two must agree (`expressionConstraint` makes sure).
 *
 * @example
 * const fits: Constraint = { name: "pe-budget", description: "at most 256 PEs", check: (c) => Number(c.pe_x) * Number(c.pe_y) <= 256 }
 */
export interface Constraint {
  readonly name: string
  readonly description: string
  readonly check: (config: Configuration) => boolean
  readonly expression?: Expression
}

/**
 * A constraint written as code. It receives configurations with only the active parameters.
 *
 * @example
 * constraint("even-pes", "an even number of PEs", (config) => Number(config.pe_x) % 2 === 0)
 */
export const constraint = (name: string, description: string, check: (config: Configuration) => boolean): Constraint => ({
  name,
  description,
  check,
})

const readConfiguration =
  (name: string) =>
  (config: Configuration): Configuration[string] | undefined =>
    config[name]

/**
 * A constraint declared as an expression: it has a JSON form and is compiled (never evaluated as
 * text). References to inactive parameters make the parts that use them not apply (see
 * `compileExpression`).
 *
 * @example
 * const { param, mul, le } = expr
 * expressionConstraint("pe-budget", "at most 256 PEs", le(mul(param("pe_x"), param("pe_y")), 256))
 */
export const expressionConstraint = (name: string, description: string, expression: Expression): Constraint => ({
  name,
  description,
  check: compileExpression(expression, readConfiguration),
  expression,
})
