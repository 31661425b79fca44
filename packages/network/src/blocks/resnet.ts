import type { NetworkBuilder, Tensor } from "../builder/builder.js"
import { convBnAct } from "./conv-bn-act.js"

/** Options of the ResNet blocks. */
export interface ResnetBlockOptions {
  /** Output channels of the block's middle convs (the bottleneck width for `bottleneck`). */
  readonly width: number
  readonly stride: number
  readonly name?: string
}

/** The projection shortcut when the shape changes: strided 1x1 conv + BN (He et al., option B). */
const shortcut = (b: NetworkBuilder, x: Tensor, out: number, stride: number): Tensor =>
  x.shape.c === out && stride === 1 ? x : convBnAct(b, x, { filters: out, kernel: 1, stride, act: "none", name: "downsample" })

/**
 * ResNet basic block (ResNet-18/34): 3x3 conv-BN-ReLU -> 3x3 conv-BN, plus the shortcut, ReLU.
 *
 * @example
 * const y = resnetBasic(b, x, { width: 128, stride: 2 })
 */
export const resnetBasic = (b: NetworkBuilder, x: Tensor, o: ResnetBlockOptions): Tensor =>
  b.scope(o.name ?? "basic", () => {
    let y = convBnAct(b, x, { filters: o.width, kernel: 3, stride: o.stride, act: "relu", name: "conv1" })
    y = convBnAct(b, y, { filters: o.width, kernel: 3, act: "none", name: "conv2" })
    return b.activation(b.add([y, shortcut(b, x, o.width, o.stride)], "residual"), "relu")
  })

/**
 * ResNet bottleneck (ResNet-50, torchvision's v1.5 with the stride on the 3x3):
 * 1x1 -> 3x3 (stride) -> 1x1 to 4x width, plus the shortcut, ReLU.
 *
 * @example
 * const y = resnetBottleneck(b, x, { width: 64, stride: 1 }) // 256 output channels
 */
export const resnetBottleneck = (b: NetworkBuilder, x: Tensor, o: ResnetBlockOptions): Tensor =>
  b.scope(o.name ?? "bottleneck", () => {
    const out = o.width * 4
    let y = convBnAct(b, x, { filters: o.width, kernel: 1, act: "relu", name: "conv1" })
    y = convBnAct(b, y, { filters: o.width, kernel: 3, stride: o.stride, act: "relu", name: "conv2" })
    y = convBnAct(b, y, { filters: out, kernel: 1, act: "none", name: "conv3" })
    return b.activation(b.add([y, shortcut(b, x, out, o.stride)], "residual"), "relu")
  })
