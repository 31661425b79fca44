/**
 * One value a parameter can take: a string, a number or a boolean.
 *
 * @example
 * const values: readonly Value[] = ["ws", 16, true]
 */
export type Value = string | number | boolean

/**
 * A point of a space: one value for each active parameter, and nothing else.
 *
 * @example
 * const config: Configuration = { dataflow: "ws", pe_x: 16, use_se: true }
 */
export type Configuration = Readonly<Record<string, Value>>

/**
 * Renders a value for a message or a summary: strings quoted, numbers in their shortest
 * round-trip form.
 *
 * @example
 * formatValue("ws") // "\"ws\""
 * formatValue(0.1) // "0.1"
 */
export const formatValue = (value: unknown): string => {
  if (typeof value === "number") return Object.is(value, -0) ? "0" : String(value)
  if (typeof value === "boolean") return String(value)
  if (value === undefined) return "undefined"
  try {
    const text = JSON.stringify(value)
    if (text === undefined) return String(value)
    return text.length > 60 ? `${text.slice(0, 57)}...` : text
  } catch {
    return String(value)
  }
}

/**
 * Renders a list of values as `a, b, c`, eliding the middle of long lists.
 *
 * @example
 * formatValues([4, 8, 16]) // "4, 8, 16"
 */
export const formatValues = (values: readonly unknown[]): string => {
  const shown = values.length > 12 ? [...values.slice(0, 10).map(formatValue), "...", formatValue(values.at(-1))] : values.map(formatValue)
  return shown.join(", ")
}

/**
 * Whether something is a `Value` (a string, a finite number or a boolean).
 *
 * @example
 * isValue(3) // true
 * isValue(Number.NaN) // false
 */
export const isValue = (value: unknown): value is Value =>
  typeof value === "string" || typeof value === "boolean" || (typeof value === "number" && Number.isFinite(value))
