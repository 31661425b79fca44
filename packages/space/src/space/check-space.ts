import { checkExpression, type ExpressionType } from "../expression/check-expression.js"
import { listedValues, type Parameter } from "../parameter/parameter.js"
import { formatValue, formatValues, isValue } from "../value/value.js"
import type { SpaceDefinition } from "./space.js"
import type { SpaceIssue } from "./space-issue.js"

/**
 * The expression type of a parameter's values: numbers, booleans, or other values.
 *
 * @example
 * parameterValueType(ordinal("pe_x", [4, 8])) // "number"
 */
export const parameterValueType = (parameter: Parameter): ExpressionType => {
  const values = listedValues(parameter)
  if (values === undefined) return "number"
  if (values.every((value) => typeof value === "number")) return "number"
  if (values.every((value) => typeof value === "boolean")) return "boolean"
  return "value"
}

const checkValueList = (parameter: Parameter & { readonly values: readonly unknown[] }, at: string, issues: SpaceIssue[]): void => {
  const { name, values } = parameter
  if (values.length === 0) issues.push({ path: `${at}.values`, message: `parameter "${name}" needs at least one value, got []` })
  const seen = new Map<unknown, number>()
  values.forEach((value, index) => {
    const ordinalValue = parameter.kind !== "ordinal" || typeof value !== "boolean"
    if (!isValue(value) || !ordinalValue) {
      const wanted = parameter.kind === "ordinal" ? "a string or a finite number" : "a string, a finite number or a boolean"
      issues.push({ path: `${at}.values[${index}]`, message: `parameter "${name}" needs ${wanted}, got ${formatValue(value)}` })
      return
    }
    const first = seen.get(value)
    if (first !== undefined) {
      issues.push({
        path: `${at}.values[${index}]`,
        message: `parameter "${name}" lists ${formatValue(value)} twice (also at values[${first}])`,
      })
    } else seen.set(value, index)
  })
}

const checkRange = (parameter: Parameter & { readonly kind: "integer" | "float" }, at: string, issues: SpaceIssue[]): void => {
  const { name, low, high, scale } = parameter
  const whole = parameter.kind === "integer"
  const valid = (bound: number) => (whole ? Number.isSafeInteger(bound) : Number.isFinite(bound))
  const wanted = whole ? "an integer" : "a finite number"
  if (!valid(low)) issues.push({ path: `${at}.low`, message: `parameter "${name}" needs ${wanted} as low, got ${formatValue(low)}` })
  if (!valid(high)) issues.push({ path: `${at}.high`, message: `parameter "${name}" needs ${wanted} as high, got ${formatValue(high)}` })
  if (valid(low) && valid(high) && low > high) {
    issues.push({ path: `${at}.low`, message: `parameter "${name}" has low ${formatValue(low)} greater than high ${formatValue(high)}` })
  }
  if (scale !== "linear" && scale !== "log") {
    issues.push({ path: `${at}.scale`, message: `parameter "${name}" needs scale "linear" or "log", got ${formatValue(scale)}` })
  }
  if (scale === "log" && valid(low) && low <= 0) {
    issues.push({ path: `${at}.low`, message: `parameter "${name}" has a log scale, which needs low > 0, got ${formatValue(low)}` })
  }
}

const checkParameter = (parameter: Parameter, at: string, issues: SpaceIssue[]): void => {
  if (typeof parameter.name !== "string" || parameter.name === "" || parameter.name === "__proto__") {
    issues.push({
      path: `${at}.name`,
      message: `expected a non-empty parameter name other than "__proto__", got ${formatValue(parameter.name)}`,
    })
  }
  switch (parameter.kind) {
    case "categorical":
    case "ordinal":
      checkValueList(parameter, at, issues)
      break
    case "integer":
    case "float":
      checkRange(parameter, at, issues)
      break
    case "boolean":
      break
    default:
      issues.push({
        path: `${at}.kind`,
        message: `expected "categorical", "ordinal", "integer", "float" or "boolean", got ${formatValue((parameter as { kind: unknown }).kind)}`,
      })
  }
}

