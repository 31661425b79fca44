import { type Configuration, categorical, defineSpace, type Space } from "@cosearch/space"
import { type FbnetOperation, fbnetOperations, isFbnetOperation } from "../blocks/fbnet-block.js"
import type { Network } from "../graph/network.js"
import { fbnet, fbnetLayers } from "../zoo/fbnet.js"
import type { ImageNetOptions } from "../zoo/mobilenet.js"

/** The parameter name of each FBNet layer: `layer_1` ... `layer_22`. */
export const fbnetLayerNames: readonly string[] = fbnetLayers.map((_, i) => `layer_${i + 1}`)

/**
 * FBNet's space (Wu et al., 2019): each of the 22 searchable layers picks one of 9 blocks,
 * 9^22 networks.
 *
 * @example
 * cardinality(fbnetSpace) // 9n ** 22n
 */
export const fbnetSpace: Space = defineSpace({
  name: "fbnet",
  parameters: fbnetLayerNames.map((name, i) => {
    const [channels, stride] = fbnetLayers[i] as readonly [number, number]
    return categorical(name, fbnetOperations, { description: `block of layer ${i + 1} (${channels} channels, stride ${stride})` })
  }),
})

/**
 * The 22 block ids of an `fbnetSpace` configuration.
 *
 * @example
 * fbnetOperationsOf(config).join("->")
 */
export const fbnetOperationsOf = (config: Configuration): FbnetOperation[] =>
  fbnetLayerNames.map((name) => {
    const op = config[name]
    if (typeof op !== "string" || !isFbnetOperation(op)) {
      throw new TypeError(`FBNet layer "${name}" must be one of ${fbnetOperations.join(", ")}, got ${JSON.stringify(op)}`)
    }
    return op
  })

/**
 * The network of an `fbnetSpace` configuration (224x224, 1000 classes unless given).
 *
 * @example
 * const network = fbnetNetworkOf(sampleMany(fbnetSpace, 1, "seed")[0] ?? {})
 */
export const fbnetNetworkOf = (config: Configuration, options: ImageNetOptions = { resolution: 224, width: 1, classes: 1000 }): Network =>
  fbnet(fbnetOperationsOf(config), options)
