import type { SystolicArray, SystolicDataflow } from "@cosearch/accelerator"
import { type SystolicLayerCost, systolicLayerCost, systolicLayerCycles } from "@cosearch/cost"
import { analyzeNetworkOrThrow, type LoopNest, lowerNetwork, NetworkBuilder, parseScaleSimTopology } from "@cosearch/network"
import { describe, expect, it } from "vitest"
import { walkFolds } from "./scalesim-folds.js"

const array = (rows: number, columns: number, dataflow: SystolicDataflow): SystolicArray => ({
  rows,
  columns,
  dataflow,
  ifmapSramBytes: 65536,
  filterSramBytes: 65536,
  ofmapSramBytes: 65536,
  bytesPerElement: 1,
})

const feasible = (nest: LoopNest, on: SystolicArray): SystolicLayerCost => {
  const cost = systolicLayerCost(nest, on)
  if (!cost.feasible) throw new Error(cost.message)
  return cost
}

/** The single compute nest of a one-layer network built by `build`. */
const nestOf = (build: (b: NetworkBuilder) => void, batch = 1): LoopNest => {
  const b = new NetworkBuilder("hand", batch)
  build(b)
  const [nest] = lowerNetwork(analyzeNetworkOrThrow(b.build()))
  if (nest === undefined) throw new Error("no nest")
  return nest
}

// A tiny convolution: input 4x4x2, 3x3 filters, 3 of them, stride 1, valid: a 2x2 output, so
// M = 2*2 = 4 output pixels, W = 3*3*2 = 18 window elements, F = 3 filters; 4*18*3 = 216 MACs.
const tiny = nestOf((b) => b.conv2d(b.input({ h: 4, w: 4, c: 2 }), { filters: 3, kernel: 3, padding: "valid" }))

describe("hand-derived costs: a tiny convolution on non-square arrays", () => {
  it("8 rows x 4 columns, output stationary", () => {
    // Sr = M = 4 on the rows, Sc = F = 3 on the columns, T = W = 18 in time.
    // Folds: ceil(4/8) x ceil(3/4) = 1. One fold: 18 stream + 8 + 4 - 2 fill/drain = 28 lines.
    // Cycles: 1 x 28 - 1 = 27. PEs holding work: 4 x 3 of 32 -> mapping 12/32.
    // SRAM: ifmap T x 4 used rows = 72, filter T x 3 used columns = 54, ofmap 4 x 3 + (8 + 4) = 24.
    const cost = feasible(tiny, array(8, 4, "os"))
    expect(cost).toMatchObject({ spatialRows: 4, spatialColumns: 3, temporal: 18, rowFolds: 1, columnFolds: 1, cyclesPerFold: 28 })
    expect(cost).toMatchObject({ cycles: 27, macs: 216, sramIfmapReads: 72, sramFilterReads: 54, sramOfmapWrites: 24 })
    expect(cost.mappingEfficiency).toBeCloseTo(12 / 32, 15)
    expect(cost.utilization).toBeCloseTo(216 / (27 * 32), 15)
  })

  it("8 rows x 4 columns, weight stationary", () => {
    // Sr = W = 18 on the rows -> ceil(18/8) = 3 row folds (8, 8, 2 rows used); Sc = F = 3 -> 1.
    // One fold: 8 lines to load the weights + 4 streamed pixels + 8 + 4 - 2 drain = 22 lines.
    // Cycles: 3 x 22 - 1 = 65. Mapping: (8 + 8 + 2) x 3 / (3 x 32) = 54/96.
    // SRAM: ifmap 4 pixels x 18 rows = 72, filter 18 x 3 = 54 once, ofmap 3 row folds x 4 x 3 = 36.
    const cost = feasible(tiny, array(8, 4, "ws"))
    expect(cost).toMatchObject({ spatialRows: 18, spatialColumns: 3, temporal: 4, rowFolds: 3, columnFolds: 1, cyclesPerFold: 22 })
    expect(cost).toMatchObject({ cycles: 65, sramIfmapReads: 72, sramFilterReads: 54, sramOfmapWrites: 36 })
    expect(cost.mappingEfficiency).toBeCloseTo(54 / 96, 15)
  })

  it("8 rows x 4 columns, input stationary", () => {
    // Sr = W = 18 -> 3 row folds; Sc = M = 4 -> ceil(4/4) = 1; T = F = 3.
    // One fold: 8 + 3 + 8 + 4 - 2 = 21 lines; cycles 3 x 21 - 1 = 62; mapping 18 x 4 / 96.
    // SRAM: ifmap 18 x 4 = 72 once, filter 1 column fold x 18 x 3 = 54, ofmap 3 row folds x 4 x 3 = 36.
    const cost = feasible(tiny, array(8, 4, "is"))
    expect(cost).toMatchObject({ spatialRows: 18, spatialColumns: 4, temporal: 3, rowFolds: 3, columnFolds: 1, cyclesPerFold: 21 })
    expect(cost).toMatchObject({ cycles: 62, sramIfmapReads: 72, sramFilterReads: 54, sramOfmapWrites: 36 })
    expect(cost.mappingEfficiency).toBeCloseTo(72 / 96, 15)
  })

  it("transposing the array (4 rows x 8 columns) changes WS and IS but not OS", () => {
    // OS: rows + columns is symmetric: still 1 fold of 18 + 4 + 8 - 2 = 28 -> 27 cycles.
    // WS: 18 on 4 rows -> 5 row folds; a fold is 4 load + 4 + 4 + 8 - 2 = 18 -> 5 x 18 - 1 = 89.
    // IS: 5 row folds x ceil(4/8) = 1; a fold is 4 + 3 + 4 + 8 - 2 = 17 -> 5 x 17 - 1 = 84.
    expect(systolicLayerCycles(tiny, array(4, 8, "os"))).toBe(27)
    expect(systolicLayerCycles(tiny, array(4, 8, "ws"))).toBe(89)
    expect(systolicLayerCycles(tiny, array(4, 8, "is"))).toBe(84)
  })
})

