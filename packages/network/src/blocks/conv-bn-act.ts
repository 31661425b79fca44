import type { ConvOptions, NetworkBuilder, Tensor } from "../builder/builder.js"
import type { ActivationFunction } from "../layer/layer.js"

/** An activation, or none (a linear bottleneck). */
export type MaybeActivation = ActivationFunction | "none"

/** Options of `convBnAct`: a convolution's options plus the activation after batch norm. */
export interface ConvBnActOptions extends ConvOptions {
  readonly act: MaybeActivation
}

/**
 * Convolution (no bias) -> batch norm -> activation, the unit most CNNs are made of.
 *
 * @example
 * const y = convBnAct(b, x, { filters: 32, kernel: 3, stride: 2, act: "relu6" })
 */
export const convBnAct = (b: NetworkBuilder, x: Tensor, o: ConvBnActOptions): Tensor => {
  const { act, name, ...conv } = o
  return b.scope(name ?? "conv_bn", () => {
    const y = b.batchnorm(b.conv2d(x, { ...conv, name: "conv" }))
    return act === "none" ? y : b.activation(y, act)
  })
}

/** Applies an activation unless it is `none`. */
export const activate = (b: NetworkBuilder, x: Tensor, act: MaybeActivation): Tensor => (act === "none" ? x : b.activation(x, act))
