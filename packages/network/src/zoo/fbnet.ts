import { convBnAct } from "../blocks/conv-bn-act.js"
import { type FbnetOperation, fbnetBlock } from "../blocks/fbnet-block.js"
import { NetworkBuilder } from "../builder/builder.js"
import type { Network } from "../graph/network.js"
import { classifier, type ImageNetOptions } from "./mobilenet.js"

/** The 22 searchable FBNet layers: output channels and stride of each (Wu et al., 2019, Table 1). */
export const fbnetLayers: readonly (readonly [number, number])[] = [
  [16, 1],
  ...[24, 32, 64, 112, 184].flatMap((channels) => {
    const stride = channels === 112 ? 1 : 2
    return [[channels, stride] as const, [channels, 1] as const, [channels, 1] as const, [channels, 1] as const]
  }),
  [352, 1],
]

/** The published FBNet-A, -B and -C block choices (Wu et al., 2019, Figure 4). */
export const fbnetPresets: Readonly<Record<"a" | "b" | "c", readonly FbnetOperation[]>> = {
  a: [
    "skip",
    "k3_e3",
    "k3_e1",
    "skip",
    "skip",
    "k5_e6",
    "k3_e3",
    "k5_e1",
    "k3_e3",
    "k5_e6",
    "k5_e3",
    "k5_e1_g2",
    "k5_e6",
    "k3_e6",
    "k5_e1_g2",
    "k5_e1",
    "k3_e1_g2",
    "k5_e6",
    "k5_e6",
    "k5_e3",
    "k5_e6",
    "k5_e6",
  ],
  b: [
    "k3_e1",
    "k3_e6",
    "k5_e1",
    "k3_e1",
    "k3_e1",
    "k5_e6",
    "k5_e3",
    "k3_e6",
    "k5_e6",
    "k5_e6",
    "k5_e1",
    "skip",
    "k5_e3",
    "k5_e6",
    "k3_e1",
    "k5_e1",
    "k5_e3",
    "k5_e6",
    "k5_e1",
    "k5_e6",
    "k5_e6",
    "k3_e6",
  ],
  c: [
    "k3_e1",
    "k3_e6",
    "skip",
    "k3_e1",
    "k3_e1",
    "k5_e6",
    "k5_e3",
    "k5_e6",
    "k3_e6",
    "k5_e6",
    "k5_e3",
    "k5_e6",
    "k5_e6",
    "k5_e6",
    "k5_e6",
    "k5_e6",
    "k5_e3",
    "k5_e6",
    "k5_e6",
    "k5_e6",
    "k5_e6",
    "k3_e6",
  ],
}

/** Options of an FBNet network. */
export interface FbnetOptions extends ImageNetOptions {
  /** Channels of the final 1x1 conv: 1984 (FBNet-B/C), 1504 (FBNet-A). */
  readonly headChannels?: number
}

/**
 * An FBNet network: 3x3 stem (16, stride 2), the 22 chosen blocks, a 1x1 head conv, global pool
 * and a classifier. `width` scales every stage's channels.
 *
 * @example
 * fbnet(fbnetPresets.b, { resolution: 224, width: 1, classes: 1000 })
 */
export const fbnet = (ops: readonly FbnetOperation[], o: FbnetOptions): Network => {
  const b = new NetworkBuilder(`fbnet:${ops.join("->")}`)
  const scale = (channels: number): number => Math.max(1, Math.round(channels * o.width))
  let x = b.input({ h: o.resolution, w: o.resolution, c: 3 })
  x = convBnAct(b, x, { filters: scale(16), kernel: 3, stride: 2, act: "relu", name: "stem" })
  fbnetLayers.forEach(([channels, stride], i) => {
    x = fbnetBlock(b, x, ops[i] as FbnetOperation, scale(channels), stride, `layer${i + 1}`)
  })
  x = convBnAct(b, x, { filters: scale(o.headChannels ?? 1984), kernel: 1, act: "relu", name: "head" })
  classifier(b, x, o.classes)
  return b.build()
}
