import type { Constraint } from "../constraint/constraint.js"
import type { Parameter } from "../parameter/parameter.js"
import { checkSpaceDefinition } from "./check-space.js"
import { InvalidSpaceError } from "./space-issue.js"

/**
 * A search space: a name, ordered parameters and named constraints. Plain immutable data; the
 * operations compile it once (cached per object) to a fast form.
 *
 * @example
 * const space: Space = defineSpace({ name: "tiny", parameters: [ordinal("pe_x", [4, 8, 16])] })
 */
export interface Space {
  readonly name: string
  readonly parameters: readonly Parameter[]
  readonly constraints: readonly Constraint[]
}

/**
 * What `defineSpace` takes: a `Space` whose constraints may be left out.
 *
 * @example
 * const definition: SpaceDefinition = { name: "tiny", parameters: [boolean("double_buffer")] }
 */
export interface SpaceDefinition {
  readonly name: string
  readonly parameters: readonly Parameter[]
  readonly constraints?: readonly Constraint[]
}

/**
 * Builds a space, without checking it: for definitions already known to be valid (they came
 * from `defineSpace`, `decodeSpaceJson` or an operation on spaces).
 *
 * @example
 * const copy = assembleSpace({ ...space, name: "copy" })
 */
export const assembleSpace = (definition: SpaceDefinition): Space =>
  Object.freeze({
    name: definition.name,
    parameters: Object.freeze([...definition.parameters]),
    constraints: Object.freeze([...(definition.constraints ?? [])]),
  })

/**
 * Defines a space, rejecting invalid definitions: duplicate names, empty value lists, low >
 * high, log ranges with low <= 0, unknown or cyclic condition parents, condition values the
 * parent does not have, and constraint expressions that refer to unknown parameters.
 *
 * @throws InvalidSpaceError listing every problem with its path (`parameters[2].condition.parent`).
 * @example
 * const space = defineSpace({
 *   name: "accelerator",
 *   parameters: [ordinal("pe_x", [4, 8, 16]), ordinal("pe_y", [4, 8, 16]), categorical("dataflow", ["ws", "os"])],
 *   constraints: [expressionConstraint("pe-budget", "at most 128 PEs", expr.le(expr.mul(expr.param("pe_x"), expr.param("pe_y")), 128))],
 * })
 */
export const defineSpace = (definition: SpaceDefinition): Space => {
  const issues = checkSpaceDefinition(definition)
  if (issues.length > 0) throw new InvalidSpaceError(definition.name, issues)
  return assembleSpace(definition)
}
