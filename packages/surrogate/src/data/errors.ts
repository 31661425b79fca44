/**
 * A surrogate's JSON is not what `surrogateFromJson` reads; the message names the JSON path
 * (`$.forest.threshold[3]`) and the value found there.
 *
 * @example
 * try { surrogateFromJson({}) } catch (error) { if (error instanceof SurrogateFormatError) console.error(error.path) }
 */
export class SurrogateFormatError extends Error {
  override readonly name = "SurrogateFormatError"
  constructor(
    readonly path: string,
    readonly expected: string,
    readonly value: unknown,
  ) {
    super(`${path}: expected ${expected}, got ${describeValue(value)}`)
  }
}

/**
 * Training data or options a surrogate cannot use; the message names the field (or row and
 * feature) and the value.
 *
 * @example
 * try { datasetOf(["a"], [Float64Array.of(Number.NaN)], [1]) } catch (error) { console.error((error as Error).message) }
 */
export class SurrogateDataError extends Error {
  override readonly name = "SurrogateDataError"
}

/** A short, bounded rendering of any value for error messages. */
export const describeValue = (value: unknown): string => {
  if (value === undefined) return "undefined"
  if (typeof value === "number" || typeof value === "boolean" || value === null) return String(value)
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value)
  if (Array.isArray(value)) return `an array of ${value.length}`
  if (ArrayBuffer.isView(value)) return `a typed array`
  if (typeof value === "object") return `an object with keys ${Object.keys(value).slice(0, 6).join(", ") || "(none)"}`
  return typeof value
}
