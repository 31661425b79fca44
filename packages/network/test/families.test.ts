import { analyzeNetworkOrThrow, clusterLayers, type LayerFeatures, layerFeatures, lowerNetwork, NetworkBuilder } from "@cosearch/network"
import { describe, expect, it } from "vitest"

describe("layer features", () => {
  it("count MACs, parameter and activation bytes of a convolution by hand", () => {
    const b = new NetworkBuilder("one")
    b.conv2d(b.input({ h: 8, w: 8, c: 4 }), { filters: 8, kernel: 3, padding: "same" })
    const [nest] = lowerNetwork(analyzeNetworkOrThrow(b.build()))
    if (nest === undefined) throw new Error("no nest")
    // MACs 8 x 4 x 3 x 3 x 8 x 8 = 18,432; weights 8 x 4 x 9 = 288 B; activations 4 x 64 + 8 x 64 = 768 B.
    expect(layerFeatures(nest, 1, "one")).toMatchObject({
      type: "conv",
      macs: 18_432,
      parameterBytes: 288,
      activationBytes: 768,
      macsPerParameterByte: 64,
      macsPerActivationByte: 24,
    })
  })

  it("a dense layer reuses each weight once per sample; pooling has no family", () => {
    const b = new NetworkBuilder("fc")
    const x = b.input({ h: 1, w: 1, c: 256 })
    b.avgpool(b.dense(x, 64), { kernel: 1 })
    const [dense, pool] = lowerNetwork(analyzeNetworkOrThrow(b.build()))
    if (dense === undefined || pool === undefined) throw new Error("nests")
    expect(layerFeatures(dense, 1, "fc")).toMatchObject({ type: "fc", macsPerParameterByte: 1 })
    expect(layerFeatures(pool, 1, "fc")).toBeUndefined()
  })
})

const synthetic = (
  network: string,
  macsPerParameterByte: number,
  macsPerActivationByte: number,
  parameterBytes: number,
  n: number,
): LayerFeatures[] =>
  Array.from({ length: n }, (_, i) => ({
    network,
    layer: `${network}/${i}`,
    type: "conv",
    macs: macsPerParameterByte * parameterBytes,
    parameterBytes: parameterBytes * (1 + i / 100),
    activationBytes: (macsPerParameterByte * parameterBytes) / macsPerActivationByte,
    macsPerParameterByte: macsPerParameterByte * (1 + i / 50),
    macsPerActivationByte: macsPerActivationByte * (1 - i / 80),
  }))

describe("clusterLayers", () => {
  // Three groups orders of magnitude apart on every axis.
  const layers = [
    ...synthetic("fc-like", 1, 200, 1e6, 7),
    ...synthetic("early-conv", 3000, 20, 3e3, 5),
    ...synthetic("depthwise", 100, 4, 1e3, 6),
  ]

  it("recovers groups that differ by orders of magnitude, one family each", () => {
    const { families, assignment } = clusterLayers(layers, 3)
    expect(families).toHaveLength(3)
    const familyOf = (network: string) => new Set(layers.flatMap((layer, i) => (layer.network === network ? [assignment[i]] : [])))
    const groups = ["fc-like", "early-conv", "depthwise"].map(familyOf)
    for (const group of groups) expect(group.size).toBe(1)
    expect(new Set(groups.map((group) => [...group][0])).size).toBe(3)
  })

  it("is deterministic, and more families never fit worse", () => {
    expect(clusterLayers(layers, 3)).toEqual(clusterLayers(layers, 3))
    expect(clusterLayers(layers, 4).inertia).toBeLessThanOrEqual(clusterLayers(layers, 3).inertia)
    expect(clusterLayers(layers, 1).families[0]?.members).toHaveLength(layers.length)
  })
})
