import type { LoopNest } from "../loopnest/loopnest.js"

/** The kind of work a layer does, for families: how Mensa (Boroumand et al., 2021) sorts layers. */
export type LayerType = "conv" | "depthwise" | "pointwise" | "fc" | "matmul" | "pool" | "eltwise"

/**
 * What a layer's family is judged by (after Mensa's characterization of Google's edge models):
 * arithmetic per byte of parameters and per byte of activations, and the parameter footprint.
 */
export interface LayerFeatures {
  readonly network: string
  readonly layer: string
  readonly type: LayerType
  readonly macs: number
  readonly parameterBytes: number
  /** Bytes of the layer's inputs and output. */
  readonly activationBytes: number
  /** MACs per parameter byte (Infinity for layers without parameters). */
  readonly macsPerParameterByte: number
  /** MACs per activation byte. */
  readonly macsPerActivationByte: number
}

/** The layer type of a nest: conv, depthwise or pointwise convolution, fc (dense), matmul of two activations, pool, eltwise. */
export const layerTypeOf = (nest: LoopNest): LayerType => {
  if (nest.kind === "pool") return "pool"
  if (nest.kind === "eltwise") return "eltwise"
  if (nest.kind === "matmul") return nest.weights === "parameters" ? "fc" : "matmul"
  if (nest.C === 1 && nest.G > 1) return "depthwise"
  return nest.R === 1 && nest.S === 1 ? "pointwise" : "conv"
}

/**
 * The features of one compute layer (a nest with MACs), with `bytes` per element. Element-wise
 * and pooling nests have no MACs and no family: `undefined`.
 *
 * @example
 * layerFeatures(nest, 1, "mobilenet_v2")?.macsPerParameterByte
 */
export const layerFeatures = (nest: LoopNest, bytes: number, network: string): LayerFeatures | undefined => {
  if (nest.kind !== "conv" && nest.kind !== "matmul") return undefined
  const { N, G, K, C, P, Q, R, S, H, W } = nest
  const macs = N * G * K * C * P * Q * R * S
  const parameterBytes = nest.weights === "parameters" ? G * K * C * R * S * bytes : 0
  const weightActivations = nest.weights === "activations" ? G * K * C * R * S * bytes : 0
  const activationBytes = (N * G * C * H * W + N * G * K * P * Q) * bytes + weightActivations
  return {
    network,
    layer: nest.layer,
    type: layerTypeOf(nest),
    macs,
    parameterBytes,
    activationBytes,
    macsPerParameterByte: parameterBytes === 0 ? Number.POSITIVE_INFINITY : macs / parameterBytes,
    macsPerActivationByte: macs / activationBytes,
  }
}
