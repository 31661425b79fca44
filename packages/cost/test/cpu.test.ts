import { type CpuAccelerator, cpuPresets } from "@cosearch/accelerator"
import { cpuLayerCost, cpuNetworkCost } from "@cosearch/cost"
import { describe, expect, it } from "vitest"
import { nestOf, nestsOf } from "./small-nests.js"

// A small CPU: 2 cores at 1 GHz, 4-byte SIMD (4 int8 lanes): 8e9 operations per second at full
// efficiency. L2 1,000 bytes, DRAM 1 GB/s, 1 µs per layer, 1 pJ per operation, 10 pJ per DRAM
// byte, 0.5 W static (0.5 pJ per ps: 5e5 pJ per µs).
const cpu = (overrides: Partial<CpuAccelerator> = {}): CpuAccelerator => ({
  ...cpuPresets["cortex-a53"],
  cores: 2,
  clockHz: 1e9,
  simdBytes: 4,
  precision: "int8",
  l1Bytes: 512,
  l2Bytes: 1000,
  dramBytesPerSecond: 1e9,
  efficiency: { conv: 0.5, pointwise: 0.125, depthwise: 0.25, fc: 0.5, pool: 0.25, eltwise: 0.25 },
  layerOverheadSeconds: 1e-6,
  energyPerOpPj: 1,
  dramEnergyPjPerByte: 10,
  staticPowerW: 0.5,
  ...overrides,
})

const conv3x3 = nestOf({ h: 4, w: 4, c: 2 }, (b, x) => b.conv2d(x, { filters: 4, kernel: 3, padding: "same" }))
const dense100to50 = nestOf({ h: 1, w: 1, c: 100 }, (b, x) => b.dense(x, 50))

describe("CPU roofline per layer (hand-checked)", () => {
  it("a compute-bound 3x3 convolution", () => {
    // 16 positions x 4 filters x 2 x 9 = 1,152 MACs / (8e9 x 0.5) = 288 ns. Weights 4 x 2 x 9 = 72
    // bytes from DRAM (72 ns); activations 32 + 64 = 96 bytes fit the L2. Latency 1 µs + 288 ns.
    // Energy 1,152 x 1 + 72 x 10 + 0.5 W x 1.288 µs = 1,152 + 720 + 644,000 pJ.
    const cost = cpuLayerCost(conv3x3, cpu())
    expect(cost).toMatchObject({ layerClass: "conv", operations: 1152, dramBytes: 72 })
    expect(cost.computeSeconds).toBeCloseTo(288e-9, 20)
    expect(cost.memorySeconds).toBeCloseTo(72e-9, 20)
    expect(cost.latencySeconds).toBeCloseTo(1.288e-6, 18)
    expect(cost.energyPj).toBeCloseTo(1152 + 720 + 644000, 6)
  })

  it("a memory-bound dense layer: 5,000 weight bytes at 1 GB/s beat 5,000 MACs at 4e9 per second", () => {
    // compute 5,000 / (8e9 x 0.5) = 1.25 µs; memory 5,000 + max(0, 150 - 1,000) = 5,000 bytes = 5 µs.
    const cost = cpuLayerCost(dense100to50, cpu())
    expect(cost).toMatchObject({ layerClass: "fc", operations: 5000, dramBytes: 5000 })
    expect(cost.computeSeconds).toBeCloseTo(1.25e-6, 18)
    expect(cost.latencySeconds).toBeCloseTo(6e-6, 18)
    // With its weights cached in L2, only compute remains: 1 + 1.25 µs.
    expect(cpuLayerCost(dense100to50, cpu(), { weightsCached: true })).toMatchObject({ dramBytes: 0 })
    expect(cpuLayerCost(dense100to50, cpu(), { weightsCached: true }).latencySeconds).toBeCloseTo(2.25e-6, 18)
  })

  it("activations beyond the L2 go to DRAM: a sum of two 16x16x4 tensors", () => {
    // 1,024 additions / (8e9 x 0.25) = 0.512 µs; activations 2 x 1,024 + 1,024 = 3,072 bytes, 2,072 over the L2: 2.072 µs.
    const add = nestsOf({ h: 16, w: 16, c: 4 }, (b, x) => b.add([b.activation(x, "relu"), x]))[1]
    if (add === undefined) throw new Error("no add")
    const cost = cpuLayerCost(add, cpu())
    expect(cost).toMatchObject({ layerClass: "eltwise", operations: 1024, dramBytes: 2072 })
    expect(cost.computeSeconds).toBeCloseTo(0.512e-6, 18)
    expect(cost.latencySeconds).toBeCloseTo(3.072e-6, 18)
  })

  it("depthwise and pooling layers use their own efficiencies", () => {
    // Depthwise 3x3 on 4x4x2: 16 x 2 x 9 = 288 MACs / (8e9 x 0.25) = 144 ns.
    const depthwise = cpuLayerCost(
      nestOf({ h: 4, w: 4, c: 2 }, (b, x) => b.depthwise(x, { kernel: 3, padding: "same" })),
      cpu(),
    )
    expect(depthwise).toMatchObject({ layerClass: "depthwise", operations: 288, dramBytes: 18 })
    expect(depthwise.computeSeconds).toBeCloseTo(144e-9, 20)
    // 2x2 max pooling on 4x4x2: 8 outputs x 4 reads = 32 operations / 2e9 = 16 ns; no weights.
    const pool = cpuLayerCost(
      nestOf({ h: 4, w: 4, c: 2 }, (b, x) => b.maxpool(x, { kernel: 2 })),
      cpu(),
    )
    expect(pool).toMatchObject({ layerClass: "pool", operations: 32, dramBytes: 0 })
    expect(pool.computeSeconds).toBeCloseTo(16e-9, 20)
  })

  it("a 1x1 convolution is pointwise, at its own efficiency", () => {
    // 16 positions x 4 filters x 2 channels = 128 MACs / (8e9 x 0.125) = 128 ns.
    const pointwise = cpuLayerCost(
      nestOf({ h: 4, w: 4, c: 2 }, (b, x) => b.conv2d(x, { filters: 4, kernel: 1 })),
      cpu(),
    )
    expect(pointwise).toMatchObject({ layerClass: "pointwise", operations: 128 })
    expect(pointwise.computeSeconds).toBeCloseTo(128e-9, 20)
  })

  it("fp32 has a quarter of the lanes: the convolution's compute takes 4 x 288 ns", () => {
    const cost = cpuLayerCost(conv3x3, cpu({ precision: "fp32" }))
    expect(cost.computeSeconds).toBeCloseTo(1152e-9, 20)
    // Weights 72 x 4 bytes.
    expect(cost.dramBytes).toBe(288)
  })

  it("activations are fused into the producer and cost nothing", () => {
    const relu = nestsOf({ h: 1, w: 1, c: 100 }, (b, x) => b.activation(b.dense(x, 50), "relu"))[1]
    if (relu === undefined) throw new Error("no relu")
    expect(cpuLayerCost(relu, cpu())).toEqual({
      layer: "relu",
      layerClass: "fused",
      operations: 0,
      computeSeconds: 0,
      dramBytes: 0,
      memorySeconds: 0,
      latencySeconds: 0,
      energyPj: 0,
    })
  })
})

