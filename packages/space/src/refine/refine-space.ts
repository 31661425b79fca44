import { compileSpace } from "../compile/compiled-space.js"
import { type Constraint, expressionConstraint } from "../constraint/constraint.js"
import { pruneExpression } from "../expression/prune-expression.js"
import { describeDomain } from "../parameter/domain.js"
import { categorical, listedValues, type Parameter } from "../parameter/parameter.js"
import { checkSpaceDefinition } from "../space/check-space.js"
import { assembleSpace, type Space } from "../space/space.js"
import { formatSpaceIssues, type SpaceIssue } from "../space/space-issue.js"
import { formatValue, formatValues, type Value } from "../value/value.js"

/**
 * A narrower range for an integer or float parameter.
 *
 * @example
 * const range: RangeNarrowing = { low: 8, high: 64 }
 */
export interface RangeNarrowing {
  readonly low: number
  readonly high: number
}

/**
 * How an experiment restricts a space: `fix` pins parameters to one value, `narrow` keeps a
 * subset of the values (a list for categorical, ordinal and boolean parameters) or a sub-range.
 *
 * @example
 * const refinement: Refinement = { fix: { dataflow: "ws" }, narrow: { pe_x: [8, 16], batch: { low: 1, high: 32 } } }
 */
export interface Refinement {
  readonly fix?: Readonly<Record<string, Value>>
  readonly narrow?: Readonly<Record<string, readonly Value[] | RangeNarrowing>>
}

/**
 * The outcome of `refineSpace`: the refined space, or each problem with its path (`fix.pe_x`).
 *
 * @example
 * const result: Refined = refineSpace(space, { fix: { pe_x: 16 } })
 * if (!result.ok) throw new Error(result.message)
 */
export type Refined =
  | { readonly ok: true; readonly space: Space }
  | { readonly ok: false; readonly issues: readonly SpaceIssue[]; readonly message: string }

const fixParameter = (parameter: Parameter, value: Value, at: string, issues: SpaceIssue[]): Parameter => {
  const refuse = (): Parameter => {
    issues.push({
      path: at,
      message: `parameter "${parameter.name}" cannot be fixed to ${formatValue(value)}; allowed: ${describeDomain(parameter)}`,
    })
    return parameter
  }
  switch (parameter.kind) {
    case "categorical":
      return parameter.values.includes(value) ? { ...parameter, values: [value] } : refuse()
    case "ordinal":
      return typeof value !== "boolean" && parameter.values.includes(value) ? { ...parameter, values: [value] } : refuse()
    case "boolean":
      return typeof value === "boolean" ? keepOptions(parameter, categorical(parameter.name, [value])) : refuse()
    default: {
      const fits = typeof value === "number" && value >= parameter.low && value <= parameter.high
      return fits && (parameter.kind === "float" || Number.isInteger(value)) ? { ...parameter, low: value, high: value } : refuse()
    }
  }
}

const keepOptions = (from: Parameter, to: Parameter): Parameter => ({
  ...to,
  ...(from.condition === undefined ? {} : { condition: from.condition }),
  ...(from.description === undefined ? {} : { description: from.description }),
})

const narrowParameter = (
  parameter: Parameter,
  narrowing: readonly Value[] | RangeNarrowing,
  at: string,
  issues: SpaceIssue[],
): Parameter => {
  const allowed = describeDomain(parameter)
  const values = listedValues(parameter)
  if (values !== undefined) {
    if (!Array.isArray(narrowing)) {
      issues.push({
        path: at,
        message: `parameter "${parameter.name}" is narrowed by a list of its values (${allowed}), got ${formatValue(narrowing)}`,
      })
      return parameter
    }
    const list: readonly Value[] = narrowing
    if (list.length === 0) issues.push({ path: at, message: `parameter "${parameter.name}" needs at least one value; allowed: ${allowed}` })
    list.forEach((value, index) => {
      if (!values.includes(value))
        issues.push({
          path: `${at}[${index}]`,
          message: `parameter "${parameter.name}": ${formatValue(value)} is not allowed; allowed: ${allowed}`,
        })
    })
    const kept = values.filter((value) => list.includes(value))
    if (kept.length === 0 || kept.length === values.length) return parameter
    if (parameter.kind === "boolean") return keepOptions(parameter, categorical(parameter.name, kept))
    return { ...parameter, values: kept } as Parameter
  }
  if (parameter.kind !== "integer" && parameter.kind !== "float") return parameter
  const range = narrowing as Partial<RangeNarrowing>
  const { low, high } = range
  const whole = parameter.kind === "integer"
  const valid = (bound: unknown): bound is number => typeof bound === "number" && (whole ? Number.isInteger(bound) : Number.isFinite(bound))
  if (Array.isArray(narrowing) || !valid(low) || !valid(high) || low > high || low < parameter.low || high > parameter.high) {
    issues.push({
      path: at,
      message: `parameter "${parameter.name}" is narrowed by { low, high } with low <= high inside its range (${allowed}), got ${formatValue(narrowing)}`,
    })
    return parameter
  }
  return { ...parameter, low, high }
}

