import { type Constraint, expressionConstraint } from "../constraint/constraint.js"
import { renameReferences } from "../expression/expression.js"
import type { Parameter } from "../parameter/parameter.js"
import { defineSpace, type Space } from "../space/space.js"
import type { Configuration, Value } from "../value/value.js"

/**
 * Options of `productSpace`.
 *
 * @example
 * const options: ProductOptions = { name: "joint", constraints: [fitsOnChip] }
 */
export interface ProductOptions {
  /** The joint space's name (default: the sub-space names joined by " × "). */
  readonly name?: string
  /** Constraints across the parts, written against the prefixed names (`hw.pe_x`). */
  readonly constraints?: readonly Constraint[]
}

const prefixParameter = (parameter: Parameter, namespace: string): Parameter => ({
  ...parameter,
  name: `${namespace}.${parameter.name}`,
  ...(parameter.condition === undefined
    ? {}
    : { condition: { ...parameter.condition, parent: `${namespace}.${parameter.condition.parent}` } }),
})

const prefixConstraint = (constraint: Constraint, namespace: string): Constraint => {
  const name = `${namespace}.${constraint.name}`
  if (constraint.expression !== undefined) {
    return expressionConstraint(
      name,
      constraint.description,
      renameReferences(constraint.expression, (reference) => `${namespace}.${reference}`),
    )
  }
  return { name, description: constraint.description, check: (config) => constraint.check(projectConfiguration(config, namespace)) }
}

/**
 * The joint space of named sub-spaces: every parameter name (and condition parent, and
 * constraint reference) gets its namespace and a dot in front (`nn.kernel`, `hw.pe_x`), and the
 * constraints of each part carry over (named `hw.pe-budget`). Parameters keep their order, part
 * by part.
 *
 * @throws InvalidSpaceError when an option constraint refers to unknown parameters.
 * @example
 * const joint = productSpace({ nn: networkSpace, hw: acceleratorSpace })
 * joint.parameters.map((parameter) => parameter.name) // ["nn.kernel", ..., "hw.pe_x", ...]
 */
export const productSpace = (parts: Readonly<Record<string, Space>>, options: ProductOptions = {}): Space => {
  const entries = Object.entries(parts)
  return defineSpace({
    name: options.name ?? entries.map(([, space]) => space.name).join(" × "),
    parameters: entries.flatMap(([namespace, space]) => space.parameters.map((parameter) => prefixParameter(parameter, namespace))),
    constraints: [
      ...entries.flatMap(([namespace, space]) => space.constraints.map((constraint) => prefixConstraint(constraint, namespace))),
      ...(options.constraints ?? []),
    ],
  })
}

/**
 * The part of a joint configuration under one namespace, with the prefix removed.
 *
 * @example
 * projectConfiguration({ "nn.kernel": 3, "hw.pe_x": 16 }, "hw") // { pe_x: 16 }
 */
export const projectConfiguration = (config: Configuration, namespace: string): Configuration => {
  const prefix = `${namespace}.`
  const part: Record<string, Value> = {}
  for (const [name, value] of Object.entries(config)) if (name.startsWith(prefix)) part[name.slice(prefix.length)] = value
  return part
}

/**
 * A joint configuration from its parts: the inverse of `projectConfiguration`.
 *
 * @example
 * joinConfigurations({ nn: { kernel: 3 }, hw: { pe_x: 16 } }) // { "nn.kernel": 3, "hw.pe_x": 16 }
 */
export const joinConfigurations = (parts: Readonly<Record<string, Configuration>>): Configuration => {
  const joint: Record<string, Value> = {}
  for (const [namespace, part] of Object.entries(parts))
    for (const [name, value] of Object.entries(part)) joint[`${namespace}.${name}`] = value
  return joint
}

/**
 * The same space with more constraints (e.g. ones across the parts of a joint space).
 *
 * @throws InvalidSpaceError when a constraint's expression refers to unknown parameters or a name repeats.
 * @example
 * const joint = addConstraints(productSpace({ nn, hw }), [expressionConstraint("fits", "...", expr.le(expr.param("nn.width"), expr.param("hw.pe_x")))])
 */
export const addConstraints = (space: Space, constraints: readonly Constraint[]): Space =>
  defineSpace({ name: space.name, parameters: space.parameters, constraints: [...space.constraints, ...constraints] })
