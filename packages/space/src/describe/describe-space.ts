import { compileSpace } from "../compile/compiled-space.js"
import { cardinality } from "../count/cardinality.js"
import { formatExpression } from "../expression/format-expression.js"
import { describeDomain } from "../parameter/domain.js"
import type { ParameterKind } from "../parameter/parameter.js"
import type { Space } from "../space/space.js"
import { formatValues } from "../value/value.js"

/**
 * One parameter in a space summary.
 *
 * @example
 * const row: ParameterSummary = { name: "expand", kind: "ordinal", domain: "one of 3, 6", condition: 'when "block" is one of "mbconv"' }
 */
export interface ParameterSummary {
  readonly name: string
  readonly kind: ParameterKind
  /** The allowed values in words (`one of 4, 8, 16`, `an integer in [1, 256] (log scale)`). */
  readonly domain: string
  readonly condition?: string
  readonly description?: string
}

/**
 * One constraint in a space summary; `expression` is the infix formula of declared constraints.
 *
 * @example
 * const row: ConstraintSummary = { name: "pe-budget", description: "at most 256 PEs", form: "expression", expression: "pe_x * pe_y <= 256" }
 */
export interface ConstraintSummary {
  readonly name: string
  readonly description: string
  readonly form: "expression" | "code"
  readonly expression?: string
}

/**
 * A plain summary of a space for people and the CLI: parameters with their kind, values or range
 * and condition; constraints with names, descriptions and formulas; the number of
 * configurations (a decimal string, constraints ignored, or "infinite") and the vector length.
 *
 * @example
 * const summary: SpaceSummary = describeSpace(space)
 */
export interface SpaceSummary {
  readonly name: string
  readonly parameters: readonly ParameterSummary[]
  readonly constraints: readonly ConstraintSummary[]
  readonly cardinality: string
  readonly vectorLength: number
}

/**
 * Summarizes a space (see `SpaceSummary`).
 *
 * @example
 * describeSpace(space).cardinality // "1200"
 */
export const describeSpace = (space: Space): SpaceSummary => {
  const count = cardinality(space)
  return {
    name: space.name,
    parameters: space.parameters.map((parameter) => ({
      name: parameter.name,
      kind: parameter.kind,
      domain: describeDomain(parameter),
      ...(parameter.condition === undefined
        ? {}
        : { condition: `when "${parameter.condition.parent}" is one of ${formatValues(parameter.condition.in)}` }),
      ...(parameter.description === undefined ? {} : { description: parameter.description }),
    })),
    constraints: space.constraints.map((constraint) => ({
      name: constraint.name,
      description: constraint.description,
      form: constraint.expression === undefined ? "code" : "expression",
      ...(constraint.expression === undefined ? {} : { expression: formatExpression(constraint.expression) }),
    })),
    cardinality: count === "infinite" ? "infinite" : count.toString(),
    vectorLength: compileSpace(space).vectorLength,
  }
}