describe("hand-derived costs: grouped, batched, dense and degenerate nests", () => {
  it("a depthwise layer is G independent GEMMs run one after another", () => {
    // Depthwise 3x3 on 6x6x4: G = 4 groups of M = 16 pixels, W = 9, F = 1. On 4x4 WS: 9 on 4 rows ->
    // 3 row folds, 1 column fold; a fold is 4 + 16 + 4 + 4 - 2 = 26 lines; a group 3 x 26 - 1 = 77
    // cycles (SCALE-Sim runs a DP layer as one single-channel layer per channel, each with its own
    // final -1); 4 groups: 308. Mapping 9/(3 x 16) per group.
    const nest = nestOf((b) => b.depthwise(b.input({ h: 6, w: 6, c: 4 }), { kernel: 3, padding: "valid" }))
    const cost = feasible(nest, array(4, 4, "ws"))
    expect(cost).toMatchObject({ groups: 4, rowFolds: 3, columnFolds: 1, folds: 12, cyclesPerFold: 26, cycles: 308, macs: 4 * 16 * 9 })
    expect(cost.mappingEfficiency).toBeCloseTo(9 / 48, 15)
    // The same layer as a SCALE-Sim depthwise ("DP") topology row.
    const parsed = parseScaleSimTopology("Layer, H, W, R, S, C, K, Stride,\nDP_conv, 6, 6, 3, 3, 4, 1, 1,\n")
    if (!parsed.ok) throw new Error(parsed.errors[0]?.message)
    const [fromTopology] = lowerNetwork(analyzeNetworkOrThrow(parsed.network))
    expect(fromTopology && systolicLayerCycles(fromTopology, array(4, 4, "ws"))).toBe(308)
  })

  it("the batch adds output pixels (M = N x P x Q)", () => {
    // Batch 2 of the tiny conv: M = 8. WS on 8x4: 3 row folds of 8 + 8 + 8 + 4 - 2 = 26 -> 77.
    const batched = nestOf((b) => b.conv2d(b.input({ h: 4, w: 4, c: 2 }), { filters: 3, kernel: 3, padding: "valid" }), 2)
    expect(systolicLayerCycles(batched, array(8, 4, "ws"))).toBe(77)
  })

  it("a dense layer is a GEMM of one pixel", () => {
    // Dense 64 -> 10 on one position: M = 1, W = 64, F = 10. 32x32 OS: 1 fold of 64 + 62 = 126 -> 125.
    const dense = nestOf((b) => b.dense(b.input({ h: 1, w: 1, c: 64 }), 10))
    const cost = feasible(dense, array(32, 32, "os"))
    expect(cost).toMatchObject({ spatialRows: 1, spatialColumns: 10, temporal: 64, cycles: 125, macs: 640 })
  })

  it("one MAC on a 1x1 array", () => {
    // OS: one fold of 1 + 1 + 1 - 2 = 1 line, so SCALE-Sim's last-line cycle is 0. Utilization
    // divides by at least one cycle (SCALE-Sim would divide by zero). WS/IS: 1 + 2 + 1 - 2 = 2 lines -> 1.
    const one = nestOf((b) => b.conv2d(b.input({ h: 1, w: 1, c: 1 }), { filters: 1, kernel: 1 }))
    const os = feasible(one, array(1, 1, "os"))
    expect(os).toMatchObject({ cycles: 0, utilization: 1, mappingEfficiency: 1 })
    expect(systolicLayerCycles(one, array(1, 1, "ws"))).toBe(1)
    expect(systolicLayerCycles(one, array(1, 1, "is"))).toBe(1)
  })

  it("SCALE-Sim's output size: a stride that does not divide IFMAP - filter adds an output row", () => {
    // 8x8 input, 3x3 filter, stride 2: SCALE-Sim takes ceil((8 - 3 + 2) / 2) = 4 outputs per axis
    // (the last window runs past the input); the reader pads one element after to get the same.
    const parsed = parseScaleSimTopology("Layer, H, W, R, S, C, K, Stride,\nodd, 8, 8, 3, 3, 2, 4, 2,\n")
    if (!parsed.ok) throw new Error(parsed.errors[0]?.message)
    const [nest] = lowerNetwork(analyzeNetworkOrThrow(parsed.network))
    expect(nest).toMatchObject({ P: 4, Q: 4, H: 8, W: 8, strideH: 2 })
    expect(parsed.network.layers[1]).toMatchObject({ padding: { top: 0, bottom: 1, left: 0, right: 1 } })
  })
})

