import { isSystolicDataflow, type SystolicArray } from "./array.js"

/**
 * One problem with a `SystolicArray`: the field (`(root)` for a value that is no object), the
 * value found and a sentence naming both.
 *
 * @example
 * const issue: SystolicArrayIssue = { field: "rows", value: 0, message: "rows 0 must be a positive integer" }
 */
export interface SystolicArrayIssue {
  readonly field: keyof SystolicArray | "(root)"
  readonly value: unknown
  readonly message: string
}

const show = (value: unknown): string => (typeof value === "string" ? JSON.stringify(value) : String(value))

const issue = (field: keyof SystolicArray | "(root)", value: unknown, rule: string): SystolicArrayIssue => ({
  field,
  value,
  message: `${field} ${show(value)} ${rule}`,
})

const positiveInteger = (value: unknown): boolean => typeof value === "number" && Number.isInteger(value) && value >= 1
const positiveFinite = (value: unknown): boolean => typeof value === "number" && Number.isFinite(value) && value > 0

/**
 * Checks a systolic array description; it takes `unknown` so that data read from JSON can be
 * checked before it is trusted. Never throws; returns every issue (empty when valid), each
 * naming the field and value: rows, columns and the SRAM sizes must be positive integers, the
 * dataflow one of `os`/`ws`/`is`, the DRAM bandwidth `"calc"` or a positive number, bytes per
 * element a positive integer and the clock, when given, a positive number.
 *
 * @example
 * validateSystolicArray({ ...systolicPresets["systolic-32x32"], rows: 0 })
 * // [{ field: "rows", value: 0, message: "rows 0 must be a positive integer" }]
 */
export const validateSystolicArray = (value: unknown): SystolicArrayIssue[] => {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return [issue("(root)", value, "is not a systolic array description: expected an object with rows, columns, dataflow, ...")]
  }
  const array = value as { readonly [field in keyof SystolicArray]?: unknown }
  const issues: SystolicArrayIssue[] = []
  for (const field of ["rows", "columns", "ifmapSramBytes", "filterSramBytes", "ofmapSramBytes", "bytesPerElement"] as const) {
    if (!positiveInteger(array[field])) issues.push(issue(field, array[field], "must be a positive integer"))
  }
  if (!isSystolicDataflow(array.dataflow)) {
    issues.push(issue("dataflow", array.dataflow, "must be one of os (output stationary), ws (weight stationary), is (input stationary)"))
  }
  const bandwidth = array.dramBytesPerCycle
  if (bandwidth !== undefined && bandwidth !== "calc" && !positiveFinite(bandwidth)) {
    issues.push(issue("dramBytesPerCycle", bandwidth, 'must be "calc" or a positive number of bytes per cycle'))
  }
  if (array.clockMhz !== undefined && !positiveFinite(array.clockMhz)) {
    issues.push(issue("clockMhz", array.clockMhz, "must be a positive number of MHz"))
  }
  if (array.name !== undefined && typeof array.name !== "string") issues.push(issue("name", array.name, "must be a string"))
  return issues
}

/**
 * Whether a value is a valid `SystolicArray` (no issues from `validateSystolicArray`).
 *
 * @example
 * if (isValidSystolicArray(JSON.parse(text))) console.log("ok")
 */
export const isValidSystolicArray = (value: unknown): value is SystolicArray => validateSystolicArray(value).length === 0
