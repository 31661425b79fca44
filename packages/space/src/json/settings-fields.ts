import { Schema } from "effect"
import { expected } from "./annotations.js"

/**
 * A field that may be left out, but not set to `undefined` (exact optional).
 *
 * @example
 * Schema.Struct({ timeoutSeconds: optionalField(positiveNumber) })
 */
export const optionalField = <S extends Schema.Schema.Any>(schema: S) => Schema.optionalWith(schema, { exact: true })

/**
 * A string with at least one character.
 *
 * @example
 * Schema.decodeUnknownSync(nonEmptyString)("latency") // "latency"
 */
export const nonEmptyString = Schema.String.pipe(Schema.minLength(1)).annotations(expected("a non-empty string"))

/**
 * An integer of 1 or more.
 *
 * @example
 * Schema.Struct({ population: optionalField(positiveInteger) })
 */
export const positiveInteger = Schema.Number.pipe(Schema.int(), Schema.positive()).annotations(expected("a positive integer"))

/**
 * An integer of 0 or more.
 *
 * @example
 * Schema.Struct({ retries: optionalField(wholeNumber) })
 */
export const wholeNumber = Schema.Number.pipe(Schema.int(), Schema.nonNegative()).annotations(expected("a whole number (0 or more)"))

/**
 * A finite number above 0.
 *
 * @example
 * Schema.Struct({ wallTimeSeconds: optionalField(positiveNumber) })
 */
export const positiveNumber = Schema.Number.pipe(Schema.finite(), Schema.positive()).annotations(expected("a positive number"))

/**
 * A number that is neither infinite nor NaN.
 *
 * @example
 * Schema.Struct({ max: optionalField(finiteNumber) })
 */
export const finiteNumber = Schema.Number.pipe(Schema.finite()).annotations(expected("a finite number"))

/**
 * A list of `item`s; `what` names the list in messages ("expected <what>, got ...").
 *
 * @example
 * listOf(Constraint, "a list of constraints")
 */
export const listOf = <S extends Schema.Schema.Any>(item: S, what: string) => Schema.Array(item).annotations(expected(what, false))

/**
 * A list of at least one `item`; `what` names the list in messages.
 *
 * @example
 * nonEmptyListOf(nonEmptyString, "a non-empty list of zoo network specs")
 */
export const nonEmptyListOf = <A, I>(item: Schema.Schema<A, I>, what: string) =>
  Schema.Array(item).pipe(Schema.minItems(1)).annotations(expected(what, false))

/**
 * Names quoted and joined as a sentence says them: `"a", "b" or "c"`.
 *
 * @example
 * quotedChoices(["latency", "energy", "edp"]) // '"latency", "energy" or "edp"'
 */
export const quotedChoices = (names: readonly string[]): string => {
  const quoted = names.map((name) => `"${name}"`)
  return quoted.length < 2 ? quoted.join("") : `${quoted.slice(0, -1).join(", ")} or ${quoted.at(-1)}`
}
