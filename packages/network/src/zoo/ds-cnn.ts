import { NetworkBuilder } from "../builder/builder.js"
import type { Network } from "../graph/network.js"
import type { Pair } from "../layer/layer.js"

/** The sizes of a DS-CNN (Zhang et al., 2017) keyword spotter. */
export interface DsCnnOptions {
  /** Channels of every layer (the first convolution's filters and every separable block's). */
  readonly channels: number
  /** Stride (time, frequency) of the first 10x4 convolution. */
  readonly firstStride: Pair
  /** Depthwise-separable blocks after the first convolution. */
  readonly blocks: number
  /** Stride (both axes) of the first block's depthwise convolution; the other blocks have stride 1. */
  readonly firstBlockStride: number
  /** Keywords (12 for Speech Commands: ten words, silence, unknown). */
  readonly classes: number
}

/**
 * DS-CNN sizes S, M and L of "Hello Edge" (Zhang et al., 2017), as ARM's ML-KWS-for-MCU trains
 * them (`train_commands.txt`, `--model_size_info`): S has 64 channels, a 2x2-strided first
 * convolution and 4 blocks; M 172 channels, stride 2x1 then a 2x2-strided first block, 4 blocks;
 * L 276 channels like M with 5 blocks.
 */
export const dsCnnSizes = {
  s: { channels: 64, firstStride: [2, 2], blocks: 4, firstBlockStride: 1, classes: 12 },
  m: { channels: 172, firstStride: [2, 1], blocks: 4, firstBlockStride: 2, classes: 12 },
  l: { channels: 276, firstStride: [2, 1], blocks: 5, firstBlockStride: 2, classes: 12 },
} as const satisfies Record<string, DsCnnOptions>

/**
 * A DS-CNN keyword spotter (Zhang et al., "Hello Edge: Keyword Spotting on Microcontrollers",
 * 2017) over 49 frames x 10 MFCCs (40 ms windows, 20 ms stride over 1 s), as ARM's
 * ML-KWS-for-MCU deploys it: a 10x4 convolution, depthwise-separable blocks (3x3 depthwise, 1x1
 * pointwise), each with a ReLU, `same` padding throughout, a global average pool and a dense
 * layer onto the keywords (logits). Batch norm is folded into the convolutions' weights and
 * biases, as ARM's `fold_batchnorm.py` does before deployment, so every convolution has a bias
 * and no batch-norm layer follows it: parameters are those of the deployed model.
 *
 * @example
 * dsCnn(dsCnnSizes.s) // 22,604 parameters, 2.66M MACs
 */
export const dsCnn = (o: DsCnnOptions): Network => {
  const b = new NetworkBuilder(
    `ds_cnn:channels=${o.channels},stride=${o.firstStride.join("x")},blocks=${o.blocks},block_stride=${o.firstBlockStride},classes=${o.classes}`,
  )
  let x = b.input({ h: 49, w: 10, c: 1 }, "mfcc")
  x = b.scope("conv1", () =>
    b.activation(b.conv2d(x, { filters: o.channels, kernel: [10, 4], stride: o.firstStride, bias: true, name: "conv" }), "relu"),
  )
  for (let i = 0; i < o.blocks; i++) {
    const input = x
    const stride = i === 0 ? o.firstBlockStride : 1
    x = b.scope(`block${i + 1}`, () => {
      const dw = b.activation(b.depthwise(input, { kernel: 3, stride, bias: true, name: "depthwise" }), "relu", "depthwise_relu")
      return b.activation(b.pointwise(dw, o.channels, { bias: true, name: "pointwise" }), "relu", "pointwise_relu")
    })
  }
  const pooled = x
  b.scope("classifier", () => b.dense(b.globalAvgPool(pooled, "pool"), o.classes, { name: "fc" }))
  return b.build()
}
