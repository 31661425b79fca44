import { InvalidNetworkError, networkIssue } from "../graph/issue.js"
import type { Network } from "../graph/network.js"
import { inferOutputShape } from "../layer/infer.js"
import type { ActivationFunction, Axis, ExplicitPadding, Layer, LayerSpec, Padding, Pair } from "../layer/layer.js"
import type { TensorShape } from "../tensor/shape.js"

/** A handle on a layer's output while a network is being built. */
export interface Tensor {
  readonly name: string
  readonly shape: TensorShape
}

/** A size given once for both axes, or per axis as [height, width]. */
export type Size2 = number | Pair

/** Options of `conv2d` (and, without `filters` and `groups`, of `depthwise`). */
export interface ConvOptions {
  readonly filters: number
  readonly kernel: Size2
  readonly stride?: Size2
  readonly dilation?: Size2
  /** Default `same`. */
  readonly padding?: Padding
  readonly groups?: number
  /** Default false: the zoo's convolutions are followed by batch norm. */
  readonly bias?: boolean
  readonly name?: string
}

/** Options of `depthwise`. */
export interface DepthwiseOptions {
  readonly kernel: Size2
  readonly stride?: Size2
  readonly dilation?: Size2
  readonly padding?: Padding
  readonly multiplier?: number
  readonly bias?: boolean
  readonly name?: string
}

/** Options of `avgpool` and `maxpool`. */
export interface PoolOptions {
  readonly kernel: Size2
  /** Default: the kernel size. */
  readonly stride?: Size2
  readonly padding?: Padding
  readonly name?: string
}

/** Options of layers that hold weights: bias, weight sharing and a name. */
export interface WeightOptions {
  readonly bias?: boolean
  readonly shareWeights?: string
  readonly groups?: number
  readonly name?: string
}

/** Expands a `Size2` to a pair. */
export const pair = (size: Size2): Pair => (typeof size === "number" ? [size, size] : size)

/**
 * Builds a network layer by layer, inferring shapes as it goes so blocks can read channel counts.
 * Names are scoped (`stage2/block1/expand`) and made unique. A layer whose shape cannot be
 * inferred throws `InvalidNetworkError` at once, naming the layer and the rule.
 *
 * @example
 * const b = new NetworkBuilder("tiny")
 * const x = b.input({ h: 32, w: 32, c: 3 })
 * const y = b.dense(b.flatten(b.conv2d(x, { filters: 8, kernel: 3 })), 10, { bias: true })
 * const network = b.build() // 4 layers; y.shape is 1x1x10
 */
export class NetworkBuilder {
  private readonly layers: Layer[] = []
  private readonly used = new Set<string>()
  private readonly path: string[] = []

  constructor(
    readonly name: string,
    readonly batch = 1,
  ) {}

  /** Runs `body` with `name` prepended to the names of the layers it adds. */
  scope<T>(name: string, body: () => T): T {
    this.path.push(name)
    try {
      return body()
    } finally {
      this.path.pop()
    }
  }

  /** Adds any layer from its spec; the typed helpers below all end here. */
  layer(spec: LayerSpec, inputs: readonly Tensor[], name?: string): Tensor {
    const base = [...this.path, name ?? spec.op].join("/")
    let unique = base
    for (let n = 1; this.used.has(unique); n++) unique = `${base}_${n}`
    const layer = { ...spec, name: unique, inputs: inputs.map((t) => t.name) } as Layer
    const inferred = inferOutputShape(
      layer,
      inputs.map((t) => t.shape),
    )
    if (!inferred.ok) {
      throw new InvalidNetworkError(this.name, [networkIssue(unique, layer.op, inferred.fault.rule, inferred.fault.detail)])
    }
    this.used.add(unique)
    this.layers.push(layer)
    return { name: unique, shape: inferred.shape }
  }

  /** A network input. */
  input(shape: TensorShape, name = "input"): Tensor {
    return this.layer({ op: "input", shape }, [], name)
  }

