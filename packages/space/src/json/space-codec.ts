import { Either, ParseResult, Schema } from "effect"
import { type Constraint, expressionConstraint } from "../constraint/constraint.js"
import type { Parameter } from "../parameter/parameter.js"
import { checkSpaceDefinition } from "../space/check-space.js"
import { assembleSpace, type Space } from "../space/space.js"
import type { SpaceIssue } from "../space/space-issue.js"
import { formatValue } from "../value/value.js"
import { type ConstraintJson, type ParameterJson, type SpaceJson, SpaceJsonSchema } from "./space-schema.js"

const decodeForm = Schema.decodeUnknownEither(SpaceJsonSchema, { errors: "all", onExcessProperty: "error" })

const identifier = /^[A-Za-z_$][\w$]*$/

/**
 * Renders a parse path as JavaScript-style access: `["parameters", 2, "values"]` becomes `parameters[2].values`.
 *
 * @example
 * formatPath(["parameters", 2, "values"]) // "parameters[2].values"
 */
export const formatPath = (path: readonly PropertyKey[]): string => {
  let text = ""
  for (const key of path) {
    if (typeof key === "number") text += `[${key}]`
    else if (typeof key === "string" && identifier.test(key)) text += text === "" ? key : `.${key}`
    else text += `[${JSON.stringify(String(key))}]`
  }
  return text === "" ? "(root)" : text
}

/** Effect's default wording ("Expected A, actual B") in the package's ("expected A, got B"). */
const reword = (message: string): string => {
  const match = /^Expected (.*), actual (.*)$/s.exec(message)
  return match === null ? message : `expected ${match[1]?.replaceAll(" | ", " or ")}, got ${match[2]}`
}

/** The name of `parameters[index]` (or `constraints[index]`) in the raw input, for messages. */
const nameAt = (input: unknown, list: PropertyKey | undefined, index: PropertyKey | undefined): string | undefined => {
  if (typeof list !== "string" || typeof index !== "number" || typeof input !== "object" || input === null) return undefined
  const items: unknown = (input as Record<string, unknown>)[list]
  const item: unknown = Array.isArray(items) ? items[index] : undefined
  const name: unknown = typeof item === "object" && item !== null ? (item as { name?: unknown }).name : undefined
  return typeof name === "string" && name !== "" ? name : undefined
}

const formIssues = (error: ParseResult.ParseError, input: unknown): SpaceIssue[] =>
  ParseResult.ArrayFormatter.formatErrorSync(error).map((issue) => {
    const [list, index] = issue.path
    const name = nameAt(input, list, index)
    const owner = list === "parameters" ? "parameter" : "constraint"
    const where = name === undefined || issue.path.length <= 2 ? "" : ` (${owner} "${name}")`
    return { path: formatPath(issue.path), message: `${reword(issue.message)}${where}` }
  })

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
