import { convBnAct } from "../blocks/conv-bn-act.js"
import { resnetBasic, resnetBottleneck } from "../blocks/resnet.js"
import { NetworkBuilder } from "../builder/builder.js"
import type { Network } from "../graph/network.js"
import { classifier, type ImageNetOptions } from "./mobilenet.js"
import { makeDivisible } from "./round.js"

const resnet = (name: string, block: typeof resnetBasic, depths: readonly number[], o: ImageNetOptions): Network => {
  const b = new NetworkBuilder(name)
  const width = (channels: number): number => (o.width === 1 ? channels : makeDivisible(channels * o.width))
  let x = b.input({ h: o.resolution, w: o.resolution, c: 3 })
  x = convBnAct(b, x, { filters: width(64), kernel: 7, stride: 2, act: "relu", name: "stem" })
  x = b.maxpool(x, { kernel: 3, stride: 2, padding: "same", name: "stem/maxpool" })
  depths.forEach((count, stage) => {
    for (let i = 0; i < count; i++) {
      x = block(b, x, { width: width(64 * 2 ** stage), stride: i === 0 && stage > 0 ? 2 : 1, name: `stage${stage + 1}/block${i + 1}` })
    }
  })
  classifier(b, x, o.classes)
  return b.build()
}

/** ResNet-18 (He et al., 2016) as in torchvision. 224x224: 1.814G MACs, 11,689,512 parameters. */
export const resnet18 = (o: ImageNetOptions): Network => resnet("resnet18", resnetBasic, [2, 2, 2, 2], o)

/** ResNet-50 (v1.5, stride on the 3x3) as in torchvision. 224x224: 4.089G MACs, 25,557,032 parameters. */
export const resnet50 = (o: ImageNetOptions): Network => resnet("resnet50", resnetBottleneck, [3, 4, 6, 3], o)
