import { type FieldIssue, type FlatFieldRules, fieldIssue, flatFieldIssues, isRecord } from "../validation/field-rules.js"
import type { ImacAccelerator } from "./accelerator.js"

const rules: FlatFieldRules = {
  positiveIntegers: ["crossbarRows", "crossbarColumns", "crossbarCount", "weightBits", "inputBits"],
  positive: ["crossbarOpLatencySeconds", "clockHz", "deviceAreaUm2"],
  nonNegative: ["crossbarOpEnergyPj", "adcEnergyPj", "adcLatencySeconds", "layerOverheadCycles", "adcAreaUm2"],
}

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
  return flatFieldIssues(value, "imac", rules)
}

/**
 * Whether a value is a valid IMAC unit.
 *
 * @example
 * isValidImacAccelerator(JSON.parse(text))
 */
export const isValidImacAccelerator = (value: unknown): value is ImacAccelerator => validateImacAccelerator(value).length === 0
