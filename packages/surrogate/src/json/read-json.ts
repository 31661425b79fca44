import { SurrogateFormatError } from "../data/errors.js"

/**
 * A value inside a JSON document with its path (`$.forest.threshold[3]`), for reading with
 * errors that say where and what.
 */
export class JsonReader {
  constructor(
    readonly value: unknown,
    readonly path = "$",
  ) {}

  /** The child at an object key or array index (undefined when absent). */
  at(key: string | number): JsonReader {
    const path = typeof key === "number" ? `${this.path}[${key}]` : `${this.path}.${key}`
    if (typeof key === "number") return new JsonReader(Array.isArray(this.value) ? this.value[key] : undefined, path)
    const isObject = typeof this.value === "object" && this.value !== null && !Array.isArray(this.value)
    return new JsonReader(isObject ? (this.value as Record<string, unknown>)[key] : undefined, path)
  }

  /** Throws `SurrogateFormatError` at this path. */
  fail(expected: string): never {
    throw new SurrogateFormatError(this.path, expected, this.value)
  }
}

/** A finite number. */
export const readNumber = (json: JsonReader): number =>
  typeof json.value === "number" && Number.isFinite(json.value) ? json.value : json.fail("a finite number")

/** An integer in `[min, max]`. */
export const readInt = (json: JsonReader, min: number, max: number): number =>
  typeof json.value === "number" && Number.isInteger(json.value) && json.value >= min && json.value <= max
    ? json.value
    : json.fail(`an integer in [${min}, ${max}]`)

/** A string. */
export const readString = (json: JsonReader): string => (typeof json.value === "string" ? json.value : json.fail("a string"))

/** A boolean. */
export const readBoolean = (json: JsonReader): boolean => (typeof json.value === "boolean" ? json.value : json.fail("true or false"))

const readArray = (json: JsonReader, length: number | undefined): unknown[] => {
  if (!Array.isArray(json.value)) return json.fail(length === undefined ? "an array" : `an array of ${length}`)
  if (length !== undefined && json.value.length !== length) return json.fail(`an array of ${length}`)
  return json.value
}

/** An array of finite numbers (of `length` when given). */
export const readFiniteArray = (json: JsonReader, length?: number): Float64Array => {
  const values = readArray(json, length)
  const out = new Float64Array(values.length)
  values.forEach((value, i) => {
    out[i] = typeof value === "number" && Number.isFinite(value) ? value : json.at(i).fail("a finite number")
  })
  return out
}

/** An array of integers in `[min, max]` (of `length` when given). */
export const readIntArray = (json: JsonReader, min: number, max: number, length?: number): Int32Array => {
  const values = readArray(json, length)
  const out = new Int32Array(values.length)
  values.forEach((value, i) => {
    out[i] =
      typeof value === "number" && Number.isInteger(value) && value >= min && value <= max
        ? value
        : json.at(i).fail(`an integer in [${min}, ${max}]`)
  })
  return out
}

/** An array of strings. */
export const readStringArray = (json: JsonReader): string[] =>
  readArray(json, undefined).map((value, i) => (typeof value === "string" ? value : json.at(i).fail("a string")))
