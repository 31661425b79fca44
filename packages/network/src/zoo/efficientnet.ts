import { convBnAct } from "../blocks/conv-bn-act.js"
import { fusedMbconv, mbconv } from "../blocks/inverted-bottleneck.js"
import { NetworkBuilder } from "../builder/builder.js"
import type { Network } from "../graph/network.js"
import { classifier, type ImageNetOptions } from "./mobilenet.js"
import { makeDivisible } from "./round.js"

/** One EfficientNet stage: expansion, kernel, stride, output channels, repeats. */
type Stage = readonly [number, number, number, number, number]

const b0Stages: readonly Stage[] = [
  [1, 3, 1, 16, 1],
  [6, 3, 2, 24, 2],
  [6, 5, 2, 40, 2],
  [6, 3, 2, 80, 3],
  [6, 5, 1, 112, 3],
  [6, 5, 2, 192, 4],
  [6, 3, 1, 320, 1],
]

/**
 * EfficientNet-B0 (Tan and Le, 2019) as in torchvision: MBConv with SE (squeeze = block input
 * channels / 4, swish inside, sigmoid gate) and swish; `width` scales channels, and the depth
 * coefficient is 1. 224x224: 390M MACs, 5,288,548 parameters.
 */
export const efficientnetB0 = (o: ImageNetOptions): Network => {
  const b = new NetworkBuilder("efficientnet_b0")
  const adjust = (channels: number): number => makeDivisible(channels * o.width)
  let x = b.input({ h: o.resolution, w: o.resolution, c: 3 })
  x = convBnAct(b, x, { filters: adjust(32), kernel: 3, stride: 2, act: "swish", name: "stem" })
  b0Stages.forEach(([expansion, kernel, stride, channels, repeats], stage) => {
    for (let i = 0; i < repeats; i++) {
      const input = x.shape.c
      x = mbconv(b, x, {
        expanded: makeDivisible(input * expansion),
        out: adjust(channels),
        kernel,
        stride: i === 0 ? stride : 1,
        act: "swish",
        se: { squeeze: Math.max(1, Math.floor(input / 4)), act: "swish", gate: "sigmoid" },
        name: `stage${stage + 1}/block${i + 1}`,
      })
    }
  })
  x = convBnAct(b, x, { filters: 4 * x.shape.c, kernel: 1, act: "swish", name: "head" })
  classifier(b, x, o.classes)
  return b.build()
}

/** One EfficientNet-EdgeTPU stage: repeats, kernel, stride, expansion, in, out, fused, skip. */
type EdgeTpuStage = readonly [number, number, number, number, number, number, boolean, boolean]

// From Google's efficientnet_edgetpu_builder block strings (r_k_s_e_i_o, c1 = fused, noskip).
const edgeTpuStages: readonly EdgeTpuStage[] = [
  [1, 3, 1, 4, 24, 24, true, false],
  [2, 3, 2, 8, 24, 32, true, true],
  [4, 3, 2, 8, 32, 48, true, true],
  [5, 5, 2, 8, 48, 96, false, true],
  [4, 5, 1, 8, 96, 144, false, true],
  [2, 5, 2, 8, 144, 192, false, true],
]

/**
 * EfficientNet-EdgeTPU (Gupta and Tan, 2019) as in Google's reference builder: ReLU, no SE, fused
 * IBNs in the first three stages (stride on the 1x1 projection, as the reference code does), and
 * expansion computed from each stage's nominal input channels. S: depth 1.0, 224x224; M: depth
 * 1.1, 240x240. The original classifier has 1001 classes (a background class).
 */
const efficientnetEdgeTpu = (name: string, depth: number, o: ImageNetOptions): Network => {
  const b = new NetworkBuilder(name)
  const adjust = (channels: number): number => makeDivisible(channels * o.width)
  let x = b.input({ h: o.resolution, w: o.resolution, c: 3 })
  x = convBnAct(b, x, { filters: adjust(32), kernel: 3, stride: 2, act: "relu", name: "stem" })
  edgeTpuStages.forEach(([repeats, kernel, stride, expansion, input, output, fused, skip], stage) => {
    const count = Math.ceil(depth * repeats)
    for (let i = 0; i < count; i++) {
      const nominalInput = i === 0 ? adjust(input) : adjust(output)
      const block = {
        expanded: nominalInput * expansion,
        out: adjust(output),
        kernel,
        stride: i === 0 ? stride : 1,
        act: "relu" as const,
        residual: skip ? ("auto" as const) : false,
        name: `stage${stage + 1}/block${i + 1}`,
      }
      x = fused ? fusedMbconv(b, x, block) : mbconv(b, x, block)
    }
  })
  x = convBnAct(b, x, { filters: adjust(1280), kernel: 1, act: "relu", name: "head" })
  classifier(b, x, o.classes)
  return b.build()
}

/** EfficientNet-EdgeTPU-S: 224x224, depth coefficient 1.0. */
export const efficientnetEdgeTpuS = (o: ImageNetOptions): Network => efficientnetEdgeTpu("efficientnet_edgetpu_s", 1.0, o)

/** EfficientNet-EdgeTPU-M: 240x240, depth coefficient 1.1. */
export const efficientnetEdgeTpuM = (o: ImageNetOptions): Network => efficientnetEdgeTpu("efficientnet_edgetpu_m", 1.1, o)
