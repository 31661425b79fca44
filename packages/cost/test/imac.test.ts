import { defaultImacAccelerator, type ImacAccelerator } from "@cosearch/accelerator"
import { imacLayerCost, imacNetworkCost, imacWeightMemory } from "@cosearch/cost"
import { describe, expect, it } from "vitest"
import { nestOf, nestsOf } from "./small-nests.js"

// A small unit: 4-row x 3-column crossbars, 10 of them; an operation costs 2 pJ and 10 ns, its
// ADC 3 pJ and 5 ns; 10 control cycles per layer at 1 GHz = 10 ns.
const unit = (overrides: Partial<ImacAccelerator> = {}): ImacAccelerator => ({
  ...defaultImacAccelerator,
  crossbarRows: 4,
  crossbarColumns: 3,
  crossbarCount: 10,
  crossbarOpEnergyPj: 2,
  crossbarOpLatencySeconds: 10e-9,
  adcEnergyPj: 3,
  adcLatencySeconds: 5e-9,
  clockHz: 1e9,
  layerOverheadCycles: 10,
  ...overrides,
})

const dense10to5 = nestOf({ h: 1, w: 1, c: 10 }, (b, x) => b.dense(x, 5))

describe("IMAC layer cost (hand-checked)", () => {
  it("a 10 -> 5 dense layer takes ceil(10/4) x ceil(5/3) = 6 crossbars working at once", () => {
    // One vector, one input bit: 1 pass, 6 operations. Latency 10 ns + 1 x (10 + 5) ns = 25 ns;
    // energy 6 x (2 + 3) = 30 pJ.
    const cost = imacLayerCost(dense10to5, unit())
    expect(cost).toMatchObject({ feasible: true, fused: false, vectors: 1, crossbars: 6, passes: 1, crossbarOps: 6, energyPj: 30 })
    expect(cost.feasible && cost.latencySeconds).toBeCloseTo(25e-9, 20)
  })

  it("2-bit weights double the crossbars (bit-slices), 4-bit inputs take 4 passes", () => {
    // 3 x 2 x 2 = 12 crossbars; 4 passes; 48 operations. Latency 10 ns + 4 x 15 ns = 70 ns; energy 48 x 5 = 240 pJ.
    const cost = imacLayerCost(dense10to5, unit({ weightBits: 2, inputBits: 4, crossbarCount: 12 }))
    expect(cost).toMatchObject({ feasible: true, crossbars: 12, passes: 4, crossbarOps: 48, energyPj: 240 })
    expect(cost.feasible && cost.latencySeconds).toBeCloseTo(70e-9, 20)
  })

  it("a 1x1 convolution on a 1x1 input is the same matrix as the dense layer", () => {
    const conv = nestOf({ h: 1, w: 1, c: 10 }, (b, x) => b.conv2d(x, { filters: 5, kernel: 1 }))
    expect(imacLayerCost(conv, unit())).toMatchObject({ feasible: true, crossbars: 6, crossbarOps: 6, energyPj: 30 })
  })

  it("a dense layer on a 2x2 input applies its matrix to 4 vectors, one pass each", () => {
    // 4 passes x 6 crossbars = 24 operations, 120 pJ; latency 10 + 4 x 15 = 70 ns.
    const cost = imacLayerCost(
      nestOf({ h: 2, w: 2, c: 10 }, (b, x) => b.dense(x, 5)),
      unit(),
    )
    expect(cost).toMatchObject({ feasible: true, vectors: 4, passes: 4, crossbarOps: 24, energyPj: 120 })
    expect(cost.feasible && cost.latencySeconds).toBeCloseTo(70e-9, 20)
  })

  it("activations are fused into the crossbars' output neurons and cost nothing", () => {
    const relu = nestsOf({ h: 1, w: 1, c: 10 }, (b, x) => b.activation(b.dense(x, 5), "relu"))[1]
    expect(relu && imacLayerCost(relu, unit())).toMatchObject({
      feasible: true,
      fused: true,
      crossbarOps: 0,
      latencySeconds: 0,
      energyPj: 0,
    })
  })

  it("unsupported-layer: a 3x3 convolution, a 1x1 convolution on a 2x2 input, pooling, a sum, a matmul of activations", () => {
    const layers = [
      nestOf({ h: 4, w: 4, c: 2 }, (b, x) => b.conv2d(x, { filters: 3, kernel: 3 })),
      nestOf({ h: 2, w: 2, c: 10 }, (b, x) => b.conv2d(x, { filters: 5, kernel: 1 })),
      nestOf({ h: 4, w: 4, c: 2 }, (b, x) => b.maxpool(x, { kernel: 2 })),
      nestsOf({ h: 1, w: 1, c: 4 }, (b, x) => b.add([b.dense(x, 4), x]))[1],
      nestOf({ h: 4, w: 1, c: 4 }, (b, x) => b.matmul(x, b.reshape(x, { h: 4, w: 1, c: 4 }))),
    ]
    for (const nest of layers) {
      if (nest === undefined) throw new Error("no nest")
      const result = imacLayerCost(nest, unit())
      expect(result).toMatchObject({ feasible: false, reason: "unsupported-layer", layer: nest.layer })
    }
    const conv = imacLayerCost(layers[0] ?? dense10to5, unit())
    expect(!conv.feasible && conv.message).toBe(
      'layer "conv" (conv2d) is not fully connected; IMAC runs only dense layers and 1x1 convolutions on a 1x1 input',
    )
  })

  it("crossbar-capacity: a layer needing more crossbars than the unit has is infeasible (weights are never reloaded)", () => {
    const result = imacLayerCost(dense10to5, unit({ crossbarCount: 5 }))
    expect(result).toEqual({
      feasible: false,
      reason: "crossbar-capacity",
      layer: "dense",
      message: 'layer "dense" needs 6 crossbars for its 10x5 weights; the unit has 5',
    })
  })
})

