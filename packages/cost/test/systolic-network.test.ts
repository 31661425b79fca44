import { systolicPresets } from "@cosearch/accelerator"
import { type SystolicLayerCost, systolicLayerCost, systolicNetworkCost } from "@cosearch/cost"
import { analyzeNetworkOrThrow, buildZooNetwork, lowerNetwork, NetworkBuilder } from "@cosearch/network"
import { describe, expect, it } from "vitest"

const array = { ...systolicPresets["systolic-32x32"], dataflow: "ws" as const }

const b = new NetworkBuilder("small")
const x = b.input({ h: 16, w: 16, c: 8 })
const y = b.activation(b.conv2d(x, { filters: 16, kernel: 3, name: "c1" }), "relu")
const z = b.add([b.conv2d(y, { filters: 16, kernel: 1, name: "c2" }), y])
b.dense(b.globalAvgPool(b.maxpool(z, { kernel: 2 })), 10, { name: "fc" })
const small = analyzeNetworkOrThrow(b.build())

describe("systolicNetworkCost", () => {
  it("sums the conv and matmul layers and lists what does not run on the array", () => {
    const cost = systolicNetworkCost(small, array)
    if (!cost.feasible) throw new Error(cost.message)
    expect(cost.layers.map((layer) => layer.layer)).toEqual(["c1", "c2", "fc"])
    expect(cost.skipped).toEqual([
      { layer: "relu", op: "activation", kind: "eltwise" },
      { layer: "add", op: "add", kind: "eltwise" },
      { layer: "maxpool", op: "maxpool", kind: "pool" },
      { layer: "globalavgpool", op: "globalavgpool", kind: "pool" },
    ])
    const sum = (pick: (layer: SystolicLayerCost) => number): number => cost.layers.reduce((total, layer) => total + pick(layer), 0)
    expect(cost.cycles).toBe(sum((layer) => layer.cycles))
    expect(cost.macs).toBe(sum((layer) => layer.macs))
    expect(cost.sramIfmapReads).toBe(sum((layer) => layer.sramIfmapReads))
    expect(cost.utilization).toBeCloseTo(cost.macs / (cost.cycles * 32 * 32), 15)
    expect(cost.mappingEfficiency).toBeCloseTo(sum((layer) => layer.mappingEfficiency * layer.cycles) / cost.cycles, 15)
  })

  it("takes loop nests as well as an analyzed network", () => {
    const nests = lowerNetwork(small)
    expect(systolicNetworkCost(nests, array)).toEqual(systolicNetworkCost(small, array))
    const [first] = nests
    const alone = first === undefined ? undefined : systolicLayerCost(first, array)
    expect(alone?.feasible && alone.cycles).toBeGreaterThan(0)
  })

  it("is infeasible for an invalid array, even with no layer on it; names the layer of a bad nest", () => {
    expect(systolicNetworkCost([], { ...array, columns: 0 })).toMatchObject({ feasible: false, reason: "array" })
    const nests = lowerNetwork(small).map((nest) => (nest.layer === "c2" ? { ...nest, K: 0 } : nest))
    expect(systolicNetworkCost(nests, array)).toMatchObject({ feasible: false, reason: "nest", layer: "c2" })
  })

  it("costs a zoo network: an empty one is 0 cycles, ResNet-50 on the presets", () => {
    expect(systolicNetworkCost([], array)).toMatchObject({ feasible: true, cycles: 0, utilization: 0, mappingEfficiency: 0 })
    const built = buildZooNetwork("resnet50")
    if (!built.ok) throw new Error(built.message)
    const resnet = analyzeNetworkOrThrow(built.network)
    for (const preset of [systolicPresets["systolic-32x32"], systolicPresets["systolic-128x128"]]) {
      const cost = systolicNetworkCost(resnet, preset)
      if (!cost.feasible) throw new Error(cost.message)
      expect(cost.layers).toHaveLength(54) // 53 convolutions and the classifier
      expect(cost.macs).toBe(4_089_184_256) // docs/network.md: 4,089.2M
      expect(cost.utilization).toBeGreaterThan(0)
      expect(cost.utilization).toBeLessThan(1)
    }
  })
})
