import { Schema } from "effect"
import { expected } from "./annotations.js"
import { ExpressionJsonSchema } from "./expression-schema.js"

const name = Schema.String.pipe(Schema.minLength(1)).annotations(expected("a non-empty string"))
const value = Schema.Union(Schema.String, Schema.Number.pipe(Schema.finite()), Schema.Boolean).annotations(
  expected("a string, a finite number or a boolean"),
)
const ordinalValue = Schema.Union(Schema.String, Schema.Number.pipe(Schema.finite())).annotations(expected("a string or a finite number"))
const list = <S extends Schema.Schema.Any>(item: S, what: string) => Schema.Array(item).annotations(expected(what, false))
const finite = Schema.Number.pipe(Schema.finite()).annotations(expected("a finite number"))
const whole = Schema.Number.pipe(Schema.int()).annotations(expected("an integer"))
const scale = Schema.Literal("linear", "log").annotations(expected('"linear" or "log"'))
const text = Schema.String.annotations(expected("a string"))
const optional = <S extends Schema.Schema.Any>(schema: S) => Schema.optionalWith(schema, { exact: true })

const ConditionJson = Schema.Struct({
  parent: name,
  in: list(value, "a list of parent values"),
}).annotations(expected('{ "parent": name, "in": [values] }', false))

const common = { condition: optional(ConditionJson), description: optional(text) }

const CategoricalJson = Schema.Struct({ name, kind: Schema.Literal("categorical"), values: list(value, "a list of values"), ...common })
const OrdinalJson = Schema.Struct({ name, kind: Schema.Literal("ordinal"), values: list(ordinalValue, "a list of values"), ...common })
const IntegerJson = Schema.Struct({ name, kind: Schema.Literal("integer"), low: whole, high: whole, scale: optional(scale), ...common })
const FloatJson = Schema.Struct({ name, kind: Schema.Literal("float"), low: finite, high: finite, scale: optional(scale), ...common })
const BooleanJson = Schema.Struct({ name, kind: Schema.Literal("boolean"), ...common })

/**
 * One parameter in a space file, told apart by `kind`.
 *
 * @example
 * Schema.decodeUnknownSync(ParameterJsonSchema)({ name: "pe_x", kind: "ordinal", values: [4, 8, 16] })
 */
export const ParameterJsonSchema = Schema.Union(CategoricalJson, OrdinalJson, IntegerJson, FloatJson, BooleanJson).annotations({
  identifier: "Parameter",
})

/**
 * A parameter as written in a space file (`scale` optional, default `linear`).
 *
 * @example
 * const lr: ParameterJson = { name: "lr", kind: "float", low: 1e-4, high: 1e-1, scale: "log" }
 */
export type ParameterJson = Schema.Schema.Type<typeof ParameterJsonSchema>

const ConstraintJsonSchema = Schema.Struct({
  name,
  description: optional(text),
  expression: ExpressionJsonSchema,
})

/**
 * A constraint as written in a space file: a name, an optional description and an expression.
 *
 * @example
 * const budget: ConstraintJson = { name: "pe-budget", expression: { op: "<=", args: [{ param: "pe_x" }, 64] } }
 */
export type ConstraintJson = Schema.Schema.Type<typeof ConstraintJsonSchema>

/**
 * The form of a space file: `{ name, parameters: [...], constraints?: [...] }`. Only the form is
 * checked here; `decodeSpaceJson` adds the checks across fields (names, parents, ranges).
 *
 * @example
 * Schema.decodeUnknownSync(SpaceJsonSchema)({ name: "tiny", parameters: [{ name: "b", kind: "boolean" }] })
 */
export const SpaceJsonSchema = Schema.Struct({
  name,
  parameters: list(ParameterJsonSchema, "a list of parameters"),
  constraints: optional(list(ConstraintJsonSchema, "a list of constraints")),
}).annotations({ identifier: "Space" })

/**
 * A space file as JSON data.
 *
 * @example
 * const file: SpaceJson = { name: "tiny", parameters: [{ name: "pe_x", kind: "ordinal", values: [4, 8] }] }
 */
export type SpaceJson = Schema.Schema.Type<typeof SpaceJsonSchema>
