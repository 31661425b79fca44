import type { ActivationFunction, LayerOp } from "../layer/layer.js"

/** What the arithmetic of a loop nest is. */
export type LoopNestKind = "conv" | "matmul" | "pool" | "eltwise"

/** Where the second operand of a conv or matmul comes from. */
export type WeightOperand = "parameters" | "activations" | "none"

/**
 * What is computed per point of the nest: `mac` for conv and matmul nests, the reduction of a
 * `pool` nest (`avg`, `max`), or the element-wise function of an `eltwise` nest (an activation,
 * `add`, `mul`, batch norm's `affine`, `softmax`, layer norm's `normalize`, a reduction's `mean` or
 * `max` over the channels, a resize's `interpolate`).
 */
export type LoopNestFunction =
  | "mac"
  | ActivationFunction
  | "add"
  | "mul"
  | "affine"
  | "avg"
  | "max"
  | "softmax"
  | "normalize"
  | "mean"
  | "interpolate"

/**
 * The canonical loop-nest problem of one compute layer: the only description of work the cost
 * model consumes. Every conv, depthwise, pointwise, dense and matmul layer is a grouped
 * convolution over seven dimensions (GEMM is a 1x1 convolution); pooling and element-wise layers
 * use the same dimensions with no reduction over C.
 *
 * ```
 * for n < N, g < G, k < K, p < P, q < Q, c < C, r < R, s < S:
 *   out[n][g*K + k][p][q] += in[n][g*C + c][p*strideH + r*dilationH][q*strideW + s*dilationW]
 *                          * weight[g*K + k][c][r][s]
 * ```
 *
 * `K` and `C` are per group: a standard convolution has `G = 1`; a depthwise one `G` = channels,
 * `C = 1`, `K` = the channel multiplier.
 */
export interface LoopNest {
  /** Name of the layer this nest came from. */
  readonly layer: string
  readonly op: LayerOp
  readonly kind: LoopNestKind
  /** Batch (times the matmul's batch axis). */
  readonly N: number
  /** Groups. */
  readonly G: number
  /** Output channels per group. */
  readonly K: number
  /** Input channels per group (the reduction). */
  readonly C: number
  /** Output height. */
  readonly P: number
  /** Output width. */
  readonly Q: number
  /** Window height. */
  readonly R: number
  /** Window width. */
  readonly S: number
  /** Input height and width, before padding. */
  readonly H: number
  readonly W: number
  readonly strideH: number
  readonly strideW: number
  readonly dilationH: number
  readonly dilationW: number
  /** Where the weights come from: learned parameters, another activation (matmul), or none. */
  readonly weights: WeightOperand
  /** Number of activation tensors read (2 for a residual add, 2 for a matmul). */
  readonly operands: number
  /** What is computed per point. */
  readonly fn: LoopNestFunction
}

/**
 * Multiply-accumulates of a nest: `N*G*K*C*P*Q*R*S` for conv and matmul nests, 0 for pooling and
 * element-wise ones (as the reference counts of the model zoo do).
 *
 * @example
 * loopNestMacs(nest) // 118013952 for ResNet-50's conv1 at 224x224
 */
export const loopNestMacs = (nest: LoopNest): number =>
  nest.kind === "conv" || nest.kind === "matmul" ? nest.N * nest.G * nest.K * nest.C * nest.P * nest.Q * nest.R * nest.S : 0

/**
 * Arithmetic operations of a nest: MACs for conv and matmul, window reads for pooling, and
 * per-element operations for element-wise nests (an n-input add counts n-1 per element).
 */
export const loopNestOperations = (nest: LoopNest): number => {
  const outputs = nest.N * nest.G * nest.K * nest.P * nest.Q
  switch (nest.kind) {
    case "conv":
    case "matmul":
      return outputs * nest.C * nest.R * nest.S
    case "pool":
      return outputs * nest.R * nest.S
    case "eltwise":
      return outputs * Math.max(1, nest.operands - 1)
  }
}
