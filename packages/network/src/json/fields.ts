import { type ParseResult, Schema } from "effect"
import { type ActivationFunction, type Axis, activationFunctions, type Pair } from "../layer/layer.js"

/**
 * Renders an offending value for a message: JSON where possible, so strings keep their quotes.
 *
 * @example
 * describeValue("3") // "\"3\""
 */
export const describeValue = (value: unknown): string => {
  if (value === undefined) return "undefined"
  try {
    const text = JSON.stringify(value)
    return text.length > 60 ? `${text.slice(0, 57)}...` : text
  } catch {
    return String(value)
  }
}

/** A message annotation saying what was expected and what was found, replacing Effect's nested wording. */
const expected = (what: string) => ({
  message: (issue: ParseResult.ParseIssue) => ({ message: `expected ${what}, got ${describeValue(issue.actual)}`, override: true }),
})

/**
 * A whole number of at least 1 (sizes, channel counts, groups, the batch).
 *
 * @example
 * Schema.decodeUnknownSync(PositiveIntJson)(3) // 3; 0, 1.5 and "3" are rejected
 */
export const PositiveIntJson = Schema.Number.pipe(
  Schema.filter((n) => Number.isInteger(n) && n >= 1),
  Schema.annotations({ identifier: "PositiveInt", ...expected("a positive integer") }),
)

/**
 * A whole number of at least 0 (explicit padding, slice starts).
 *
 * @example
 * Schema.decodeUnknownSync(NonNegativeIntJson)(0) // 0
 */
export const NonNegativeIntJson = Schema.Number.pipe(
  Schema.filter((n) => Number.isInteger(n) && n >= 0),
  Schema.annotations({ identifier: "NonNegativeInt", ...expected("a non-negative integer") }),
)

/**
 * A layer name: a non-empty string.
 *
 * @example
 * Schema.decodeUnknownSync(LayerNameJson)("stem/conv") // "stem/conv"
 */
export const LayerNameJson = Schema.String.pipe(
  Schema.filter((s) => s.length > 0),
  Schema.annotations({ identifier: "LayerName", ...expected("a non-empty string") }),
)

/**
 * A canonical `[height, width]` pair of positive integers.
 *
 * @example
 * Schema.decodeUnknownSync(PairJson)([3, 1]) // [3, 1]
 */
export const PairJson: Schema.Schema<Pair> = Schema.Tuple(PositiveIntJson, PositiveIntJson).annotations({
  identifier: "Pair",
  ...expected("[h, w] with positive integers"),
})

/**
 * A 2-D size written as one number for both axes or as `[h, w]`; it decodes to `[h, w]` and
 * encodes back as `[h, w]`.
 *
 * @example
 * Schema.decodeUnknownSync(Size2Json)(3) // [3, 3]
 * Schema.decodeUnknownSync(Size2Json)([1, 7]) // [1, 7]
 */
export const Size2Json: Schema.Schema<Pair, number | readonly [number, number]> = Schema.transform(
  Schema.Union(PositiveIntJson, Schema.Tuple(PositiveIntJson, PositiveIntJson)).annotations({
    identifier: "Size2",
    ...expected("a positive integer or [h, w] with positive integers"),
  }),
  PairJson,
  { strict: true, decode: (size): Pair => (typeof size === "number" ? [size, size] : size), encode: (pair) => pair },
)

/**
 * Padding: `"same"`, `"valid"` or explicit `{ top, bottom, left, right }`.
 *
 * @example
 * Schema.decodeUnknownSync(PaddingJson)({ top: 1, bottom: 1, left: 0, right: 0 })
 */
export const PaddingJson = Schema.Union(
  Schema.Literal("same", "valid"),
  Schema.Struct({ top: NonNegativeIntJson, bottom: NonNegativeIntJson, left: NonNegativeIntJson, right: NonNegativeIntJson }),
).annotations({ identifier: "Padding", ...expected('"same", "valid" or { top, bottom, left, right }') })

/**
 * Explicit padding `{ top, bottom, left, right }` (a transposed convolution's).
 *
 * @example
 * Schema.decodeUnknownSync(ExplicitPaddingJson)({ top: 1, bottom: 1, left: 1, right: 1 })
 */
export const ExplicitPaddingJson = Schema.Struct({
  top: NonNegativeIntJson,
  bottom: NonNegativeIntJson,
  left: NonNegativeIntJson,
  right: NonNegativeIntJson,
}).annotations({ identifier: "ExplicitPadding", ...expected("{ top, bottom, left, right } with non-negative integers") })

/**
 * A per-sample tensor shape `{ h, w, c }` of positive integers.
 *
 * @example
 * Schema.decodeUnknownSync(TensorShapeJson)({ h: 224, w: 224, c: 3 })
 */
export const TensorShapeJson = Schema.Struct({ h: PositiveIntJson, w: PositiveIntJson, c: PositiveIntJson }).annotations({
  identifier: "TensorShape",
})

/**
 * A tensor axis: `"h"`, `"w"` or `"c"`.
 *
 * @example
 * Schema.decodeUnknownSync(AxisJson)("c") // "c"
 */
export const AxisJson: Schema.Schema<Axis> = Schema.Literal("h", "w", "c").annotations({
  identifier: "Axis",
  ...expected('"h", "w" or "c"'),
})

/**
 * An activation function name, one of `activationFunctions`.
 *
 * @example
 * Schema.decodeUnknownSync(ActivationFunctionJson)("relu6") // "relu6"
 */
export const ActivationFunctionJson: Schema.Schema<ActivationFunction> = Schema.Literal(
  ...(activationFunctions as readonly [ActivationFunction, ...ActivationFunction[]]),
).annotations({ identifier: "ActivationFunction", ...expected(`one of ${activationFunctions.join(", ")}`) })

/**
 * An optional field that decodes to `value()` when absent and always encodes (canonical files
 * spell every field out).
 *
 * @example
 * Schema.Struct({ groups: withDefault(PositiveIntJson, () => 1) })
 */
export const withDefault = <A, I>(schema: Schema.Schema<A, I>, value: () => A) =>
  Schema.optionalWith(schema, { exact: true, default: value })
