import type { NetworkBuilder, Size2, Tensor } from "../builder/builder.js"
import { activate, convBnAct, type MaybeActivation } from "./conv-bn-act.js"
import { type SqueezeExciteOptions, squeezeExcite } from "./squeeze-excite.js"

/** Options shared by the inverted-bottleneck (IBN) family. */
export interface InvertedBottleneckOptions {
  /** Channels after expansion. Equal to the input channels means no expansion layer (MBConv). */
  readonly expanded: number
  /** Output channels. */
  readonly out: number
  readonly kernel: Size2
  readonly stride: Size2
  readonly act: MaybeActivation
  /** Squeeze-and-excitation after the spatial layer, if any. */
  readonly se?: SqueezeExciteOptions
  /** Residual connection: `auto` adds it when stride is 1 and input and output channels match. */
  readonly residual?: boolean | "auto"
  readonly name?: string
}

const strideIsOne = (stride: Size2): boolean => (typeof stride === "number" ? stride === 1 : stride[0] === 1 && stride[1] === 1)

/** Adds the residual connection when asked for (or when `auto` and shapes allow). */
const withResidual = (b: NetworkBuilder, x: Tensor, y: Tensor, o: InvertedBottleneckOptions): Tensor => {
  const fits = strideIsOne(o.stride) && x.shape.c === o.out
  const want = o.residual ?? "auto"
  return want === true || (want === "auto" && fits) ? b.add([x, y], "residual") : y
}

/**
 * MBConv, the inverted bottleneck of MobileNetV2/V3 and EfficientNet (Sandler et al., 2018):
 * 1x1 expansion (skipped when `expanded` equals the input channels) -> KxK depthwise with the
 * stride -> optional SE -> linear 1x1 projection -> residual.
 *
 * @example
 * const y = mbconv(b, x, { expanded: 96, out: 24, kernel: 3, stride: 2, act: "relu6" })
 */
export const mbconv = (b: NetworkBuilder, x: Tensor, o: InvertedBottleneckOptions): Tensor =>
  b.scope(o.name ?? "mbconv", () => {
    let y = x
    if (o.expanded !== x.shape.c) y = convBnAct(b, y, { filters: o.expanded, kernel: 1, act: o.act, name: "expand" })
    y = b.scope("depthwise", () => activate(b, b.batchnorm(b.depthwise(y, { kernel: o.kernel, stride: o.stride, name: "dw" })), o.act))
    if (o.se !== undefined) y = squeezeExcite(b, y, o.se)
    y = convBnAct(b, y, { filters: o.out, kernel: 1, act: "none", name: "project" })
    return withResidual(b, x, y, o)
  })

/** Where a fused block applies its stride. */
export type FusedStride = "projection" | "expansion"

/** Options of `fusedMbconv`. */
export interface FusedMbconvOptions extends InvertedBottleneckOptions {
  /**
   * Which conv takes the stride. Google's EfficientNet-EdgeTPU code strides the 1x1 projection
   * (the default); later re-implementations stride the KxK expansion, which costs fewer MACs.
   */
  readonly strideOn?: FusedStride
}

/**
 * Fused-MBConv, the Edge TPU's "fused IBN" (Gupta and Tan, 2019): the 1x1 expansion and the
 * depthwise conv are replaced by one full KxK conv, followed by a linear 1x1 projection. With
 * no expansion (`expanded` equal to the input channels) only the projection remains.
 *
 * @example
 * const y = fusedMbconv(b, x, { expanded: 192, out: 32, kernel: 3, stride: 2, act: "relu" })
 */
export const fusedMbconv = (b: NetworkBuilder, x: Tensor, o: FusedMbconvOptions): Tensor =>
  b.scope(o.name ?? "fused_mbconv", () => {
    const onExpansion = (o.strideOn ?? "projection") === "expansion"
    const expands = o.expanded !== x.shape.c
    let y = x
    if (expands) {
      y = convBnAct(b, y, { filters: o.expanded, kernel: o.kernel, stride: onExpansion ? o.stride : 1, act: o.act, name: "expand" })
    }
    if (o.se !== undefined) y = squeezeExcite(b, y, o.se)
    const projectStride = expands && onExpansion ? 1 : o.stride
    y = convBnAct(b, y, { filters: o.out, kernel: 1, stride: projectStride, act: "none", name: "project" })
    return withResidual(b, x, y, o)
  })

/** Options of `groupConvIbn`. */
export interface GroupConvIbnOptions extends InvertedBottleneckOptions {
  /** Groups of the KxK expansion conv. */
  readonly groups: number
}

/**
 * Group-conv IBN: a fused IBN whose KxK expansion is a grouped convolution (MobileDets' and the
 * Edge TPU search spaces' middle ground between IBN and fused IBN), then a linear 1x1
 * projection. The expansion takes the stride.
 *
 * @example
 * const y = groupConvIbn(b, x, { expanded: 128, out: 32, kernel: 3, stride: 1, groups: 4, act: "relu" })
 */
export const groupConvIbn = (b: NetworkBuilder, x: Tensor, o: GroupConvIbnOptions): Tensor =>
  b.scope(o.name ?? "group_conv_ibn", () => {
    let y = convBnAct(b, x, { filters: o.expanded, kernel: o.kernel, stride: o.stride, groups: o.groups, act: o.act, name: "expand" })
    if (o.se !== undefined) y = squeezeExcite(b, y, o.se)
    y = convBnAct(b, y, { filters: o.out, kernel: 1, act: "none", name: "project" })
    return withResidual(b, x, y, o)
  })

/** Options of `depthwiseSeparable`. */
export interface DepthwiseSeparableOptions {
  readonly out: number
  readonly kernel?: Size2
  readonly stride?: Size2
  readonly act: MaybeActivation
  readonly name?: string
}

/**
 * Depthwise-separable convolution (MobileNetV1): KxK depthwise -> BN -> act -> 1x1 -> BN -> act.
 *
 * @example
 * const y = depthwiseSeparable(b, x, { out: 64, stride: 1, act: "relu" })
 */
export const depthwiseSeparable = (b: NetworkBuilder, x: Tensor, o: DepthwiseSeparableOptions): Tensor =>
  b.scope(o.name ?? "dw_separable", () => {
    const y = b.scope("depthwise", () =>
      activate(b, b.batchnorm(b.depthwise(x, { kernel: o.kernel ?? 3, stride: o.stride ?? 1, name: "dw" })), o.act),
    )
    return convBnAct(b, y, { filters: o.out, kernel: 1, act: o.act, name: "pointwise" })
  })
