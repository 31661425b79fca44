import { convBnAct } from "../blocks/conv-bn-act.js"
import { fusedMbconv, groupConvIbn, type InvertedBottleneckOptions, mbconv } from "../blocks/inverted-bottleneck.js"
import { NetworkBuilder } from "../builder/builder.js"
import type { Network } from "../graph/network.js"
import { classifier, type ImageNetOptions } from "./mobilenet.js"
import { makeDivisible } from "./round.js"

/** The block types an Edge-TPU-oriented stage may use. */
export type EdgeTpuBlockType = "ibn" | "fused_ibn" | "group_conv_ibn"

/** The choices made for one stage of an Edge-TPU-oriented network. */
export interface EdgeTpuStageChoice {
  readonly block: EdgeTpuBlockType
  readonly kernel: number
  readonly expansion: number
  /** Multiplies the stage's base output channels (then rounded to a multiple of 8). */
  readonly filterMultiplier: number
  /** Added to the stage's base number of blocks (at least one block remains). */
  readonly depthOffset: number
  readonly se: boolean
  /** Groups of the expansion conv of a `group_conv_ibn` block. */
  readonly groups?: number
}

/** A stage's fixed skeleton: base output channels, base repeats and stride. */
export interface EdgeTpuStageBase {
  readonly channels: number
  readonly repeats: number
  readonly stride: number
}

/** The stage skeleton of EfficientNet-EdgeTPU-S (Gupta and Tan, 2019): channels, repeats, stride. */
export const edgeTpuStageBases: readonly EdgeTpuStageBase[] = [
  { channels: 24, repeats: 1, stride: 1 },
  { channels: 32, repeats: 2, stride: 2 },
  { channels: 48, repeats: 4, stride: 2 },
  { channels: 96, repeats: 5, stride: 2 },
  { channels: 144, repeats: 4, stride: 1 },
  { channels: 192, repeats: 2, stride: 2 },
]

/** EfficientNet-EdgeTPU-S's own choices on that skeleton: fused IBNs first, then IBNs; no SE. */
export const edgeTpuSChoices: readonly EdgeTpuStageChoice[] = [
  { block: "fused_ibn", kernel: 3, expansion: 4, filterMultiplier: 1, depthOffset: 0, se: false },
  { block: "fused_ibn", kernel: 3, expansion: 8, filterMultiplier: 1, depthOffset: 0, se: false },
  { block: "fused_ibn", kernel: 3, expansion: 8, filterMultiplier: 1, depthOffset: 0, se: false },
  { block: "ibn", kernel: 5, expansion: 8, filterMultiplier: 1, depthOffset: 0, se: false },
  { block: "ibn", kernel: 5, expansion: 8, filterMultiplier: 1, depthOffset: 0, se: false },
  { block: "ibn", kernel: 5, expansion: 8, filterMultiplier: 1, depthOffset: 0, se: false },
]

/**
 * An EfficientNet-EdgeTPU-like network from per-stage choices: 3x3 stem (32), one stage per
 * choice on the EdgeTPU-S skeleton, 1x1 head (1280), classifier. ReLU throughout; SE uses a
 * ReLU squeeze of a quarter of the block input and a hard-sigmoid gate (cheap on the Edge TPU).
 * Expansion is relative to each block's actual input channels.
 *
 * @example
 * edgeTpuNet(edgeTpuSChoices, { resolution: 224, width: 1, classes: 1000 })
 */
export const edgeTpuNet = (choices: readonly EdgeTpuStageChoice[], o: ImageNetOptions, name = "edgetpu_net"): Network => {
  const b = new NetworkBuilder(name)
  let x = b.input({ h: o.resolution, w: o.resolution, c: 3 })
  x = convBnAct(b, x, { filters: makeDivisible(32 * o.width), kernel: 3, stride: 2, act: "relu", name: "stem" })
  choices.forEach((choice, stage) => {
    const base = edgeTpuStageBases[stage] ?? (edgeTpuStageBases[edgeTpuStageBases.length - 1] as EdgeTpuStageBase)
    const out = makeDivisible(base.channels * choice.filterMultiplier * o.width)
    const count = Math.max(1, base.repeats + choice.depthOffset)
    for (let i = 0; i < count; i++) {
      const input = x.shape.c
      const block: InvertedBottleneckOptions = {
        expanded: input * choice.expansion,
        out,
        kernel: choice.kernel,
        stride: i === 0 ? base.stride : 1,
        act: "relu",
        ...(choice.se ? { se: { squeeze: Math.max(8, makeDivisible(input / 4)), act: "relu", gate: "hsigmoid" } } : {}),
        name: `stage${stage + 1}/block${i + 1}`,
      }
      if (choice.block === "ibn") x = mbconv(b, x, block)
      else if (choice.block === "fused_ibn") x = fusedMbconv(b, x, block)
      else x = groupConvIbn(b, x, { ...block, groups: choice.groups ?? 2 })
    }
  })
  x = convBnAct(b, x, { filters: makeDivisible(1280 * Math.max(1, o.width)), kernel: 1, act: "relu", name: "head" })
  classifier(b, x, o.classes)
  return b.build()
}