  /** A tensor of zeros (initial recurrent state, or a node fed only by `none` edges). */
  zeros(shape: TensorShape, name = "zeros"): Tensor {
    return this.layer({ op: "zeros", shape }, [], name)
  }

  /** 2-D convolution; `same` padding, stride 1, no bias unless given. */
  conv2d(x: Tensor, o: ConvOptions): Tensor {
    return this.layer(
      {
        op: "conv2d",
        filters: o.filters,
        kernel: pair(o.kernel),
        stride: pair(o.stride ?? 1),
        dilation: pair(o.dilation ?? 1),
        padding: o.padding ?? "same",
        groups: o.groups ?? 1,
        bias: o.bias ?? false,
      },
      [x],
      o.name ?? "conv",
    )
  }

  /** Depthwise convolution; `same` padding, stride 1, multiplier 1, no bias unless given. */
  depthwise(x: Tensor, o: DepthwiseOptions): Tensor {
    return this.layer(
      {
        op: "depthwise",
        multiplier: o.multiplier ?? 1,
        kernel: pair(o.kernel),
        stride: pair(o.stride ?? 1),
        dilation: pair(o.dilation ?? 1),
        padding: o.padding ?? "same",
        bias: o.bias ?? false,
      },
      [x],
      o.name ?? "depthwise",
    )
  }

  /** 1x1 convolution, optionally grouped. */
  pointwise(x: Tensor, filters: number, o: WeightOptions = {}): Tensor {
    const spec: LayerSpec = { op: "pointwise", filters, groups: o.groups ?? 1, bias: o.bias ?? false }
    return this.layer(o.shareWeights === undefined ? spec : { ...spec, shareWeights: o.shareWeights }, [x], o.name ?? "pointwise")
  }

  /** Fully connected layer over channels; bias on unless turned off. */
  dense(x: Tensor, units: number, o: WeightOptions = {}): Tensor {
    const spec: LayerSpec = { op: "dense", units, bias: o.bias ?? true }
    return this.layer(o.shareWeights === undefined ? spec : { ...spec, shareWeights: o.shareWeights }, [x], o.name ?? "dense")
  }

  /** Batched product of two activations (see `MatmulLayer`). */
  matmul(a: Tensor, b: Tensor, name = "matmul"): Tensor {
    return this.layer({ op: "matmul" }, [a, b], name)
  }

  /** Average pooling; stride defaults to the kernel, padding to `valid`. */
  avgpool(x: Tensor, o: PoolOptions): Tensor {
    return this.pool("avgpool", x, o)
  }

  /** Max pooling; stride defaults to the kernel, padding to `valid`. */
  maxpool(x: Tensor, o: PoolOptions): Tensor {
    return this.pool("maxpool", x, o)
  }

  private pool(op: "avgpool" | "maxpool", x: Tensor, o: PoolOptions): Tensor {
    const kernel = pair(o.kernel)
    return this.layer({ op, kernel, stride: pair(o.stride ?? kernel), padding: o.padding ?? "valid" }, [x], o.name ?? op)
  }

  /** Global average pooling to 1x1xC. */
  globalAvgPool(x: Tensor, name = "globalavgpool"): Tensor {
    return this.layer({ op: "globalavgpool" }, [x], name)
  }

  /** Global max pooling to 1x1xC. */
  globalMaxPool(x: Tensor, name = "globalmaxpool"): Tensor {
    return this.layer({ op: "globalmaxpool" }, [x], name)
  }

  /** Element-wise sum of two or more tensors. */
  add(inputs: readonly Tensor[], name = "add"): Tensor {
    return this.layer({ op: "add" }, inputs, name)
  }

  /** Element-wise product of two or more tensors (size-1 axes broadcast, as in SE gating). */
  mul(inputs: readonly Tensor[], name = "mul"): Tensor {
    return this.layer({ op: "mul" }, inputs, name)
  }

  /** An activation function. */
  activation(x: Tensor, fn: ActivationFunction, name: string = fn): Tensor {
    return this.layer({ op: "activation", fn }, [x], name)
  }

