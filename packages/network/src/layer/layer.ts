import type { TensorShape } from "../tensor/shape.js"

/** A 2-D size given per axis: [height, width]. */
export type Pair = readonly [number, number]

/**
 * Spatial padding: TensorFlow's `same` (output = ceil(input / stride)), `valid` (no padding), or
 * explicit amounts per side.
 */
export type Padding = "same" | "valid" | ExplicitPadding

/** Explicit padding in elements per side. */
export interface ExplicitPadding {
  readonly top: number
  readonly bottom: number
  readonly left: number
  readonly right: number
}

/** Element-wise activation functions. `hsigmoid` and `tanh` serve SE blocks and LSTM cells, `gelu` transformers. */
export type ActivationFunction = "relu" | "relu6" | "hswish" | "hsigmoid" | "sigmoid" | "swish" | "tanh" | "gelu"

/** All activation functions, for validation and schemas. */
export const activationFunctions: readonly ActivationFunction[] = [
  "relu",
  "relu6",
  "hswish",
  "hsigmoid",
  "sigmoid",
  "swish",
  "tanh",
  "gelu",
]

/** The tensor axes a concat or slice may work along. */
export type Axis = "h" | "w" | "c"

/** Fields every layer has: a unique name and the names of the layers it reads. */
export interface LayerBase {
  readonly name: string
  readonly inputs: readonly string[]
}

/** A network input of a given per-sample shape. */
export interface InputLayer extends LayerBase {
  readonly op: "input"
  readonly shape: TensorShape
}

/** A tensor of zeros: the initial state of a recurrence, or an NB201 node fed only by `none` edges. */
export interface ZerosLayer extends LayerBase {
  readonly op: "zeros"
  readonly shape: TensorShape
}

/** Fields shared by layers that hold a weight tensor. */
export interface WeightedLayer {
  /** Whether the layer adds a bias vector. */
  readonly bias: boolean
  /**
   * Name of an earlier layer whose weights this layer reuses (weight tying, an unrolled
   * recurrence). The weights are counted once, on the owner.
   */
  readonly shareWeights?: string
}

/** 2-D convolution, optionally grouped, strided and dilated. */
export interface Conv2dLayer extends LayerBase, WeightedLayer {
  readonly op: "conv2d"
  readonly filters: number
  readonly kernel: Pair
  readonly stride: Pair
  readonly dilation: Pair
  readonly padding: Padding
  readonly groups: number
}

/** Depthwise convolution: one filter (times `multiplier`) per input channel. */
export interface DepthwiseLayer extends LayerBase, WeightedLayer {
  readonly op: "depthwise"
  readonly multiplier: number
  readonly kernel: Pair
  readonly stride: Pair
  readonly dilation: Pair
  readonly padding: Padding
}

/** 1x1 convolution with stride 1, optionally grouped. */
export interface PointwiseLayer extends LayerBase, WeightedLayer {
  readonly op: "pointwise"
  readonly filters: number
  readonly groups: number
}

/** Fully connected layer over the channel axis, applied at every (h, w) position. */
export interface DenseLayer extends LayerBase, WeightedLayer {
  readonly op: "dense"
  readonly units: number
}

/**
 * Matrix product of two activations, batched over the width axis:
 * `a` is MxBxK (h=M rows, w=B batch, c=K), `b` is KxBxN; the result is MxBxN.
 */
export interface MatmulLayer extends LayerBase {
  readonly op: "matmul"
}

/** Windowed average or max pooling. */
export interface PoolLayer extends LayerBase {
  readonly op: "avgpool" | "maxpool"
  readonly kernel: Pair
  readonly stride: Pair
  readonly padding: Padding
}

/** Pooling over the whole spatial extent, giving 1x1xC. */
export interface GlobalPoolLayer extends LayerBase {
  readonly op: "globalavgpool" | "globalmaxpool"
}

/** Element-wise sum or product of two or more inputs, with size-1 axes broadcast. */
export interface ElementwiseLayer extends LayerBase {
  readonly op: "add" | "mul"
}

/** An element-wise activation. */
export interface ActivationLayer extends LayerBase {
  readonly op: "activation"
  readonly fn: ActivationFunction
}

