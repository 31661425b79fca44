import {
  type FieldIssue,
  fieldIssue,
  isNonNegativeFinite,
  isPositiveFinite,
  isPositiveInteger,
  isRecord,
} from "../validation/field-rules.js"
import type { ImacAccelerator } from "./accelerator.js"

const integerFields = ["crossbarRows", "crossbarColumns", "crossbarCount", "weightBits", "inputBits"] as const
const positiveFields = ["crossbarOpLatencySeconds", "clockHz", "deviceAreaUm2"] as const
const nonNegativeFields = ["crossbarOpEnergyPj", "adcEnergyPj", "adcLatencySeconds", "layerOverheadCycles", "adcAreaUm2"] as const

/**
 * Checks an IMAC unit read from JSON (or built in code). Never throws; returns every issue, each
 * naming the field path and value: `kind` "imac", a name, positive integer crossbar sizes, count
 * and precisions, a positive operation latency, clock and device area, and energies, ADC latency,
 * overhead and ADC area >= 0.
 *
 * @example
 * validateImacAccelerator({ ...defaultImacAccelerator, crossbarRows: 0 })
 * // [{ path: "crossbarRows", value: 0, message: "crossbarRows 0 must be a positive integer" }]
 */
export const validateImacAccelerator = (value: unknown): FieldIssue[] => {
  if (!isRecord(value))
    return [fieldIssue("(root)", value, "is not an IMAC unit: expected an object with kind, crossbarRows, crossbarColumns")]
  const issues: FieldIssue[] = []
  if (value.kind !== "imac") issues.push(fieldIssue("kind", value.kind, 'must be "imac"'))
  if (typeof value.name !== "string" || value.name === "") issues.push(fieldIssue("name", value.name, "must be a non-empty string"))
  for (const field of integerFields)
    if (!isPositiveInteger(value[field])) issues.push(fieldIssue(field, value[field], "must be a positive integer"))
  for (const field of positiveFields)
    if (!isPositiveFinite(value[field])) issues.push(fieldIssue(field, value[field], "must be a positive number"))
  for (const field of nonNegativeFields)
    if (!isNonNegativeFinite(value[field])) issues.push(fieldIssue(field, value[field], "must be a finite number >= 0"))
  return issues
}

/**
 * Whether a value is a valid IMAC unit.
 *
 * @example
 * isValidImacAccelerator(JSON.parse(text))
 */
export const isValidImacAccelerator = (value: unknown): value is ImacAccelerator => validateImacAccelerator(value).length === 0
