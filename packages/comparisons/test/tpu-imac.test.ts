import { describe, expect, it } from "vitest"
import { comparisonFigures, edgeTpuLayerSums, hostCrossing } from "./comparison-kit.js"

describe("the tpu-imac comparison", () => {
  it("a tiny FFNN: both dense layers on IMAC at the hand-computed crossbar cost; speedup and memory reduction", () => {
    const report = comparisonFigures({
      comparison: "tpu-imac",
      name: "tiny",
      objective: "latency",
      system: "tpu-imac",
      networks: ["ffnn:256-256-256"],
    })
    const [row] = report.rows
    // IMAC, 128x128 crossbars, 1-bit weights and inputs, one input vector per layer:
    // fc1 and fc2 256x256 = 2 x 2 crossbars each; each layer 10 ns control + 100 ns read + 100 ns ADC
    // (210 ns, against ~1.4 µs for a 256x256 layer on edgetpu-v1); energy crossbars x (80 + 200) pJ.
    const imacSeconds = 2 * (10e-9 + 200e-9)
    const imacPj = (4 + 4) * 280
    const crossings = { seconds: 2 * hostCrossing(256).seconds, pj: 2 * hostCrossing(256).pj }
    expect(row.imacLayers).toBe(3) // fc1, its ReLU (fused, free), fc2
    expect(row.withImac.latencySeconds).toBeCloseTo(imacSeconds + crossings.seconds, 15)
    expect(row.withImac.energyPj).toBeCloseTo(imacPj + crossings.pj, 6)
    const tpu = edgeTpuLayerSums([256, 256, 256])
    expect(row.alone.latencySeconds).toBeCloseTo(tpu.seconds + crossings.seconds, 15)
    expect(row.speedup).toBeCloseTo((tpu.seconds + crossings.seconds) / (imacSeconds + crossings.seconds), 9)
    // Weights 2 x 256x256 = 131,072 int8 bytes alone, none kept: 100 % saved.
    expect(row.weightBytesAlone).toBe(131072)
    expect(row.weightBytesWithImac).toBe(0)
    expect(row.memoryReduction).toBe(1)
  })
})
