import type { NetworkBuilder, Tensor } from "../builder/builder.js"
import type { ActivationFunction } from "../layer/layer.js"

/** Squeeze-and-excitation settings. */
export interface SqueezeExciteOptions {
  /** Channels of the squeeze (bottleneck) layer. */
  readonly squeeze: number
  /** Activation after the squeeze: ReLU in MobileNetV3, swish in EfficientNet. */
  readonly act: ActivationFunction
  /** Gate: hard sigmoid in MobileNetV3, sigmoid in EfficientNet. */
  readonly gate: ActivationFunction
}

/**
 * Squeeze-and-excitation (Hu et al., 2018): global average pool, 1x1 conv with bias to
 * `squeeze` channels, activation, 1x1 conv with bias back, gate, and channel-wise rescaling.
 *
 * @example
 * const y = squeezeExcite(b, x, { squeeze: 16, act: "relu", gate: "hsigmoid" })
 */
export const squeezeExcite = (b: NetworkBuilder, x: Tensor, o: SqueezeExciteOptions): Tensor =>
  b.scope("se", () => {
    const pooled = b.globalAvgPool(x, "pool")
    const squeezed = b.activation(b.pointwise(pooled, o.squeeze, { bias: true, name: "reduce" }), o.act)
    const gate = b.activation(b.pointwise(squeezed, x.shape.c, { bias: true, name: "expand" }), o.gate)
    return b.mul([x, gate], "scale")
  })