/** Batch normalization: a per-channel affine map with 2C learned parameters (scale and shift). */
export interface BatchNormLayer extends LayerBase {
  readonly op: "batchnorm"
}

/** Concatenation of inputs along one axis. */
export interface ConcatLayer extends LayerBase {
  readonly op: "concat"
  readonly axis: Axis
}

/** A contiguous range `[start, start + size)` of one axis. */
export interface SliceLayer extends LayerBase {
  readonly op: "slice"
  readonly axis: Axis
  readonly start: number
  readonly size: number
}

/** Flattens HxWxC to 1x1x(HWC). */
export interface FlattenLayer extends LayerBase {
  readonly op: "flatten"
}

/** Reinterprets a tensor with a new shape of the same element count. */
export interface ReshapeLayer extends LayerBase {
  readonly op: "reshape"
  readonly shape: TensorShape
}

/**
 * 2-D transposed convolution ("deconvolution"): every input pixel scatters a `kernel` window of
 * `filters` outputs, `stride` apart. Output size per axis: `(in - 1) * stride - padBegin - padEnd
 * + dilation * (kernel - 1) + 1 + outputPadding`, as in ONNX's ConvTranspose and PyTorch.
 */
export interface TransposedConvLayer extends LayerBase, WeightedLayer {
  readonly op: "deconv2d"
  readonly filters: number
  readonly kernel: Pair
  readonly stride: Pair
  readonly dilation: Pair
  readonly padding: ExplicitPadding
  /** Extra rows and columns added after the last (ONNX's `output_padding`). */
  readonly outputPadding: Pair
  readonly groups: number
}

/** Reorders the axes: output axis `h`, `w`, `c` has the size of input axis `perm[0]`, `perm[1]`, `perm[2]` (data movement only). */
export interface TransposeLayer extends LayerBase {
  readonly op: "transpose"
  readonly perm: readonly [Axis, Axis, Axis]
}

/** Softmax along one axis: an exponential per element, a sum and a division per element. */
export interface SoftmaxLayer extends LayerBase {
  readonly op: "softmax"
  readonly axis: Axis
}

/** Layer normalization over the channel axis at every (h, w) position, with 2C learned parameters (scale and shift). */
export interface LayerNormLayer extends LayerBase {
  readonly op: "layernorm"
}

/** Mean or maximum over one axis, which becomes size 1. */
export interface ReduceLayer extends LayerBase {
  readonly op: "reduce"
  readonly axis: Axis
  readonly fn: "mean" | "max"
}

/**
 * A table lookup: each element of a Tx1x1 tensor of token ids picks a row of a `vocab x units`
 * table, giving Tx1x`units`. Parameters `vocab * units`; no arithmetic (data movement).
 */
export interface EmbeddingLayer extends LayerBase {
  readonly op: "embedding"
  readonly vocab: number
  readonly units: number
}

/** Resizes height and width to `size`: `nearest` copies (data movement), `linear` interpolates (bilinear, 4 reads per output). */
export interface ResizeLayer extends LayerBase {
  readonly op: "resize"
  readonly size: Pair
  readonly mode: "nearest" | "linear"
}

/** ShuffleNet's channel shuffle across `groups` groups (data movement only). */
export interface ChannelShuffleLayer extends LayerBase {
  readonly op: "shuffle"
  readonly groups: number
}

/** One node of a network. `op` tells the kind; every other field is that kind's attributes. */
export type Layer =
  | InputLayer
  | ZerosLayer
  | Conv2dLayer
  | DepthwiseLayer
  | PointwiseLayer
  | DenseLayer
  | MatmulLayer
  | PoolLayer
  | GlobalPoolLayer
  | ElementwiseLayer
  | ActivationLayer
  | BatchNormLayer
  | ConcatLayer
  | SliceLayer
  | FlattenLayer
  | ReshapeLayer
  | ChannelShuffleLayer
  | TransposedConvLayer
  | TransposeLayer
  | SoftmaxLayer
  | LayerNormLayer
  | ReduceLayer
  | EmbeddingLayer
  | ResizeLayer

/** The `op` tag of a layer. */
export type LayerOp = Layer["op"]

/** A layer description without its name and inputs, as block builders pass it around. */
export type LayerSpec = Layer extends infer L ? (L extends Layer ? Omit<L, "name" | "inputs"> : never) : never
