import {
  type ConstraintSummary,
  describeSpace,
  formatValue,
  listedValues,
  type Parameter,
  type ParameterKind,
  type Scale,
  type Value,
} from "@cosearch/space"
import { terminalSafe } from "../cli/terminal-safe.js"
import type { LoadedSpace } from "../input/space-input.js"
import { cardinalityText } from "./cardinality.js"
import { type Column, formatTable } from "./table.js"

/**
 * One parameter in `space show --json`: its domain in words, and either its listed values or its
 * range and scale; the condition, if any, as data.
 *
 * @example
 * const groups: ParameterShowJson = { name: "s1_groups", kind: "ordinal", domain: "one of 2, 4, 8", values: [2, 4, 8], condition: { parent: "s1_block", in: ["group_conv_ibn"] } }
 */
export interface ParameterShowJson {
  readonly name: string
  readonly kind: ParameterKind
  readonly domain: string
  readonly values?: readonly Value[]
  readonly low?: number
  readonly high?: number
  readonly scale?: Scale
  readonly condition?: { readonly parent: string; readonly in: readonly Value[] }
  readonly description?: string
}

/**
 * The document `space show --json` prints. `cardinality` is a decimal string (constraints
 * ignored) or "infinite"; `summary` is given for built-in spaces, `path` for space files.
 *
 * @example
 * const shown = JSON.parse(stdout) as SpaceShowJson
 * shown.cardinality // "452760000" for edgetpu-knobs
 */
export interface SpaceShowJson {
  readonly name: string
  readonly source: "built-in" | "file"
  readonly summary?: string
  readonly path?: string
  readonly cardinality: string
  readonly vectorLength: number
  readonly parameters: readonly ParameterShowJson[]
  readonly constraints: readonly ConstraintSummary[]
}

const valuesOrRange = (parameter: Parameter): Pick<ParameterShowJson, "values" | "low" | "high" | "scale"> =>
  parameter.kind === "integer" || parameter.kind === "float"
    ? { low: parameter.low, high: parameter.high, scale: parameter.scale }
    : { values: listedValues(parameter) ?? [] }

/**
 * The JSON summary of a loaded space, built on `describeSpace`.
 *
 * @example
 * JSON.stringify(spaceShowJson({ kind: "built-in", entry, space: entry.space }), null, 2)
 */
export const spaceShowJson = (loaded: LoadedSpace): SpaceShowJson => {
  const summary = describeSpace(loaded.space)
  return {
    name: summary.name,
    source: loaded.kind,
    ...(loaded.kind === "built-in" ? { summary: loaded.entry.summary } : { path: loaded.path }),
    cardinality: summary.cardinality,
    vectorLength: summary.vectorLength,
    parameters: loaded.space.parameters.map((parameter, index) => ({
      name: parameter.name,
      kind: parameter.kind,
      domain: summary.parameters[index]?.domain ?? "",
      ...valuesOrRange(parameter),
      ...(parameter.condition === undefined ? {} : { condition: { parent: parameter.condition.parent, in: parameter.condition.in } }),
      ...(parameter.description === undefined ? {} : { description: parameter.description }),
    })),
    constraints: summary.constraints,
  }
}

const valuesText = (parameter: ParameterShowJson): string =>
  parameter.values !== undefined
    ? parameter.values.map(formatValue).join(", ")
    : `[${formatValue(parameter.low)}, ${formatValue(parameter.high)}], ${parameter.scale} scale`

const conditionText = (parameter: ParameterShowJson): string => {
  const condition = parameter.condition
  if (condition === undefined) return "-"
  const values = condition.in.map(formatValue).join(", ")
  return condition.in.length === 1 ? `when ${condition.parent} is ${values}` : `when ${condition.parent} is one of ${values}`
}

const parameterColumns: readonly Column<ParameterShowJson>[] = [
  { header: "name", align: "left", cell: (parameter) => parameter.name },
  { header: "kind", align: "left", cell: (parameter) => parameter.kind },
  { header: "values or range", align: "left", cell: valuesText },
  { header: "condition", align: "left", cell: conditionText },
  { header: "description", align: "left", cell: (parameter) => parameter.description ?? "" },
]

const constraintColumns: readonly Column<ConstraintSummary>[] = [
  { header: "name", align: "left", cell: (constraint) => constraint.name },
  { header: "expression", align: "left", cell: (constraint) => constraint.expression ?? "(code)" },
  { header: "description", align: "left", cell: (constraint) => constraint.description },
]

/**
 * The readable summary of a loaded space: a heading, the number of configurations and the vector
 * length, then tables of the parameters and the constraints.
 *
 * @example
 * console.log(spaceShowText({ kind: "file", path: "pe.json", space }))
 */
export const spaceShowText = (loaded: LoadedSpace): string => {
  const shown = spaceShowJson(loaded)
  const heading = terminalSafe(
    loaded.kind === "built-in" ? `${shown.name} (built-in): ${loaded.entry.summary}` : `${shown.name} (space file ${loaded.path})`,
  )
  return [
    heading,
    `configurations: ${cardinalityText(shown.cardinality)} (constraints ignored)`,
    `vector length: ${shown.vectorLength}`,
    "",
    `parameters (${shown.parameters.length})`,
    formatTable(parameterColumns, shown.parameters),
    "",
    `constraints (${shown.constraints.length})`,
    shown.constraints.length === 0 ? "none" : formatTable(constraintColumns, shown.constraints),
  ].join("\n")
}
