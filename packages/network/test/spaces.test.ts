import { readFileSync } from "node:fs"
import { gunzipSync } from "node:zlib"
import {
  analyzeNetworkOrThrow,
  buildZooNetwork,
  countNetwork,
  edgeTpuNetOf,
  edgeTpuNetSpace,
  edgeTpuSChoices,
  edgeTpuStageChoicesOf,
  fbnetLayerNames,
  fbnetNetworkOf,
  fbnetPresets,
  fbnetSpace,
  formatNb201Arch,
  nb201ArchOf,
  nb201EdgeNames,
  nb201NetworkOf,
  nb201Space,
} from "@cosearch/network"
import { type Configuration, cardinality, enumerate, sampleMany, validateConfiguration } from "@cosearch/space"
import { describe, expect, it } from "vitest"

const totals = (network: Parameters<typeof analyzeNetworkOrThrow>[0]) => countNetwork(analyzeNetworkOrThrow(network), "int8").totals

describe("nb201Space", () => {
  it("enumerates exactly the benchmark's 15,625 arch strings", () => {
    const lines = gunzipSync(readFileSync(new URL("../data/nb201.csv.gz", import.meta.url)))
      .toString("utf8")
      .trim()
      .split("\n")
      .slice(1)
    const benchmark = new Set(lines.map((line) => line.split(",")[1]))
    const ours = new Set<string>()
    for (const config of enumerate(nb201Space, { limit: 20_000 })) ours.add(formatNb201Arch(nb201ArchOf(config)))
    expect(cardinality(nb201Space)).toBe(15_625n)
    expect(ours.size).toBe(15_625)
    expect([...ours].every((arch) => benchmark.has(arch))).toBe(true)
  })

  it("decodes to the same network as the zoo's nb201:<arch>", () => {
    for (const config of sampleMany(nb201Space, 5, "nb201")) {
      const zoo = buildZooNetwork(`nb201:${formatNb201Arch(nb201ArchOf(config))}`)
      if (!zoo.ok) throw new Error(zoo.message)
      expect(nb201NetworkOf(config)).toEqual(zoo.network)
    }
  })

  it("names its edges in arch-string order", () => {
    expect(nb201EdgeNames).toEqual(["edge_1_0", "edge_2_0", "edge_2_1", "edge_3_0", "edge_3_1", "edge_3_2"])
  })
})

describe("fbnetSpace", () => {
  it("has 9^22 networks", () => {
    expect(cardinality(fbnetSpace)).toBe(9n ** 22n)
  })

  it("the configuration of FBNet-B decodes to the zoo's fbnet:b", () => {
    const config = Object.fromEntries(fbnetLayerNames.map((name, i) => [name, fbnetPresets.b[i] as string])) as Configuration
    expect(validateConfiguration(fbnetSpace, config)).toEqual([])
    const zoo = buildZooNetwork("fbnet:b")
    if (!zoo.ok) throw new Error(zoo.message)
    expect(totals(fbnetNetworkOf(config))).toEqual(totals(zoo.network))
  })
})

describe("edgeTpuNetSpace", () => {
  const configOf = (choices: typeof edgeTpuSChoices): Configuration =>
    Object.fromEntries(
      choices.flatMap((choice, i) => [
        [`s${i + 1}_block`, choice.block],
        [`s${i + 1}_kernel`, choice.kernel],
        [`s${i + 1}_expansion`, choice.expansion],
        [`s${i + 1}_filter_multiplier`, choice.filterMultiplier],
        [`s${i + 1}_depth_offset`, choice.depthOffset],
        [`s${i + 1}_se`, choice.se],
        ...(choice.groups === undefined ? [] : [[`s${i + 1}_groups`, choice.groups]]),
      ]),
    )

  it("has 2,700 choices per stage (5 block/group options x 3 x 5 x 6 x 3 x 2), 1,800 for the one-block stage", () => {
    expect(cardinality(edgeTpuNetSpace)).toBe(1800n * 2700n ** 5n)
  })

  it("EfficientNet-EdgeTPU-S's own choices are a point of the space and decode back", () => {
    const config = configOf(edgeTpuSChoices)
    expect(validateConfiguration(edgeTpuNetSpace, config)).toEqual([])
    expect(edgeTpuStageChoicesOf(config)).toEqual(edgeTpuSChoices)
  })

  it("at EdgeTPU-S's choices it is EfficientNet-EdgeTPU-S up to the reference's first-stage quirk", () => {
    // The reference expands stage 1 from its nominal 24 input channels (96) although the stem gives
    // 32; the space expands the actual input (128), and has no background class. Every other
    // layer is the same, so the difference is exactly the first block's expansion conv, BN and
    // projection, plus one classifier row.
    const ours = totals(edgeTpuNetOf(configOf(edgeTpuSChoices)))
    const zoo = buildZooNetwork("efficientnet_edgetpu_s")
    if (!zoo.ok) throw new Error(zoo.message)
    const reference = totals(zoo.network)
    const expand = (mid: number) => 3 * 3 * 32 * mid + 2 * mid + mid * 24
    expect(ours.params - reference.params).toBe(expand(128) - expand(96) - (1280 + 1))
    expect(ours.macs - reference.macs).toBe(112 * 112 * (9 * 32 * 32 + 32 * 24) - 1280)
  })

  it("a group-conv IBN stage uses its groups knob; groups appear only with that block", () => {
    const choices = edgeTpuSChoices.map((choice, i) => (i === 3 ? { ...choice, block: "group_conv_ibn" as const, groups: 4 } : choice))
    const network = edgeTpuNetOf(configOf(choices))
    const conv = network.layers.find((layer) => layer.name === "stage4/block1/expand/conv")
    expect(conv).toMatchObject({ op: "conv2d", groups: 4, kernel: [5, 5] })
    for (const config of sampleMany(edgeTpuNetSpace, 300, "groups")) {
      for (let stage = 1; stage <= 6; stage++) {
        expect(`s${stage}_groups` in config).toBe(config[`s${stage}_block`] === "group_conv_ibn")
      }
    }
  })
})
