import { boolean, type Configuration, categorical, defineSpace, ordinal, type Parameter, type Space, when } from "@cosearch/space"
import type { Network } from "../graph/network.js"
import { type EdgeTpuBlockType, type EdgeTpuStageChoice, edgeTpuNet, edgeTpuStageBases } from "../zoo/edgetpu-net.js"
import type { ImageNetOptions } from "../zoo/mobilenet.js"

const blockTypes: readonly EdgeTpuBlockType[] = ["ibn", "fused_ibn", "group_conv_ibn"]

const stageParameters = (stage: number): Parameter[] => {
  const p = `s${stage}_`
  const base = edgeTpuStageBases[stage - 1]
  const repeats = base?.repeats ?? 1
  const where = `stage ${stage} (${base?.channels} channels, ${repeats} block${repeats === 1 ? "" : "s"}, stride ${base?.stride})`
  return [
    categorical(`${p}block`, blockTypes, { description: `block type of ${where}` }),
    ordinal(`${p}groups`, [2, 4, 8], { condition: when(`${p}block`, "group_conv_ibn"), description: `expansion conv groups of ${where}` }),
    ordinal(`${p}kernel`, [3, 5, 7], { description: `kernel of ${where}` }),
    ordinal(`${p}expansion`, [1, 3, 4, 6, 8], { description: `expansion ratio of ${where}` }),
    ordinal(`${p}filter_multiplier`, [0.5, 0.75, 1, 1.25, 1.5, 2], { description: `output channel multiplier of ${where}` }),
    // A one-block stage cannot lose a block: offering -1 there would duplicate offset 0.
    ordinal(`${p}depth_offset`, repeats > 1 ? [-1, 0, 1] : [0, 1], { description: `blocks added to ${where}` }),
    boolean(`${p}se`, { description: `squeeze-and-excitation in ${where}` }),
  ]
}

/**
 * An EfficientNet-EdgeTPU-S-like space (after the Edge TPU / NAHAS search spaces): each of the
 * six stages picks a block type (IBN, fused IBN, group-conv IBN, the last with 2/4/8 groups),
 * kernel, expansion, filter multiplier, depth offset (-1, 0, +1; no -1 for a one-block stage)
 * and SE: 2,700 choices per stage (1,800 for the one-block first stage), 1,800 x 2,700^5 networks,
 * each a different network.
 *
 * @example
 * const network = edgeTpuNetOf(sampleMany(edgeTpuNetSpace, 1, "seed")[0] ?? {})
 */
export const edgeTpuNetSpace: Space = defineSpace({
  name: "edgetpu-net",
  parameters: edgeTpuStageBases.flatMap((_, i) => stageParameters(i + 1)),
})

/**
 * The per-stage choices of an `edgeTpuNetSpace` configuration.
 *
 * @example
 * edgeTpuStageChoicesOf(config)[0].block // "fused_ibn"
 */
export const edgeTpuStageChoicesOf = (config: Configuration): EdgeTpuStageChoice[] =>
  edgeTpuStageBases.map((_, i) => {
    const p = `s${i + 1}_`
    const read = (name: string): number => {
      const value = config[`${p}${name}`]
      if (typeof value !== "number") throw new TypeError(`"${p}${name}" must be a number, got ${JSON.stringify(value)}`)
      return value
    }
    const block = config[`${p}block`]
    if (!(blockTypes as readonly unknown[]).includes(block)) {
      throw new TypeError(`"${p}block" must be one of ${blockTypes.join(", ")}, got ${JSON.stringify(block)}`)
    }
    const choice: EdgeTpuStageChoice = {
      block: block as EdgeTpuBlockType,
      kernel: read("kernel"),
      expansion: read("expansion"),
      filterMultiplier: read("filter_multiplier"),
      depthOffset: read("depth_offset"),
      se: config[`${p}se`] === true,
    }
    return block === "group_conv_ibn" ? { ...choice, groups: read("groups") } : choice
  })

/**
 * The network of an `edgeTpuNetSpace` configuration (224x224, 1000 classes unless given).
 *
 * @example
 * const network = edgeTpuNetOf(sampleMany(edgeTpuNetSpace, 1, "seed")[0] ?? {})
 */
export const edgeTpuNetOf = (config: Configuration, options: ImageNetOptions = { resolution: 224, width: 1, classes: 1000 }): Network =>
  edgeTpuNet(edgeTpuStageChoicesOf(config), options)
