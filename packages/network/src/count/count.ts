import type { AnalyzedNetwork } from "../graph/network.js"
import type { LayerOp } from "../layer/layer.js"
import { loopNestMacs } from "../loopnest/loopnest.js"
import { lowerLayer } from "../loopnest/lower.js"
import { bytesPerElement, type Precision } from "../tensor/precision.js"
import { elementCount, type TensorShape } from "../tensor/shape.js"

/** Work and storage of one layer at a precision; byte counts cover the whole batch. */
export interface LayerCounts {
  readonly name: string
  readonly op: LayerOp
  readonly inputShapes: readonly TensorShape[]
  readonly outputShape: TensorShape
  readonly macs: number
  /** Parameters of the weight tensor the layer reads. */
  readonly params: number
  /** False when the weights are another layer's (counted there). */
  readonly ownsParams: boolean
  readonly weightBytes: number
  readonly inputBytes: number
  readonly outputBytes: number
}

/** Network totals. Shared weights count once; `activationBytes` sums every layer's output tensor. */
export interface NetworkTotals {
  readonly macs: number
  readonly params: number
  readonly weightBytes: number
  readonly activationBytes: number
}

/** Per-layer counts and totals of a network at one precision. */
export interface NetworkCounts {
  readonly name: string
  readonly batch: number
  readonly precision: Precision
  readonly layers: readonly LayerCounts[]
  readonly totals: NetworkTotals
}

/**
 * Counts MACs (conv, dense and matmul layers), parameters, weight bytes and activation bytes.
 *
 * @example
 * const counts = countNetwork(analyzeNetworkOrThrow(network), "int8")
 * counts.totals.macs // e.g. 300774272 for mobilenet_v2 at 224x224
 */
export const countNetwork = (network: AnalyzedNetwork, precision: Precision): NetworkCounts => {
  const bytes = bytesPerElement(precision)
  const layers: LayerCounts[] = []
  let macs = 0
  let params = 0
  let activationBytes = 0
  for (const analyzed of network.layers) {
    const nest = lowerLayer(analyzed, network.batch)
    const layerMacs = nest === undefined ? 0 : loopNestMacs(nest)
    let inputElements = 0
    for (const shape of analyzed.inputShapes) inputElements += elementCount(shape)
    const outputBytes = elementCount(analyzed.outputShape) * network.batch * bytes
    layers.push({
      name: analyzed.layer.name,
      op: analyzed.layer.op,
      inputShapes: analyzed.inputShapes,
      outputShape: analyzed.outputShape,
      macs: layerMacs,
      params: analyzed.params,
      ownsParams: analyzed.ownsParams,
      weightBytes: analyzed.params * bytes,
      inputBytes: inputElements * network.batch * bytes,
      outputBytes,
    })
    macs += layerMacs
    if (analyzed.ownsParams) params += analyzed.params
    activationBytes += outputBytes
  }
  return {
    name: network.name,
    batch: network.batch,
    precision,
    layers,
    totals: { macs, params, weightBytes: params * bytes, activationBytes },
  }
}
