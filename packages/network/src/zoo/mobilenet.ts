import { convBnAct } from "../blocks/conv-bn-act.js"
import { depthwiseSeparable, mbconv } from "../blocks/inverted-bottleneck.js"
import { NetworkBuilder, type Tensor } from "../builder/builder.js"
import type { Network } from "../graph/network.js"
import type { ActivationFunction } from "../layer/layer.js"
import { makeDivisible } from "./round.js"

/** The options every image-classification zoo network takes. */
export interface ImageNetOptions {
  /** Input height and width. */
  readonly resolution: number
  /** Width (channel) multiplier. */
  readonly width: number
  readonly classes: number
}

/** The classifier head: global average pool -> dense with bias. */
export const classifier = (b: NetworkBuilder, x: Tensor, classes: number): Tensor =>
  b.scope("classifier", () => b.dense(b.globalAvgPool(x, "pool"), classes, { name: "fc" }))

/**
 * MobileNetV1 (Howard et al., 2017) as in Keras `applications.MobileNet`: 3x3 stem, 13
 * depthwise-separable blocks, global pool and a 1000-way classifier; channels scale as
 * `floor(c * width)`. 224x224, width 1: 569M MACs, 4,231,976 parameters.
 */
export const mobilenetV1 = (o: ImageNetOptions): Network => {
  const b = new NetworkBuilder("mobilenet_v1")
  const c = (channels: number): number => Math.floor(channels * o.width)
  let x = b.input({ h: o.resolution, w: o.resolution, c: 3 })
  x = convBnAct(b, x, { filters: c(32), kernel: 3, stride: 2, act: "relu", name: "stem" })
  const blocks: readonly (readonly [number, number])[] = [
    [64, 1],
    [128, 2],
    [128, 1],
    [256, 2],
    [256, 1],
    [512, 2],
    [512, 1],
    [512, 1],
    [512, 1],
    [512, 1],
    [512, 1],
    [1024, 2],
    [1024, 1],
  ]
  blocks.forEach(([out, stride], i) => {
    x = depthwiseSeparable(b, x, { out: c(out), stride, act: "relu", name: `block${i + 1}` })
  })
  classifier(b, x, o.classes)
  return b.build()
}

/**
 * MobileNetV2 (Sandler et al., 2018) as in torchvision: stages of MBConv blocks (t, c, n, s),
 * ReLU6, channels rounded with `makeDivisible`. 224x224, width 1: 300M MACs, 3,504,872 parameters.
 */
export const mobilenetV2 = (o: ImageNetOptions): Network => {
  const b = new NetworkBuilder("mobilenet_v2")
  const stages: readonly (readonly [number, number, number, number])[] = [
    [1, 16, 1, 1],
    [6, 24, 2, 2],
    [6, 32, 3, 2],
    [6, 64, 4, 2],
    [6, 96, 3, 1],
    [6, 160, 3, 2],
    [6, 320, 1, 1],
  ]
  let x = b.input({ h: o.resolution, w: o.resolution, c: 3 })
  x = convBnAct(b, x, { filters: makeDivisible(32 * o.width), kernel: 3, stride: 2, act: "relu6", name: "stem" })
  stages.forEach(([t, channels, n, s], stage) => {
    const out = makeDivisible(channels * o.width)
    for (let i = 0; i < n; i++) {
      x = mbconv(b, x, {
        expanded: Math.round(x.shape.c * t),
        out,
        kernel: 3,
        stride: i === 0 ? s : 1,
        act: "relu6",
        name: `stage${stage + 1}/block${i + 1}`,
      })
    }
  })
  x = convBnAct(b, x, { filters: makeDivisible(1280 * Math.max(1, o.width)), kernel: 1, act: "relu6", name: "head" })
  classifier(b, x, o.classes)
  return b.build()
}

/** One MobileNetV3 block row: kernel, expanded, out, SE, activation, stride. */
type V3Row = readonly [number, number, number, boolean, "RE" | "HS", number]

const v3Large: readonly V3Row[] = [
  [3, 16, 16, false, "RE", 1],
  [3, 64, 24, false, "RE", 2],
  [3, 72, 24, false, "RE", 1],
  [5, 72, 40, true, "RE", 2],
  [5, 120, 40, true, "RE", 1],
  [5, 120, 40, true, "RE", 1],
  [3, 240, 80, false, "HS", 2],
  [3, 200, 80, false, "HS", 1],
  [3, 184, 80, false, "HS", 1],
  [3, 184, 80, false, "HS", 1],
  [3, 480, 112, true, "HS", 1],
  [3, 672, 112, true, "HS", 1],
  [5, 672, 160, true, "HS", 2],
  [5, 960, 160, true, "HS", 1],
  [5, 960, 160, true, "HS", 1],
]

const v3Small: readonly V3Row[] = [
  [3, 16, 16, true, "RE", 2],
  [3, 72, 24, false, "RE", 2],
  [3, 88, 24, false, "RE", 1],
  [5, 96, 40, true, "HS", 2],
  [5, 240, 40, true, "HS", 1],
  [5, 240, 40, true, "HS", 1],
  [5, 120, 48, true, "HS", 1],
  [5, 144, 48, true, "HS", 1],
  [5, 288, 96, true, "HS", 2],
  [5, 576, 96, true, "HS", 1],
  [5, 576, 96, true, "HS", 1],
]

const mobilenetV3 = (name: string, rows: readonly V3Row[], lastChannel: number, o: ImageNetOptions): Network => {
  const b = new NetworkBuilder(name)
  const adjust = (channels: number): number => makeDivisible(channels * o.width)
  let x = b.input({ h: o.resolution, w: o.resolution, c: 3 })
  x = convBnAct(b, x, { filters: adjust(16), kernel: 3, stride: 2, act: "hswish", name: "stem" })
  rows.forEach(([kernel, expanded, out, se, nl, stride], i) => {
    const act: ActivationFunction = nl === "RE" ? "relu" : "hswish"
    const exp = adjust(expanded)
    const block = { expanded: exp, out: adjust(out), kernel, stride, act, name: `block${i + 1}` }
    x = mbconv(b, x, se ? { ...block, se: { squeeze: makeDivisible(Math.floor(exp / 4)), act: "relu", gate: "hsigmoid" } } : block)
  })
  x = convBnAct(b, x, { filters: 6 * x.shape.c, kernel: 1, act: "hswish", name: "head" })
  b.scope("classifier", () => {
    const hidden = b.activation(b.dense(b.globalAvgPool(x, "pool"), adjust(lastChannel), { name: "fc1" }), "hswish")
    b.dense(hidden, o.classes, { name: "fc2" })
  })
  return b.build()
}

/**
 * MobileNetV3-Large (Howard et al., 2019) as in torchvision: MBConv with SE (hard sigmoid gate,
 * squeeze = makeDivisible(expanded / 4)) and hard swish. 224x224: 217M MACs, 5,483,032 parameters.
 */
export const mobilenetV3Large = (o: ImageNetOptions): Network => mobilenetV3("mobilenet_v3_large", v3Large, 1280, o)

/** MobileNetV3-Small as in torchvision. 224x224: 56M MACs, 2,542,856 parameters. */
export const mobilenetV3Small = (o: ImageNetOptions): Network => mobilenetV3("mobilenet_v3_small", v3Small, 1024, o)