describe("IMAC network cost", () => {
  // dense 10 -> 5 (6 crossbars), relu (fused), dense 5 -> 3 (ceil(5/4) x 1 = 2 crossbars).
  const mlp = nestsOf({ h: 1, w: 1, c: 10 }, (b, x) => b.dense(b.activation(b.dense(x, 5), "relu"), 3))

  it("sums the layers: 25 + 0 + (10 + 15) ns, 30 + 0 + 10 pJ, 8 crossbars", () => {
    const result = imacNetworkCost(mlp, unit())
    expect(result).toMatchObject({ feasible: true, crossbars: 8, energyPj: 40 })
    expect(result.feasible && result.latencySeconds).toBeCloseTo(50e-9, 20)
    expect(result.layers.map((layer) => layer.feasible && layer.crossbars)).toEqual([6, 0, 2])
  })

  it("crossbar-capacity when every layer fits alone but their resident weights together do not", () => {
    const result = imacNetworkCost(mlp, unit({ crossbarCount: 7 }))
    expect(result).toMatchObject({
      feasible: false,
      reason: "crossbar-capacity",
      layer: undefined,
      crossbars: 8,
      message: "the network's resident weights need 8 crossbars; the unit has 7",
    })
    expect(result.layers.every((layer) => layer.feasible)).toBe(true)
  })

  it("unsupported-layer at the first convolution, with every layer's own result kept for a scheduler", () => {
    const nests = nestsOf({ h: 3, w: 3, c: 2 }, (b, x) => b.dense(b.flatten(b.conv2d(x, { filters: 2, kernel: 3 })), 3))
    const result = imacNetworkCost(nests, unit())
    expect(result).toMatchObject({ feasible: false, reason: "unsupported-layer", layer: "conv" })
    // The conv pads to "same": 3x3x2 flattens to 18; the 18 -> 3 dense layer takes ceil(18/4) x ceil(3/3) = 5 crossbars.
    expect(result.layers.map((layer) => layer.feasible)).toEqual([false, true])
    expect(result.crossbars).toBe(5)
  })
})

describe("weight memory with and without IMAC", () => {
  it("a 3x3 convolution (2 -> 3 channels, 54 weights) then a 48 -> 6 dense layer (288 weights)", () => {
    const nests = nestsOf({ h: 4, w: 4, c: 2 }, (b, x) => b.dense(b.flatten(b.conv2d(x, { filters: 3, kernel: 3, padding: "same" })), 6))
    // int8 on the digital accelerator: 342 bytes, 288 of them FC: 84% saved. IMAC: 288 weights x 1
    // bit x 2 devices / 8 = 72 bytes; 4x4 crossbars: ceil(48/4) x ceil(6/4) = 24 x 16 x 2 / 8 = 96 bytes.
    expect(imacWeightMemory(nests, unit({ crossbarColumns: 4 }))).toEqual({
      fcWeights: 288,
      acceleratorBytes: 342,
      fcAcceleratorBytes: 288,
      reduction: 288 / 342,
      imacWeightBytes: 72,
      imacAllocatedBytes: 96,
    })
    expect(imacWeightMemory(nests, unit(), 2).acceleratorBytes).toBe(684)
    expect(imacWeightMemory([], unit()).reduction).toBe(0)
  })
})
