/**
 * The field rules the accelerator validators share: predicates on values read from JSON, and one
 * way of writing an issue (`path value rule`).
 */

/** One problem with a description: the field path, the value found and a sentence naming both. */
export interface FieldIssue {
  readonly path: string
  readonly value: unknown
  readonly message: string
}

/** A value as an issue message shows it: strings and arrays as JSON, the rest as text. */
export const showValue = (value: unknown): string =>
  typeof value === "string" ? JSON.stringify(value) : Array.isArray(value) ? JSON.stringify(value) : String(value)

/** `{ path, value, message: "path value rule" }`. */
export const fieldIssue = (path: string, value: unknown, rule: string): FieldIssue => ({
  path,
  value,
  message: `${path} ${showValue(value)} ${rule}`,
})

export const isPositiveInteger = (value: unknown): boolean => typeof value === "number" && Number.isInteger(value) && value >= 1
export const isPositiveFinite = (value: unknown): boolean => typeof value === "number" && Number.isFinite(value) && value > 0
export const isNonNegativeFinite = (value: unknown): boolean => typeof value === "number" && Number.isFinite(value) && value >= 0
export const isRecord = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === "object" && value !== null && !Array.isArray(value)