const checkCondition = (parameter: Parameter, at: string, byName: ReadonlyMap<string, Parameter>, issues: SpaceIssue[]): void => {
  const condition = parameter.condition
  if (condition === undefined) return
  const parent = byName.get(condition.parent)
  if (parent === undefined) {
    const known = formatValues([...byName.keys()])
    issues.push({
      path: `${at}.condition.parent`,
      message: `parameter "${parameter.name}" is conditioned on unknown parameter ${formatValue(condition.parent)}; the parameters are ${known}`,
    })
    return
  }
  const parentValues = listedValues(parent)
  if (parentValues === undefined) {
    issues.push({
      path: `${at}.condition.parent`,
      message: `parameter "${parameter.name}" is conditioned on "${parent.name}", a ${parent.kind} parameter; a parent must be categorical, ordinal or boolean`,
    })
    return
  }
  if (condition.in.length === 0) {
    issues.push({
      path: `${at}.condition.in`,
      message: `parameter "${parameter.name}" needs at least one value of "${parent.name}" to be active in`,
    })
  }
  condition.in.forEach((value, index) => {
    if (!parentValues.includes(value)) {
      issues.push({
        path: `${at}.condition.in[${index}]`,
        message: `${formatValue(value)} is not a value of "${parent.name}"; its values are ${formatValues(parentValues)}`,
      })
    }
  })
}

/** Reports each cycle of condition parents once, at its first parameter. */
const checkCycles = (parameters: readonly Parameter[], indexOf: ReadonlyMap<string, number>, issues: SpaceIssue[]): void => {
  const state = new Uint8Array(parameters.length) // 0 new, 1 on the current chain, 2 done
  parameters.forEach((_, start) => {
    const chain: number[] = []
    let at: number | undefined = start
    while (at !== undefined && state[at] === 0) {
      state[at] = 1
      chain.push(at)
      const parent: string | undefined = parameters[at]?.condition?.parent
      at = parent === undefined ? undefined : indexOf.get(parent)
    }
    if (at !== undefined && state[at] === 1) {
      const cycle = chain.slice(chain.indexOf(at))
      const first = Math.min(...cycle)
      const rotated = [...cycle.slice(cycle.indexOf(first)), ...cycle.slice(0, cycle.indexOf(first)), first]
      issues.push({
        path: `parameters[${first}].condition.parent`,
        message: `conditions form a cycle: ${rotated.map((index) => `"${parameters[index]?.name}"`).join(" -> ")}`,
      })
    }
    for (const index of chain) state[index] = 2
  })
}

/**
 * Lists every problem of a space definition, each with its path: the checks behind
 * `defineSpace` and `decodeSpaceJson`. An empty list means the definition is valid.
 *
 * @example
 * checkSpaceDefinition({ name: "bad", parameters: [integer("batch", 0, 64, { scale: "log" })] })
 * // [{ path: "parameters[0].low", message: 'parameter "batch" has a log scale, which needs low > 0, got 0' }]
 */
export const checkSpaceDefinition = (definition: SpaceDefinition): SpaceIssue[] => {
  const issues: SpaceIssue[] = []
  if (typeof definition.name !== "string" || definition.name === "") {
    issues.push({ path: "name", message: `expected a non-empty space name, got ${formatValue(definition.name)}` })
  }
  const byName = new Map<string, Parameter>()
  const indexOf = new Map<string, number>()
  definition.parameters.forEach((parameter, index) => {
    const at = `parameters[${index}]`
    checkParameter(parameter, at, issues)
    const first = indexOf.get(parameter.name)
    if (first !== undefined) {
      issues.push({ path: `${at}.name`, message: `duplicate parameter name "${parameter.name}" (first declared at parameters[${first}])` })
    } else {
      byName.set(parameter.name, parameter)
      indexOf.set(parameter.name, index)
    }
  })
  definition.parameters.forEach((parameter, index) => {
    checkCondition(parameter, `parameters[${index}]`, byName, issues)
  })
  checkCycles(definition.parameters, indexOf, issues)
  const constraintNames = new Map<string, number>()
  const typeOf = (name: string): ExpressionType | undefined => {
    const parameter = byName.get(name)
    return parameter === undefined ? undefined : parameterValueType(parameter)
  }
  const knownNames = () => formatValues([...byName.keys()])
  ;(definition.constraints ?? []).forEach((constraint, index) => {
    const at = `constraints[${index}]`
    if (typeof constraint.name !== "string" || constraint.name === "") {
      issues.push({ path: `${at}.name`, message: `expected a non-empty constraint name, got ${formatValue(constraint.name)}` })
    }
    const first = constraintNames.get(constraint.name)
    if (first !== undefined) {
      issues.push({
        path: `${at}.name`,
        message: `duplicate constraint name "${constraint.name}" (first declared at constraints[${first}])`,
      })
    } else constraintNames.set(constraint.name, index)
    if (typeof constraint.check !== "function") {
      issues.push({ path: `${at}.check`, message: `constraint "${constraint.name}" needs a check function` })
    }
    if (constraint.expression !== undefined) issues.push(...checkExpression(constraint.expression, `${at}.expression`, typeOf, knownNames))
  })
  return issues
}
