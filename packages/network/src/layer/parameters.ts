import type { TensorShape } from "../tensor/shape.js"
import type { Layer } from "./layer.js"

/**
 * Learned parameters of a layer (weights plus bias; scale and shift for batch and layer norm; an
 * embedding's table), given its
 * input shapes. Layers that share another layer's weights still report the size of the tensor
 * they read; network totals count shared weights once.
 *
 * @example
 * // 3x3 conv, 32 -> 64 channels, no bias: 3 * 3 * 32 * 64
 * layerParameters(conv, [{ h: 56, w: 56, c: 32 }]) // 18432
 */
export const layerParameters = (layer: Layer, inputs: readonly TensorShape[]): number => {
  const cin = inputs[0]?.c ?? 0
  switch (layer.op) {
    case "conv2d":
      return layer.filters * (cin / layer.groups) * layer.kernel[0] * layer.kernel[1] + (layer.bias ? layer.filters : 0)
    case "depthwise": {
      const filters = cin * layer.multiplier
      return filters * layer.kernel[0] * layer.kernel[1] + (layer.bias ? filters : 0)
    }
    case "pointwise":
      return layer.filters * (cin / layer.groups) + (layer.bias ? layer.filters : 0)
    case "dense":
      return layer.units * cin + (layer.bias ? layer.units : 0)
    case "deconv2d":
      return cin * (layer.filters / layer.groups) * layer.kernel[0] * layer.kernel[1] + (layer.bias ? layer.filters : 0)
    case "batchnorm":
    case "layernorm":
      return 2 * cin
    case "embedding":
      return layer.vocab * layer.units
    default:
      return 0
  }
}

/** True for the layer kinds that hold a weight tensor (and so may share one). */
export const hasWeights = (layer: Layer): boolean =>
  layer.op === "conv2d" || layer.op === "depthwise" || layer.op === "pointwise" || layer.op === "dense" || layer.op === "deconv2d"
