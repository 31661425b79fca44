import { NetworkBuilder } from "../builder/builder.js"
import type { Network } from "../graph/network.js"
import type { ImageNetOptions } from "./mobilenet.js"

/** VGG-16's convolution stages: filters per stage, 3x3 convolutions per stage. */
const vgg16Stages: readonly (readonly [number, number])[] = [
  [64, 2],
  [128, 2],
  [256, 3],
  [512, 3],
  [512, 3],
]

/**
 * VGG-16 (Simonyan and Zisserman, 2015) as in torchvision, without batch norm: 13 biased 3x3
 * convolutions with ReLU in five stages, each closed by a 2x2 max pool, then the heavy fully
 * connected head 25088 -> 4096 -> 4096 -> classes (89% of the weights at 224x224). Channels scale
 * as `floor(c * width)`. 224x224, width 1: 15.47G MACs, 138,357,544 parameters.
 *
 * @example
 * vgg16({ resolution: 224, width: 1, classes: 1000 })
 */
export const vgg16 = (o: ImageNetOptions): Network => {
  const b = new NetworkBuilder("vgg16")
  let x = b.input({ h: o.resolution, w: o.resolution, c: 3 })
  vgg16Stages.forEach(([filters, count], stage) => {
    for (let i = 0; i < count; i++)
      x = b.scope(`stage${stage + 1}/conv${i + 1}`, () =>
        b.activation(b.conv2d(x, { filters: Math.floor(filters * o.width), kernel: 3, bias: true }), "relu"),
      )
    x = b.maxpool(x, { kernel: 2, stride: 2, padding: "valid", name: `stage${stage + 1}/maxpool` })
  })
  x = b.flatten(x)
  x = b.scope("fc1", () => b.activation(b.dense(x, 4096, { name: "dense", bias: true }), "relu"))
  x = b.scope("fc2", () => b.activation(b.dense(x, 4096, { name: "dense", bias: true }), "relu"))
  b.scope("fc3", () => b.dense(x, o.classes, { name: "dense", bias: true }))
  return b.build()
}