/**
 * Refines a space for an experiment: fixed parameters become single-valued, narrowed ones keep
 * the listed values (in their original order) or the sub-range. Conditions follow: a child keeps
 * only the parent values that remain, and children (with their descendants) that can no longer
 * be active are dropped, as are the parts of constraint expressions that refer to them. Errors
 * name the parameter and its allowed values.
 *
 * @example
 * const result = refineSpace(space, { fix: { dataflow: "ws" }, narrow: { pe_x: [8, 16] } })
 * if (!result.ok) console.error(result.message) // 'fix.dataflow: parameter "dataflow" cannot be fixed to "xy"; allowed: one of "ws", "os"'
 */
export const refineSpace = (space: Space, refinement: Refinement): Refined => {
  const issues: SpaceIssue[] = []
  const compiled = compileSpace(space)
  const refined: Parameter[] = [...space.parameters]
  const known = formatValues(compiled.names)
  const target = (name: string, at: string): number | undefined => {
    const index = compiled.indexOf.get(name)
    if (index === undefined)
      issues.push({ path: at, message: `unknown parameter "${name}"; the parameters of space "${space.name}" are ${known}` })
    return index
  }
  for (const [name, value] of Object.entries(refinement.fix ?? {})) {
    const index = target(name, `fix.${name}`)
    if (index === undefined) continue
    if (refinement.narrow !== undefined && Object.hasOwn(refinement.narrow, name)) {
      issues.push({ path: `narrow.${name}`, message: `parameter "${name}" is both fixed and narrowed; keep one` })
    }
    refined[index] = fixParameter(refined[index] as Parameter, value, `fix.${name}`, issues)
  }
  for (const [name, narrowing] of Object.entries(refinement.narrow ?? {})) {
    const index = target(name, `narrow.${name}`)
    if (index === undefined || Object.hasOwn(refinement.fix ?? {}, name)) continue
    refined[index] = narrowParameter(refined[index] as Parameter, narrowing, `narrow.${name}`, issues)
  }
  if (issues.length > 0) return { ok: false, issues, message: formatSpaceIssues(issues) }
  // Conditions follow the parents' remaining values; children that can no longer be active go.
  const gone = new Set<string>()
  for (const index of compiled.order) {
    const parameter = refined[index] as Parameter
    const condition = parameter.condition
    if (condition === undefined) continue
    const parentIndex = compiled.parent[index] as number
    const parentValues = listedValues(refined[parentIndex] as Parameter) ?? []
    const kept = condition.in.filter((value) => parentValues.includes(value))
    if (gone.has(condition.parent) || kept.length === 0) gone.add(parameter.name)
    else if (kept.length < condition.in.length) refined[index] = { ...parameter, condition: { parent: condition.parent, in: kept } }
  }
  const constraints = space.constraints.flatMap((constraint): Constraint[] => {
    if (constraint.expression === undefined || gone.size === 0) return [constraint]
    const pruned = pruneExpression(constraint.expression, (name) => gone.has(name))
    if (pruned === undefined) return []
    return pruned === constraint.expression ? [constraint] : [expressionConstraint(constraint.name, constraint.description, pruned)]
  })
  const definition = { name: space.name, parameters: refined.filter((parameter) => !gone.has(parameter.name)), constraints }
  const left = checkSpaceDefinition(definition)
  if (left.length > 0) return { ok: false, issues: left, message: formatSpaceIssues(left) }
  return { ok: true, space: assembleSpace(definition) }
}