  /** Batch normalization (2C parameters). */
  batchnorm(x: Tensor, name = "bn"): Tensor {
    return this.layer({ op: "batchnorm" }, [x], name)
  }

  /** Concatenation along an axis (channels by default). */
  concat(inputs: readonly Tensor[], axis: Axis = "c", name = "concat"): Tensor {
    return this.layer({ op: "concat", axis }, inputs, name)
  }

  /** The range `[start, start + size)` of one axis. */
  slice(x: Tensor, axis: Axis, start: number, size: number, name = "slice"): Tensor {
    return this.layer({ op: "slice", axis, start, size }, [x], name)
  }

  /** Flatten to 1x1x(HWC). */
  flatten(x: Tensor, name = "flatten"): Tensor {
    return this.layer({ op: "flatten" }, [x], name)
  }

  /** Reshape to a shape of the same element count. */
  reshape(x: Tensor, shape: TensorShape, name = "reshape"): Tensor {
    return this.layer({ op: "reshape", shape }, [x], name)
  }

  /** Channel shuffle across groups. */
  shuffle(x: Tensor, groups: number, name = "shuffle"): Tensor {
    return this.layer({ op: "shuffle", groups }, [x], name)
  }

  /** Transposed convolution (explicit padding, default none); see `TransposedConvLayer`. */
  deconv2d(
    x: Tensor,
    filters: number,
    o: WeightOptions & { kernel: number | Pair; stride?: number | Pair; padding?: ExplicitPadding; outputPadding?: Pair },
  ): Tensor {
    const spec: LayerSpec = {
      op: "deconv2d",
      filters,
      kernel: pair(o.kernel),
      stride: pair(o.stride ?? 1),
      dilation: [1, 1],
      padding: o.padding ?? { top: 0, bottom: 0, left: 0, right: 0 },
      outputPadding: o.outputPadding ?? [0, 0],
      groups: o.groups ?? 1,
      bias: o.bias ?? false,
    }
    return this.layer(o.shareWeights === undefined ? spec : { ...spec, shareWeights: o.shareWeights }, [x], o.name ?? "deconv2d")
  }

  /** Reorders axes: output h, w, c take the sizes of input axes `perm` (data movement only). */
  transpose(x: Tensor, perm: readonly [Axis, Axis, Axis], name = "transpose"): Tensor {
    return this.layer({ op: "transpose", perm }, [x], name)
  }

  /** Softmax along an axis (channels by default). */
  softmax(x: Tensor, axis: Axis = "c", name = "softmax"): Tensor {
    return this.layer({ op: "softmax", axis }, [x], name)
  }

  /** Layer normalization over channels (2C parameters). */
  layernorm(x: Tensor, name = "layernorm"): Tensor {
    return this.layer({ op: "layernorm" }, [x], name)
  }

  /** Mean or maximum over one axis. */
  reduce(x: Tensor, axis: Axis, fn: "mean" | "max" = "mean", name = "reduce"): Tensor {
    return this.layer({ op: "reduce", axis, fn }, [x], name)
  }

  /** Token ids (Tx1x1) to Tx1x`units` rows of a `vocab x units` table. */
  embedding(x: Tensor, vocab: number, units: number, name = "embedding"): Tensor {
    return this.layer({ op: "embedding", vocab, units }, [x], name)
  }

  /** Resizes height and width to `size` by copying (`nearest`) or bilinear interpolation. */
  resize(x: Tensor, size: Pair, mode: "nearest" | "linear" = "nearest", name = "resize"): Tensor {
    return this.layer({ op: "resize", size, mode }, [x], name)
  }

  /**
   * The network built so far, as plain data. `outputs` names the tensors the network returns;
   * without it, every layer no other layer reads is an output.
   */
  build(outputs?: readonly Tensor[]): Network {
    const network = { name: this.name, batch: this.batch, layers: [...this.layers] }
    return outputs === undefined ? network : { ...network, outputs: outputs.map((tensor) => tensor.name) }
  }
}
