import { Schema } from "effect"
import type { Layer, LayerOp, Pair } from "../layer/layer.js"
import {
  ActivationFunctionJson,
  AxisJson,
  ExplicitPaddingJson,
  LayerNameJson,
  NonNegativeIntJson,
  PaddingJson,
  PairJson,
  PositiveIntJson,
  Size2Json,
  TensorShapeJson,
  withDefault,
} from "./fields.js"

const one: () => Pair = () => [1, 1]

/** `name`, `op` and `inputs` (default none): the fields every layer starts with. */
const base = <Op extends LayerOp>(op: Op) => ({
  name: LayerNameJson,
  op: Schema.Literal(op),
  inputs: withDefault(Schema.Array(Schema.String), () => []),
})

/** A layer kind with no attributes besides its inputs. */
const plain = <Op extends LayerOp>(op: Op) => Schema.Struct(base(op)).annotations({ identifier: `${op} layer` })

/** Weight options; `bias` defaults differ by kind (off for convolutions, on for dense). */
const weighted = (bias: boolean) => ({
  bias: withDefault(Schema.Boolean, () => bias),
  shareWeights: Schema.optionalWith(LayerNameJson, { exact: true }),
})

/** The window fields of convolutions: kernel, then stride and dilation 1 and `same` padding by default. */
const convWindow = {
  kernel: Size2Json,
  stride: withDefault(Size2Json, one),
  dilation: withDefault(Size2Json, one),
  padding: withDefault(PaddingJson, () => "same" as const),
}

const conv2d = Schema.Struct({
  ...base("conv2d"),
  filters: PositiveIntJson,
  ...convWindow,
  groups: withDefault(PositiveIntJson, () => 1),
  ...weighted(false),
}).annotations({ identifier: "conv2d layer" })

const depthwise = Schema.Struct({
  ...base("depthwise"),
  multiplier: withDefault(PositiveIntJson, () => 1),
  ...convWindow,
  ...weighted(false),
}).annotations({ identifier: "depthwise layer" })

const pointwise = Schema.Struct({
  ...base("pointwise"),
  filters: PositiveIntJson,
  groups: withDefault(PositiveIntJson, () => 1),
  ...weighted(false),
}).annotations({ identifier: "pointwise layer" })

const dense = Schema.Struct({ ...base("dense"), units: PositiveIntJson, ...weighted(true) }).annotations({ identifier: "dense layer" })

const deconv2d = Schema.Struct({
  ...base("deconv2d"),
  filters: PositiveIntJson,
  kernel: Size2Json,
  stride: withDefault(Size2Json, one),
  dilation: withDefault(Size2Json, one),
  padding: withDefault(ExplicitPaddingJson, () => ({ top: 0, bottom: 0, left: 0, right: 0 })),
  outputPadding: withDefault(Schema.Tuple(NonNegativeIntJson, NonNegativeIntJson), () => [0, 0] as const),
  groups: withDefault(PositiveIntJson, () => 1),
  ...weighted(false),
}).annotations({ identifier: "deconv2d layer" })

/** Pooling: the stride defaults to the kernel (a cross-field default), the padding to `valid`. */
const pool = <Op extends "avgpool" | "maxpool">(op: Op) =>
  Schema.transform(
    Schema.Struct({
      ...base(op),
      kernel: Size2Json,
      stride: Schema.optionalWith(Size2Json, { exact: true }),
      padding: withDefault(PaddingJson, () => "valid" as const),
    }),
    Schema.Struct({ ...base(op), inputs: Schema.Array(Schema.String), kernel: PairJson, stride: PairJson, padding: PaddingJson }),
    { strict: true, decode: (layer) => ({ ...layer, stride: layer.stride ?? layer.kernel }), encode: (layer) => layer },
  ).annotations({ identifier: `${op} layer` })

const shaped = <Op extends "input" | "zeros" | "reshape">(op: Op) =>
  Schema.Struct({ ...base(op), shape: TensorShapeJson }).annotations({ identifier: `${op} layer` })

const layerUnion = Schema.Union(
  shaped("input"),
  shaped("zeros"),
  conv2d,
  depthwise,
  pointwise,
  dense,
  plain("matmul"),
  pool("avgpool"),
  pool("maxpool"),
  plain("globalavgpool"),
  plain("globalmaxpool"),
  plain("add"),
  plain("mul"),
  Schema.Struct({ ...base("activation"), fn: ActivationFunctionJson }).annotations({ identifier: "activation layer" }),
  plain("batchnorm"),
  Schema.Struct({ ...base("concat"), axis: withDefault(AxisJson, () => "c" as const) }).annotations({ identifier: "concat layer" }),
  Schema.Struct({ ...base("slice"), axis: AxisJson, start: NonNegativeIntJson, size: PositiveIntJson }).annotations({
    identifier: "slice layer",
  }),
  plain("flatten"),
  shaped("reshape"),
  Schema.Struct({ ...base("shuffle"), groups: PositiveIntJson }).annotations({ identifier: "shuffle layer" }),
  deconv2d,
  Schema.Struct({ ...base("transpose"), perm: Schema.Tuple(AxisJson, AxisJson, AxisJson) }).annotations({ identifier: "transpose layer" }),
  Schema.Struct({ ...base("softmax"), axis: withDefault(AxisJson, () => "c" as const) }).annotations({ identifier: "softmax layer" }),
  plain("layernorm"),
  Schema.Struct({ ...base("reduce"), axis: AxisJson, fn: Schema.Literal("mean", "max") }).annotations({ identifier: "reduce layer" }),
  Schema.Struct({ ...base("embedding"), vocab: PositiveIntJson, units: PositiveIntJson }).annotations({ identifier: "embedding layer" }),
  Schema.Struct({
    ...base("resize"),
    size: Size2Json,
    mode: withDefault(Schema.Literal("nearest", "linear"), () => "nearest" as const),
  }).annotations({
    identifier: "resize layer",
  }),
).annotations({ identifier: "Layer" })

/**
 * One layer as written in a network file: `name`, `op`, optional `inputs` and the op's
 * attributes, with shorthand sizes (`kernel: 3`) and defaults allowed.
 *
 * @example
 * const layer: LayerJson = { name: "conv", op: "conv2d", inputs: ["input"], filters: 32, kernel: 3, stride: 2 }
 */
export type LayerJson = Schema.Schema.Encoded<typeof layerUnion>

/**
 * Decodes a `LayerJson` to the canonical `Layer` (every field set, sizes as `[h, w]`) and encodes
 * a `Layer` back to its canonical JSON form. The type annotation checks at compile time that the
 * schemas cover exactly the `Layer` union.
 *
 * @example
 * Schema.decodeUnknownSync(LayerJsonSchema)({ name: "pool", op: "maxpool", inputs: ["x"], kernel: 2 })
 * // { name: "pool", op: "maxpool", inputs: ["x"], kernel: [2, 2], stride: [2, 2], padding: "valid" }
 */
export const LayerJsonSchema: Schema.Schema<Layer, LayerJson> = layerUnion
