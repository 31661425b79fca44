import { evaluateNetwork } from "@cosearch/cost"
import type { LoopNest } from "@cosearch/network"
import { describe, expect, it } from "vitest"
import { accelerator, level, tinyNest } from "./loopnest-simulator.js"

// Two 1x1 convs chained: 4 -> 8 -> 4 channels on a 4x4 image. Tensors: input 64, middle 128,
// output 64 elements; weights 32 and 32.
const first: LoopNest = { ...tinyNest({ K: 8, C: 4, P: 4, Q: 4, R: 1, S: 1 }, "first"), H: 4, W: 4 }
const second: LoopNest = { ...tinyNest({ K: 4, C: 8, P: 4, Q: 4, R: 1, S: 1 }, "second"), H: 4, W: 4 }
const relu: LoopNest = { ...first, layer: "relu", kind: "eltwise", op: "activation", C: 1, fn: "relu" }

// A GLB that holds a whole layer (weights 32 + inputs 128 + outputs 64 = 224 bytes) next to the
// middle tensor (128): 512 bytes. DRAM reads and writes cost 10 pJ, the GLB 1 pJ (read) / 2 pJ.
const chip = (glbBytes: number) =>
  accelerator(
    [
      level("DRAM", "shared", undefined, { readEnergyPj: 10, writeEnergyPj: 10 }),
      level("GLB", "shared", undefined, { capacityBytes: glbBytes }),
      level("RF", "pe"),
    ],
    2,
    2,
    "chip",
  )

describe("evaluateNetwork", () => {
  it("hands the middle tensor on on-chip when it fits: DRAM sees weights, the input and the output once", () => {
    const cost = evaluateNetwork([first, relu, second], chip(512), { dataflow: "ws", maxMappings: 64 })
    if (!cost.feasible) throw new Error(cost.message)
    // Alone, each layer reads its weights and input once and writes its output once (the GLB
    // holds the whole layer); chained, the 128-element middle tensor never touches DRAM.
    expect(cost.dramBytes).toBe(32 + 64 + 32 + 64)
    expect(cost.layers.map((layer) => [layer.outputOnChip, layer.inputOnChip])).toEqual([
      [true, false],
      [false, true],
    ])
    expect(cost.skipped).toEqual([{ layer: "relu", op: "activation", kind: "eltwise" }])
    expect(cost.macs).toBe(512 + 512)
    // Energy saved per moved element: a DRAM access (10) and the GLB fill or drain it fed.
    const alone = cost.layers.map((layer) => layer.mapped.energy.totalPj)
    expect(cost.energyPj).toBeCloseTo((alone[0] ?? 0) + (alone[1] ?? 0) - 128 * (10 + 1) - 128 * (10 + 2), 6)
  })

  it("goes through DRAM when the tensor does not fit next to the tiles", () => {
    const cost = evaluateNetwork([first, second], chip(256), { dataflow: "ws", maxMappings: 64 })
    if (!cost.feasible) throw new Error(cost.message)
    expect(cost.layers.every((layer) => !layer.inputOnChip && !layer.outputOnChip)).toBe(true)
    const dram = cost.layers.map((layer) => {
      const d = layer.mapped.levels[0]
      return d === undefined ? 0 : Object.values(d.reads).reduce((a, b) => a + b) + Object.values(d.writes).reduce((a, b) => a + b)
    })
    expect(cost.dramBytes).toBe((dram[0] ?? 0) + (dram[1] ?? 0))
    expect(cost.energyPj).toBe(cost.layers.reduce((sum, layer) => sum + layer.mapped.energy.totalPj, 0))
  })

  it("names the layer that cannot be mapped", () => {
    const cost = evaluateNetwork([first, { ...second, C: 0 }], chip(512))
    expect(cost.feasible).toBe(false)
    if (!cost.feasible) {
      expect(cost.layer).toBe("second")
      expect(cost.reason).toBe("nest")
    }
  })
})