describe("CPU network cost", () => {
  it("caches the weights when they and the largest layer's activations fit the L2", () => {
    // conv 72 weight bytes + 96 activation bytes <= 1,000: no DRAM traffic, latency 1 µs + 288 ns; the relu is free.
    const nests = nestsOf({ h: 4, w: 4, c: 2 }, (b, x) => b.activation(b.conv2d(x, { filters: 4, kernel: 3, padding: "same" }), "relu"))
    const result = cpuNetworkCost(nests, cpu())
    expect(result).toMatchObject({ weightsCached: true, dramBytes: 0, operations: 1152 })
    expect(result.latencySeconds).toBeCloseTo(1.288e-6, 18)
    expect(result.layers.map((layer) => layer.layerClass)).toEqual(["conv", "fused"])
  })

  it("streams the weights from DRAM when they do not fit, and sums the layers", () => {
    // dense 100 -> 50 (6 µs, above) then 50 -> 10: 500 MACs / 4e9 = 125 ns, 500 weight bytes = 500 ns; 1.5 µs.
    const nests = nestsOf({ h: 1, w: 1, c: 100 }, (b, x) => b.dense(b.dense(x, 50), 10))
    const result = cpuNetworkCost(nests, cpu())
    expect(result).toMatchObject({ weightsCached: false, dramBytes: 5500, operations: 5500 })
    expect(result.latencySeconds).toBeCloseTo(7.5e-6, 18)
    expect(result.energyPj).toBeCloseTo(5500 + 55000 + 0.5 * 7.5e-6 * 1e12, 6)
    expect(result.layers).toHaveLength(2)
  })

  it("adds the inference overhead once, at static power", () => {
    // 7.5 µs above + 100 µs; energy + 0.5 W x 100 µs = 5e7 pJ.
    const nests = nestsOf({ h: 1, w: 1, c: 100 }, (b, x) => b.dense(b.dense(x, 50), 10))
    const result = cpuNetworkCost(nests, cpu({ inferenceOverheadSeconds: 100e-6 }))
    expect(result.latencySeconds).toBeCloseTo(107.5e-6, 15)
    expect(result.energyPj).toBeCloseTo(5500 + 55000 + 0.5 * 107.5e-6 * 1e12, 4)
  })
})
