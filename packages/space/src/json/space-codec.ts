import { Either, type ParseResult, Schema } from "effect"
import { type Constraint, expressionConstraint } from "../constraint/constraint.js"
import type { Parameter } from "../parameter/parameter.js"
import { checkSpaceDefinition } from "../space/check-space.js"
import { assembleSpace, type Space } from "../space/space.js"
import type { SpaceIssue } from "../space/space-issue.js"
import { formatValue } from "../value/value.js"
import { schemaIssues } from "./schema-issues.js"
import { type ConstraintJson, type ParameterJson, type SpaceJson, SpaceJsonSchema } from "./space-schema.js"

const decodeForm = Schema.decodeUnknownEither(SpaceJsonSchema, { errors: "all", onExcessProperty: "error" })

const formIssues = (error: ParseResult.ParseError, input: unknown): SpaceIssue[] =>
  schemaIssues(error, input, { parameters: "parameter", constraints: "constraint" })

const parameterOf = (json: ParameterJson): Parameter => {
  switch (json.kind) {
    case "integer":
    case "float":
      return { ...json, scale: json.scale ?? "linear" }
    default:
      return json
  }
}

const constraintOf = (json: ConstraintJson): Constraint => expressionConstraint(json.name, json.description ?? "", json.expression)

/**
 * Decodes a parsed space file to a `Space`. Problems of form (a wrong type, a missing or unknown
 * field, a malformed expression) and of meaning (duplicate names, an unknown or cyclic condition
 * parent, low > high, a log range with low <= 0, an empty value list, a constraint referring to
 * an unknown parameter) are all reported, each with its JSON path and the offending value.
 *
 * @example
 * const result = decodeSpaceJson({ name: "s", parameters: [{ name: "pe_x", kind: "ordinal", values: [] }] })
 * if (Either.isLeft(result)) formatSpaceIssues(result.left)
 * // 'parameters[0].values: parameter "pe_x" needs at least one value, got []'
 */
export const decodeSpaceJson = (input: unknown): Either.Either<Space, readonly SpaceIssue[]> => {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    return Either.left([
      { path: "(root)", message: `expected a space object { "name", "parameters", "constraints"? }, got ${formatValue(input)}` },
    ])
  }
  const form = decodeForm(input)
  if (Either.isLeft(form)) return Either.left(formIssues(form.left, input))
  const definition = {
    name: form.right.name,
    parameters: form.right.parameters.map(parameterOf),
    constraints: (form.right.constraints ?? []).map(constraintOf),
  }
  const issues = checkSpaceDefinition(definition)
  return issues.length > 0 ? Either.left(issues) : Either.right(assembleSpace(definition))
}

const parameterJson = (parameter: Parameter): ParameterJson => {
  const { name } = parameter
  const optional = {
    ...(parameter.condition === undefined ? {} : { condition: { parent: parameter.condition.parent, in: [...parameter.condition.in] } }),
    ...(parameter.description === undefined ? {} : { description: parameter.description }),
  }
  switch (parameter.kind) {
    case "categorical":
      return { name, kind: "categorical", values: [...parameter.values], ...optional }
    case "ordinal":
      return { name, kind: "ordinal", values: [...parameter.values], ...optional }
    case "integer":
    case "float":
      return { name, kind: parameter.kind, low: parameter.low, high: parameter.high, scale: parameter.scale, ...optional }
    case "boolean":
      return { name, kind: "boolean", ...optional }
  }
}

/**
 * The JSON form of a space: every parameter, and the constraints declared from an expression.
 * Constraints written as code have no JSON form and are left out (`describeSpace` lists them).
 * `decodeSpaceJson` of the result gives an equal space (minus those).
 *
 * @example
 * const text = JSON.stringify(encodeSpaceJson(space), null, 2)
 */
export const encodeSpaceJson = (space: Space): SpaceJson => {
  const constraints = space.constraints.flatMap((constraint): ConstraintJson[] =>
    constraint.expression === undefined
      ? []
      : [
          {
            name: constraint.name,
            ...(constraint.description === "" ? {} : { description: constraint.description }),
            expression: constraint.expression,
          },
        ],
  )
  return { name: space.name, parameters: space.parameters.map(parameterJson), ...(constraints.length === 0 ? {} : { constraints }) }
}