describe("closed forms against a fold-by-fold walk of SCALE-Sim's demand matrices", () => {
  // Deterministic pseudo-random shapes (the MINSTD generator), arrays from 1x1 to 128x128 in
  // both orientations, including shapes smaller than the array and exact multiples of it.
  let seed = 12345
  const next = (below: number): number => {
    seed = (seed * 48271) % 2147483647
    return 1 + (seed % below)
  }
  const sizes = [1, 2, 3, 4, 7, 8, 12, 16, 31, 32, 33, 64, 100, 128]
  const cases = Array.from({ length: 300 }, () => ({
    M: next(300),
    W: next(300),
    F: next(150),
    rows: sizes[next(sizes.length) - 1] ?? 1,
    columns: sizes[next(sizes.length) - 1] ?? 1,
  }))

  for (const dataflow of ["os", "ws", "is"] as const) {
    it(`${dataflow}: cycles, mapping, compute utilization and SRAM counts agree on 300 shapes`, () => {
      for (const { M, W, F, rows, columns } of cases) {
        // A 1x1 "convolution" whose GEMM is M x W x F: P = M, Q = 1, C = W, K = F.
        const nest: LoopNest = { ...tiny, N: 1, G: 1, K: F, C: W, P: M, Q: 1, R: 1, S: 1 }
        const cost = feasible(nest, array(rows, columns, dataflow))
        const walk = walkFolds(dataflow, M, W, F, rows, columns)
        const at = `${dataflow} M=${M} W=${W} F=${F} on ${rows}x${columns}`
        expect(cost.cycles, at).toBe(walk.cycles)
        expect(systolicLayerCycles(nest, array(rows, columns, dataflow)), at).toBe(walk.cycles)
        expect(cost.mappingEfficiency, at).toBeCloseTo(walk.mappingEfficiency, 12)
        expect(cost.computeUtilization, at).toBeCloseTo(walk.computeUtilization, 12)
        expect([cost.sramIfmapReads, cost.sramFilterReads, cost.sramOfmapWrites], at).toEqual([
          walk.sramIfmapReads,
          walk.sramFilterReads,
          walk.sramOfmapWrites,
        ])
      }
    })
  }
})
