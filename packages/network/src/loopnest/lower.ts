import type { AnalyzedLayer, AnalyzedNetwork } from "../graph/network.js"
import type { LayerOp } from "../layer/layer.js"
import type { LoopNest, LoopNestFunction, LoopNestKind, WeightOperand } from "./loopnest.js"

// One constructor so every nest has the same hidden class: lowering runs for every layer of
// every candidate network, and object spreads here cost more than the rest of the analysis.
const nest = (
  layer: string,
  op: LayerOp,
  kind: LoopNestKind,
  dims: readonly [N: number, G: number, K: number, C: number, P: number, Q: number, R: number, S: number, H: number, W: number],
  stride: readonly [number, number],
  dilation: readonly [number, number],
  weights: WeightOperand,
  operands: number,
  fn: LoopNestFunction,
): LoopNest => ({
  layer,
  op,
  kind,
  N: dims[0],
  G: dims[1],
  K: dims[2],
  C: dims[3],
  P: dims[4],
  Q: dims[5],
  R: dims[6],
  S: dims[7],
  H: dims[8],
  W: dims[9],
  strideH: stride[0],
  strideW: stride[1],
  dilationH: dilation[0],
  dilationW: dilation[1],
  weights,
  operands,
  fn,
})

const UNIT = [1, 1] as const

/**
 * Lowers one analyzed layer to its loop nest, or `undefined` for layers that only move or
 * reinterpret data (input, zeros, concat, slice, flatten, reshape, shuffle, transpose, embedding,
 * nearest resize).
 *
 * @example
 * const nests = analyzed.layers.map((layer) => lowerLayer(layer, analyzed.batch))
 */
export const lowerLayer = (analyzed: AnalyzedLayer, batch: number): LoopNest | undefined => {
  const { layer, inputShapes, outputShape: out } = analyzed
  const input = inputShapes[0]
  if (input === undefined) return undefined
  const name = layer.name
  const { h: H, w: W, c: cin } = input
  switch (layer.op) {
    case "conv2d": {
      const g = layer.groups
      const dims = [batch, g, layer.filters / g, cin / g, out.h, out.w, layer.kernel[0], layer.kernel[1], H, W] as const
      return nest(name, layer.op, "conv", dims, layer.stride, layer.dilation, "parameters", 1, "mac")
    }
    case "depthwise": {
      const dims = [batch, cin, layer.multiplier, 1, out.h, out.w, layer.kernel[0], layer.kernel[1], H, W] as const
      return nest(name, layer.op, "conv", dims, layer.stride, layer.dilation, "parameters", 1, "mac")
    }
    case "pointwise": {
      const g = layer.groups
      return nest(
        name,
        layer.op,
        "conv",
        [batch, g, layer.filters / g, cin / g, out.h, out.w, 1, 1, H, W],
        UNIT,
        UNIT,
        "parameters",
        1,
        "mac",
      )
    }
    case "dense":
      // A dense layer is a 1x1 convolution over every (h, w) position.
      return nest(name, layer.op, "matmul", [batch, 1, layer.units, cin, out.h, out.w, 1, 1, H, W], UNIT, UNIT, "parameters", 1, "mac")
    case "matmul":
      // a is MxBxK, b is KxBxN: B independent (M x K) * (K x N) products, B folded into N.
      return nest(name, layer.op, "matmul", [batch * W, 1, out.c, cin, out.h, 1, 1, 1, H, 1], UNIT, UNIT, "activations", 2, "mac")
    case "avgpool":
    case "maxpool": {
      const dims = [batch, cin, 1, 1, out.h, out.w, layer.kernel[0], layer.kernel[1], H, W] as const
      return nest(name, layer.op, "pool", dims, layer.stride, UNIT, "none", 1, layer.op === "avgpool" ? "avg" : "max")
    }
    case "globalavgpool":
    case "globalmaxpool":
      return nest(
        name,
        layer.op,
        "pool",
        [batch, cin, 1, 1, 1, 1, H, W, H, W],
        [H, W],
        UNIT,
        "none",
        1,
        layer.op === "globalavgpool" ? "avg" : "max",
      )
    case "add":
    case "mul":
      return nest(
        name,
        layer.op,
        "eltwise",
        [batch, 1, out.c, 1, out.h, out.w, 1, 1, H, W],
        UNIT,
        UNIT,
        "none",
        inputShapes.length,
        layer.op,
      )
    case "activation":
      return nest(name, layer.op, "eltwise", [batch, 1, out.c, 1, out.h, out.w, 1, 1, H, W], UNIT, UNIT, "none", 1, layer.fn)
    case "batchnorm":
      return nest(name, layer.op, "eltwise", [batch, 1, out.c, 1, out.h, out.w, 1, 1, H, W], UNIT, UNIT, "parameters", 1, "affine")
    case "layernorm":
      return nest(name, layer.op, "eltwise", [batch, 1, out.c, 1, out.h, out.w, 1, 1, H, W], UNIT, UNIT, "parameters", 1, "normalize")
    case "softmax":
      return nest(name, layer.op, "eltwise", [batch, 1, out.c, 1, out.h, out.w, 1, 1, H, W], UNIT, UNIT, "none", 1, "softmax")
    case "reduce":
      // Over h or w: a pooling window spanning that axis; over c: one element-wise pass over the input.
      if (layer.axis === "c") return nest(name, layer.op, "eltwise", [batch, 1, cin, 1, H, W, 1, 1, H, W], UNIT, UNIT, "none", 1, layer.fn)
      return nest(
        name,
        layer.op,
        "pool",
        [batch, cin, 1, 1, out.h, out.w, layer.axis === "h" ? H : 1, layer.axis === "w" ? W : 1, H, W],
        [layer.axis === "h" ? H : 1, layer.axis === "w" ? W : 1],
        UNIT,
        "none",
        1,
        layer.fn === "mean" ? "avg" : "max",
      )
    case "resize":
      return layer.mode === "nearest"
        ? undefined
        : nest(name, layer.op, "eltwise", [batch, 1, out.c, 1, out.h, out.w, 1, 1, H, W], UNIT, UNIT, "none", 4, "interpolate")
    case "deconv2d": {
      // Scatter form: every input pixel times every kernel tap, as a stride-1 convolution over the
      // input's grid (P x Q = H x W). The MACs are exact, N*G*K*C*H*W*R*S; the halo of the output
      // window is not modelled.
      const g = layer.groups
      const dims = [batch, g, layer.filters / g, cin / g, H, W, layer.kernel[0], layer.kernel[1], H, W] as const
      return nest(name, layer.op, "conv", dims, UNIT, layer.dilation, "parameters", 1, "mac")
    }
    default:
      return undefined
  }
}

/**
 * The loop nests of a whole network, in topological order, skipping data-movement layers.
 *
 * @example
 * const nests = lowerNetwork(analyzeNetworkOrThrow(network))
 */
export const lowerNetwork = (network: AnalyzedNetwork): LoopNest[] => {
  const nests: LoopNest[] = []
  for (const layer of network.layers) {
    const lowered = lowerLayer(layer, network.batch)
    if (lowered !== undefined) nests.push(lowered)
  }
  return nests
}
