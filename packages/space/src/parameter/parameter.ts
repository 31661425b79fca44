import type { Value } from "../value/value.js"

/**
 * Makes a parameter active only when its parent parameter takes one of the listed values. The
 * parent must be categorical, ordinal or boolean; chains (a child of a child) are allowed.
 *
 * @example
 * const condition: Condition = { parent: "block", in: ["mbconv"] }
 */
export interface Condition {
  readonly parent: string
  readonly in: readonly Value[]
}

/**
 * How a range is spread: evenly (`linear`) or evenly in its logarithm (`log`, which needs `low > 0`).
 *
 * @example
 * const scale: Scale = "log"
 */
export type Scale = "linear" | "log"

/**
 * The fields every parameter has.
 *
 * @example
 * const base: ParameterBase = { name: "kernel", description: "kernel size" }
 */
export interface ParameterBase {
  readonly name: string
  readonly condition?: Condition
  readonly description?: string
}

/**
 * A choice among unordered values (a dataflow, an activation function).
 *
 * @example
 * const dataflow: CategoricalParameter = { kind: "categorical", name: "dataflow", values: ["ws", "os", "rs"] }
 */
export interface CategoricalParameter extends ParameterBase {
  readonly kind: "categorical"
  readonly values: readonly Value[]
}

/**
 * A choice among ordered values, listed in their order (PE counts, buffer sizes, kernel sizes).
 *
 * @example
 * const peX: OrdinalParameter = { kind: "ordinal", name: "pe_x", values: [4, 8, 16, 32] }
 */
export interface OrdinalParameter extends ParameterBase {
  readonly kind: "ordinal"
  readonly values: readonly (number | string)[]
}

/**
 * Every integer in `[low, high]`, both included.
 *
 * @example
 * const batch: IntegerParameter = { kind: "integer", name: "batch", low: 1, high: 256, scale: "log" }
 */
export interface IntegerParameter extends ParameterBase {
  readonly kind: "integer"
  readonly low: number
  readonly high: number
  readonly scale: Scale
}

/**
 * Every number in `[low, high]`.
 *
 * @example
 * const lr: FloatParameter = { kind: "float", name: "lr", low: 1e-4, high: 1e-1, scale: "log" }
 */
export interface FloatParameter extends ParameterBase {
  readonly kind: "float"
  readonly low: number
  readonly high: number
  readonly scale: Scale
}

/**
 * `true` or `false`.
 *
 * @example
 * const useSe: BooleanParameter = { kind: "boolean", name: "use_se" }
 */
export interface BooleanParameter extends ParameterBase {
  readonly kind: "boolean"
}

/**
 * Any parameter of a space.
 *
 * @example
 * const knobs: readonly Parameter[] = [ordinal("pe_x", [4, 8, 16]), boolean("double_buffer")]
 */
export type Parameter = CategoricalParameter | OrdinalParameter | IntegerParameter | FloatParameter | BooleanParameter

/**
 * The kind of a parameter.
 *
 * @example
 * const kind: ParameterKind = "ordinal"
 */
export type ParameterKind = Parameter["kind"]

/**
 * The optional fields the parameter constructors accept.
 *
 * @example
 * const options: ParameterOptions = { condition: when("block", "mbconv"), description: "expansion ratio" }
 */
export interface ParameterOptions {
  readonly condition?: Condition
  readonly description?: string
}

/**
 * The options of `integer` and `float`: those of every parameter and the scale (default `linear`).
 *
 * @example
 * const options: RangeOptions = { scale: "log" }
 */
export interface RangeOptions extends ParameterOptions {
  readonly scale?: Scale
}

const optional = (options: ParameterOptions): ParameterOptions => ({
  ...(options.condition === undefined ? {} : { condition: options.condition }),
  ...(options.description === undefined ? {} : { description: options.description }),
})

/**
 * A condition: active when `parent` takes one of `values`.
 *
 * @example
 * integer("se_ratio", 1, 4, { condition: when("block", "mbconv", "fused") })
 */
export const when = (parent: string, ...values: readonly Value[]): Condition => ({ parent, in: values })

/**
 * A categorical parameter.
 *
 * @example
 * categorical("dataflow", ["ws", "os", "rs"])
 */
export const categorical = (name: string, values: readonly Value[], options: ParameterOptions = {}): CategoricalParameter => ({
  kind: "categorical",
  name,
  values,
  ...optional(options),
})

/**
 * An ordinal parameter; list the values in their order.
 *
 * @example
 * ordinal("glb_kib", [64, 128, 256, 512])
 */
export const ordinal = (name: string, values: readonly (number | string)[], options: ParameterOptions = {}): OrdinalParameter => ({
  kind: "ordinal",
  name,
  values,
  ...optional(options),
})

/**
 * An integer range `[low, high]`.
 *
 * @example
 * integer("batch", 1, 256, { scale: "log" })
 */
export const integer = (name: string, low: number, high: number, options: RangeOptions = {}): IntegerParameter => ({
  kind: "integer",
  name,
  low,
  high,
  scale: options.scale ?? "linear",
  ...optional(options),
})

/**
 * A float range `[low, high]`.
 *
 * @example
 * float("lr", 1e-4, 1e-1, { scale: "log" })
 */
export const float = (name: string, low: number, high: number, options: RangeOptions = {}): FloatParameter => ({
  kind: "float",
  name,
  low,
  high,
  scale: options.scale ?? "linear",
  ...optional(options),
})

/**
 * A boolean parameter.
 *
 * @example
 * boolean("double_buffer")
 */
export const boolean = (name: string, options: ParameterOptions = {}): BooleanParameter => ({
  kind: "boolean",
  name,
  ...optional(options),
})

/**
 * The values of a parameter that has a list of them (categorical, ordinal, boolean), else `undefined`.
 *
 * @example
 * listedValues(boolean("double_buffer")) // [false, true]
 */
export const listedValues = (parameter: Parameter): readonly Value[] | undefined => {
  switch (parameter.kind) {
    case "categorical":
    case "ordinal":
      return parameter.values
    case "boolean":
      return [false, true]
    default:
      return undefined
  }
}
