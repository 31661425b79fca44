import { compileSpace } from "../compile/compiled-space.js"
import { geneOf, geneValue } from "../compile/gene.js"
import { FLOAT, INTEGER } from "../compile/kind-code.js"
import { formatExpression } from "../expression/format-expression.js"
import { describeDomain } from "../parameter/domain.js"
import type { Parameter } from "../parameter/parameter.js"
import type { Space } from "../space/space.js"
import { type Configuration, formatValue, formatValues } from "../value/value.js"
import type { ConfigurationIssue } from "./configuration-issue.js"

const valueIssue = (parameter: Parameter, kindCode: number, value: unknown): ConfigurationIssue => {
  const name = parameter.name
  const allowed = describeDomain(parameter)
  if (kindCode === INTEGER || kindCode === FLOAT) {
    if (typeof value !== "number" || Number.isNaN(value)) {
      return { kind: "value-not-allowed", parameter: name, message: `parameter "${name}": expected ${allowed}, got ${formatValue(value)}` }
    }
    if (kindCode === INTEGER && !Number.isInteger(value)) {
      return {
        kind: "not-integer",
        parameter: name,
        message: `parameter "${name}": ${formatValue(value)} is not an integer; allowed: ${allowed}`,
      }
    }
    return {
      kind: "out-of-range",
      parameter: name,
      message: `parameter "${name}": ${formatValue(value)} is out of range; allowed: ${allowed}`,
    }
  }
  return {
    kind: "value-not-allowed",
    parameter: name,
    message: `parameter "${name}": ${formatValue(value)} is not allowed; allowed: ${allowed}`,
  }
}

/**
 * Lists every problem of a configuration: unknown parameters, missing active parameters,
 * inactive parameters present, values not allowed, out of range or not integers, and (only when
 * all values are fine) violated constraints. Each message names the parameter or constraint and
 * what is allowed. An empty list means the configuration is a valid point of the space.
 *
 * @example
 * validateConfiguration(space, { pe_x: 5, pe_y: 8 })
 * // [{ kind: "value-not-allowed", parameter: "pe_x", message: 'parameter "pe_x": 5 is not allowed; allowed: one of 4, 8, 16' }]
 */
export const validateConfiguration = (space: Space, config: Configuration): ConfigurationIssue[] => {
  const compiled = compileSpace(space)
  const { size, order, parent, names } = compiled
  const genome = new Float64Array(size)
  const unknownState = new Uint8Array(size)
  const byParameter: (ConfigurationIssue | undefined)[] = new Array(size).fill(undefined)
  for (let position = 0; position < size; position++) {
    const index = order[position] as number
    const parameter = space.parameters[index] as Parameter
    const name = names[index] as string
    const up = parent[index] as number
    genome[index] = Number.NaN
    if (up >= 0 && unknownState[up] === 1) {
      unknownState[index] = 1
      continue
    }
    const upGene = up >= 0 ? (genome[up] as number) : 0
    const active = up < 0 || (!Number.isNaN(upGene) && compiled.activeOn[index]?.[upGene] === 1)
    const present = Object.hasOwn(config, name)
    if (!active) {
      if (present) {
        const parentName = names[up] as string
        const now = !Number.isNaN(upGene)
          ? `"${parentName}" is ${formatValue(geneValue(compiled, up, upGene))}`
          : `"${parentName}" is inactive`
        const message = `parameter "${name}" is inactive (it applies only when "${parentName}" is one of ${formatValues(parameter.condition?.in ?? [])}; ${now}) but the configuration has it`
        byParameter[index] = { kind: "inactive-parameter", parameter: name, message }
      }
      continue
    }
    if (!present) {
      const message = `parameter "${name}" is missing; it is active and takes ${describeDomain(parameter)}`
      byParameter[index] = { kind: "missing-parameter", parameter: name, message }
      unknownState[index] = 1
      continue
    }
    const value = config[name]
    const gene = geneOf(compiled, index, value)
    if (Number.isNaN(gene)) {
      byParameter[index] = valueIssue(parameter, compiled.kind[index] as number, value)
      unknownState[index] = 1
      continue
    }
    genome[index] = gene
  }
  const issues = byParameter.filter((issue): issue is ConfigurationIssue => issue !== undefined)
  for (const key of Object.keys(config)) {
    if (!compiled.indexOf.has(key)) {
      issues.push({
        kind: "unknown-parameter",
        parameter: key,
        message: `unknown parameter "${key}"; the parameters of space "${space.name}" are ${formatValues(names)}`,
      })
    }
  }
  if (issues.length > 0) return issues
  for (const constraint of space.constraints) {
    if (constraint.check(config)) continue
    const rule = constraint.expression === undefined ? "" : `: ${formatExpression(constraint.expression)}`
    const why = constraint.description === "" ? "" : ` (${constraint.description})`
    issues.push({
      kind: "constraint-violated",
      constraint: constraint.name,
      message: `constraint "${constraint.name}" is violated${rule}${why}`,
    })
  }
  return issues
}
