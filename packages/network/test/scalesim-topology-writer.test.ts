import { describe, expect, it } from "vitest"
import { analyzeNetworkOrThrow, buildZooNetwork, lowerNetwork, parseScaleSimTopology, scaleSimTopologyText } from "../src/index.js"

const dims = (nest: { K: number; C: number; G: number; P: number; Q: number; R: number; S: number; strideH: number; strideW: number }) => [
  nest.G,
  nest.K,
  nest.C,
  nest.P,
  nest.Q,
  nest.R,
  nest.S,
  nest.strideH,
  nest.strideW,
]

describe("scaleSimTopologyText", () => {
  it("writes MobileNetV2's conv and depthwise layers as rows that read back to the same loop nests", () => {
    const built = buildZooNetwork("mobilenet_v2")
    if (!built.ok) throw new Error(built.message)
    const nests = lowerNetwork(analyzeNetworkOrThrow(built.network))
    const { text, skipped } = scaleSimTopologyText(nests)
    const parsed = parseScaleSimTopology(text, "mobilenet_v2")
    if (!parsed.ok) throw new Error(parsed.errors.map((error) => error.message).join("\n"))
    const written = nests.filter((nest) => nest.kind === "conv" || nest.kind === "matmul")
    const read = lowerNetwork(analyzeNetworkOrThrow(parsed.network)).filter((nest) => nest.kind === "conv")
    expect(read.map(dims)).toEqual(written.map(dims))
    // Depthwise layers are SCALE-Sim's DP rows: one channel per group.
    expect(text).toMatch(/^stage1\/block1\/depthwise\/dw_DP, 114, 114, 3, 3, 32, 1, 1,$/m)
    // Only what does not run on the array (pooling, element-wise adds) is left out.
    expect(skipped.every(({ reason }) => /does not run on the array/.test(reason))).toBe(true)
  })

  it("leaves out what SCALE-Sim cannot run, saying why", () => {
    const built = buildZooNetwork("resnet18")
    if (!built.ok) throw new Error(built.message)
    const nest = lowerNetwork(analyzeNetworkOrThrow(built.network))[0]
    if (nest === undefined) throw new Error("no layer")
    const { skipped } = scaleSimTopologyText([
      { ...nest, dilationH: 2 },
      { ...nest, N: 4 },
      { ...nest, G: 2, C: 3 },
    ])
    expect(skipped.map(({ reason }) => reason)).toEqual([
      "dilation 2x1: SCALE-Sim has none",
      "batch 4: a SCALE-Sim row is one image",
      "2 groups of 3 channels: SCALE-Sim has depthwise rows only",
    ])
  })
})
