import { type EdgeTpuPresetName, edgeTpuPresets } from "@cosearch/accelerator"
import { type EdgeTpuResult, edgeTpuWorkload, evaluateEdgeTpu } from "@cosearch/cost"
import {
  edgeTpuNetOf,
  edgeTpuNetSpace,
  fbnetNetworkOf,
  fbnetSpace,
  loopNestMacs,
  type Network,
  nb201NetworkOf,
  nb201Space,
} from "@cosearch/network"
import { type Configuration, createRandom, type Random, sampleMany } from "@cosearch/space"
import type { ClassComparisonConfig } from "./config.js"

/**
 * What the comparison records of one network, independent of the accelerator.
 *
 * @example
 * runClassComparison(config)[0]?.features.macs
 */
export interface NetworkFeatures {
  readonly space: string
  readonly name: string
  readonly resolution: number
  readonly macs: number
  readonly parameters: number
  /** Costed layers (convolutions, fully connected, pooling, sums). */
  readonly depth: number
  /** Mean output channels of the convolutions and fully connected layers. */
  readonly meanChannels: number
  /** Share of the MACs in depthwise convolutions. */
  readonly depthwiseShare: number
}

/**
 * One network of the comparison with its result on every accelerator, in config order.
 *
 * @example
 * runClassComparison(config)[0]?.results[0]?.feasible
 */
export interface ClassRow {
  readonly features: NetworkFeatures
  readonly results: readonly EdgeTpuResult[]
}

const draw = <T>(random: Random, values: readonly T[]): T => values[Math.floor(random() * values.length)] as T

const networkOf = (
  space: ClassComparisonConfig["networks"][number]["space"],
  config: Configuration,
  resolution: number,
  width: number,
): Network => {
  const imageNet = { resolution, width, classes: 1000 }
  if (space === "nb201") return nb201NetworkOf(config)
  if (space === "fbnet") return fbnetNetworkOf(config, imageNet)
  return edgeTpuNetOf(config, imageNet)
}

const spaces = { nb201: nb201Space, fbnet: fbnetSpace, "edgetpu-net": edgeTpuNetSpace } as const

/**
 * Runs a classes comparison: for each `networks` entry, `count` configurations sampled from its space
 * (seeded by the config's seed and the entry's position), each with a resolution and width drawn
 * from the entry's lists, prepared once and evaluated on every accelerator. Deterministic.
 *
 * @example
 * const rows = runClassComparison(config, (done, total) => undefined)
 */
export const runClassComparison = (
  config: ClassComparisonConfig,
  progress: (done: number, total: number) => void = () => {},
): ClassRow[] => {
  const accelerators = config.accelerators.map((name: EdgeTpuPresetName) => edgeTpuPresets[name])
  const total = config.networks.reduce((sum, entry) => sum + entry.count, 0)
  const rows: ClassRow[] = []
  config.networks.forEach((entry, index) => {
    const random = createRandom(`${config.seed}/networks[${index}]/options`)
    for (const configuration of sampleMany(spaces[entry.space], entry.count, `${config.seed}/networks[${index}]`)) {
      const resolution = entry.space === "nb201" ? 32 : draw(random, entry.resolutions ?? [224])
      const width = entry.space === "nb201" ? 1 : draw(random, entry.widths ?? [1])
      const network = networkOf(entry.space, configuration, resolution, width)
      const prepared = edgeTpuWorkload(network)
      if (!prepared.ok) throw new Error(`the ${entry.space} space built an invalid network: ${prepared.issues[0]?.message}`)
      const { workload } = prepared
      const results = accelerators.map((accelerator) =>
        evaluateEdgeTpu(workload, accelerator, config.areaBudgetMm2 === undefined ? {} : { areaBudgetMm2: config.areaBudgetMm2 }),
      )
      let parameters = 0
      let channels = 0
      let weighted = 0
      let depthwiseMacs = 0
      for (const layer of workload.layers) {
        parameters += layer.weightElements
        if (layer.layerClass === "conv" || layer.layerClass === "depthwise" || layer.layerClass === "fc") {
          channels += layer.nest.G * layer.nest.K
          weighted++
        }
        if (layer.layerClass === "depthwise") depthwiseMacs += loopNestMacs(layer.nest)
      }
      rows.push({
        features: {
          space: entry.space,
          name: network.name,
          resolution,
          macs: workload.macs,
          parameters,
          depth: workload.layers.length,
          meanChannels: weighted === 0 ? 0 : channels / weighted,
          depthwiseShare: workload.macs === 0 ? 0 : depthwiseMacs / workload.macs,
        },
        results,
      })
      progress(rows.length, total)
    }
  })
  return rows
}
