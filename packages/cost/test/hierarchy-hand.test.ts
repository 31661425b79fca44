import { evaluateMapping, type Mapping, type MappingCost } from "@cosearch/cost"
import { describe, expect, it } from "vitest"
import { accelerator, level, simulateMapping, tinyNest } from "./loopnest-simulator.js"

// A 1-D convolution: K = 2 filters, C = 2 channels, P = 4 outputs, R = 3 taps, stride 1, so the
// input has H = (4 - 1) + (3 - 1) + 1 = 6 rows. MACs = 2 * 2 * 4 * 3 = 48.
const nest = tinyNest({ K: 2, C: 2, P: 4, R: 3 })

// DRAM (shared) -> RF (one per PE) on a 2x1 array. Reads cost 1 pJ, writes 2 pJ, a MAC 0.5 pJ,
// a transfer across the fan-out 0.25 pJ.
const twoPes = (dramBandwidth?: number, rfDoubleBuffered = false) =>
  accelerator(
    [
      level("DRAM", "shared", undefined, dramBandwidth === undefined ? {} : { bandwidthBytesPerCycle: dramBandwidth }),
      level("RF", "pe", undefined, { capacityBytes: 64, doubleBuffered: rfDoubleBuffered }),
    ],
    2,
    1,
  )

// The nest, outermost first: DRAM loops p1 < 2, c < 2; spatial k < 2 over X; RF loops p0 < 2, r < 3.
const mapping: Mapping = {
  levels: [
    { factors: { P: 2, C: 2 }, order: ["P", "C"] },
    { factors: { P: 2, R: 3 }, order: ["P", "R"] },
  ],
  spatial: { x: { K: 2 }, y: {} },
}

const feasible = (cost: ReturnType<typeof evaluateMapping>): MappingCost => {
  if (!cost.feasible) throw new Error(cost.message)
  return cost
}

describe("hand-derived: a 1-D convolution on two PEs", () => {
  const cost = feasible(evaluateMapping(nest, twoPes(), mapping))

  it("MACs, PEs, cycles and utilization", () => {
    // 2 PEs (K over X); temporal iterations 2 * 2 * 2 * 3 = 24 = 48 MACs / 2 PEs.
    expect(cost.macs).toBe(48)
    expect(cost.usedPes).toBe(2)
    expect(cost.computeCycles).toBe(24)
    // No bandwidth limits: latency = compute; all 2 MAC units busy every cycle.
    expect(cost.cycles).toBe(24)
    expect(cost.utilization).toBe(1)
  })

  it("RF tiles and occupancy", () => {
    // Per PE the RF holds weights K1 x C1 x R3 = 3, inputs C1 x ((2 - 1) + (3 - 1) + 1) = 4 rows
    // (the halo of 2 outputs under a 3-tap window), outputs K1 x P2 = 2: 9 bytes of 64.
    expect(cost.levels[1]?.occupancyBytes).toBe(9)
    expect(cost.levels[1]?.occupancy).toBe(9 / 64)
  })

  it("weights: refilled on every c, and again for every p1 (p1 sits above c)", () => {
    // Loops above the RF: p1, c. c is relevant to weights and innermost, so fills = 2 * 2 = 4
    // per PE, 3 elements each: RF writes 2 PEs * 4 * 3 = 24. K is spread and relevant, so each
    // PE needs its own weights: DRAM reads 2 * 4 * 3 = 24. Every MAC reads its weight: 2 * 24 = 48.
    expect(cost.levels[0]?.reads.weights).toBe(24)
    expect(cost.levels[1]?.writes.weights).toBe(24)
    expect(cost.levels[1]?.reads.weights).toBe(48)
  })

  it("inputs: multicast to both PEs (K does not index inputs)", () => {
    // p1 and c are both relevant: fills = 4 per PE of 4 elements: RF writes 2 * 4 * 4 = 32.
    // Both PEs need the same input tile, so DRAM reads it once: 4 * 4 = 16. MAC reads 48.
    expect(cost.levels[0]?.reads.inputs).toBe(16)
    expect(cost.levels[1]?.writes.inputs).toBe(32)
    expect(cost.levels[1]?.reads.inputs).toBe(48)
  })

  it("outputs: stationary across c, accumulated across r in the MAC", () => {
    // Above the RF, c (irrelevant to outputs) is innermost: it does not evict. Residencies = p1
    // = 2 per PE, each a new tile (distinct = 2): no partial sums come back. Each residency ends
    // with a write-back: RF reads 2 PEs * 2 * 2 = 8, DRAM writes 2 * 2 * 2 = 8 (K relevant: no
    // reduction). In the RF, r (irrelevant to outputs) is innermost: a MAC keeps its partial sum
    // in its accumulator over the 3 taps, so it takes an output 24 / 3 = 8 times per PE and writes
    // it back each time (RF writes 2 * 8 = 16), reading it first each time but the first touch of
    // each of the 4 outputs a PE computes (reads 2 * (8 - 4) = 8): RF output reads 8 + 8 = 16.
    expect(cost.levels[0]?.reads.outputs).toBe(0)
    expect(cost.levels[0]?.writes.outputs).toBe(8)
    expect(cost.levels[1]?.writes.outputs).toBe(16)
    expect(cost.levels[1]?.reads.outputs).toBe(16)
  })

  it("energy by component, and the same counts as the simulator", () => {
    // DRAM: reads (24 + 16 + 0) * 1 + writes 8 * 2 = 56. RF: reads (48 + 48 + 16) * 1 + writes
    // (24 + 32 + 16) * 2 = 256. MACs 48 * 0.5 = 24. Network: weights 24 + inputs 16 + outputs 8
    // = 48 transfers * 0.25 = 12.
    expect(cost.levels[0]?.energyPj).toBe(56)
    expect(cost.levels[1]?.energyPj).toBe(256)
    expect(cost.networkTransfers).toBe(48)
    expect(cost.energy).toEqual({ macPj: 24, levelsPj: 312, networkPj: 12, totalPj: 348 })
    const simulated = simulateMapping(nest, twoPes(), mapping)
    expect(simulated.reads).toEqual([
      [24, 16, 0],
      [48, 48, 16],
    ])
    expect(simulated.writes).toEqual([
      [0, 0, 8],
      [24, 32, 16],
    ])
  })

  it("bandwidth: traffic cycles, stalls, and the first fill of a single-buffered RF", () => {
    // DRAM moves 24 + 16 + 8 = 48 bytes. At 4 B/cycle: 12 cycles < 24 compute.
    expect(feasible(evaluateMapping(nest, twoPes(4, true), mapping)).cycles).toBe(24)
    // At 1 B/cycle: 48 cycles, 24 of them stalls (double-buffered RF: nothing else).
    const slow = feasible(evaluateMapping(nest, twoPes(1, true), mapping))
    expect(slow.levels[0]?.trafficCycles).toBe(48)
    expect(slow.levels[0]?.bandwidthBytesPerCycle).toBe(2)
    expect([slow.cycles, slow.stallCycles, slow.utilization]).toEqual([48, 24, 0.5])
    // Single-buffered RF: the first tiles come before compute starts: weights for 2 PEs
    // (2 * 3 bytes) and one multicast input tile (4 bytes) at 1 B/cycle: 10 more cycles.
    expect(feasible(evaluateMapping(nest, twoPes(1, false), mapping)).cycles).toBe(58)
  })
})

describe("hand-derived: stride, dilation and reduction across the array", () => {
  it("a stride-2, dilation-2 input tile is the bounding box of its window", () => {
    // P = 2 outputs at stride 2 with R = 2 taps at dilation 2: rows 0, 2 | 2, 4: (2 - 1) * 2 +
    // (2 - 1) * 2 + 1 = 5 rows; the same for columns: 25 input elements in the RF.
    const strided = tinyNest({ P: 2, Q: 2, R: 2, S: 2, stride: 2, dilation: 2 })
    const single = accelerator([level("DRAM", "shared"), level("RF", "pe", ["inputs"])], 1, 1)
    const all: Mapping = {
      levels: [
        { factors: {}, order: [] },
        { factors: { P: 2, Q: 2, R: 2, S: 2 }, order: ["P", "Q", "R", "S"] },
      ],
      spatial: { x: {}, y: {} },
    }
    const cost = feasible(evaluateMapping(strided, single, all))
    expect(cost.levels[1]?.occupancyBytes).toBe(25)
    expect(cost.levels[0]?.reads.inputs).toBe(25)
  })

  it("C spread over Y: partial sums reduced in the array, one update per output", () => {
    // K = 1, C = 4 over 4 PEs along Y, P = 2 temporal at DRAM, no per-PE level: at each of the
    // 2 steps the 4 PEs' products for one output are summed in the array: one DRAM update per
    // step, writes = 2. Each output is touched in one step only, so no partial sum is read back.
    // Weights and inputs depend on C: 4 different elements per step, 2 * 4 = 8 reads each.
    const reduction = tinyNest({ C: 4, P: 2 })
    const flat = accelerator([level("DRAM", "shared")], 1, 4)
    const spread: Mapping = { levels: [{ factors: { P: 2 }, order: ["P"] }], spatial: { x: {}, y: { C: 4 } } }
    const cost = feasible(evaluateMapping(reduction, flat, spread))
    expect(cost.levels[0]?.writes.outputs).toBe(2)
    expect(cost.levels[0]?.reads.outputs).toBe(0)
    expect(cost.levels[0]?.reads.weights).toBe(8)
    expect(cost.levels[0]?.reads.inputs).toBe(8)
  })

  it("a partial sum is read only where it is not zero: reduction PEs that get no read-back start from zero", () => {
    // K = 1, P = 2, C = 4: C 2 over 2 PEs along X, then DRAM steps c < 2 (outer), p < 2 (inner);
    // an RF per PE holds one output. Each RF is filled 4 times (P innermost relevant), 2 distinct:
    // the 2 refills of a seen output read it back from DRAM once per reduction group (DRAM output
    // reads 2, RF writes 2, to one PE); DRAM gets 4 updates (the 2 PEs' sums reduced in the array).
    // The MACs: 8 updates (writes); a MAC reads its RF's partial sum only where the RF was
    // refilled with one: 2 reads. The other PE's RF started from zero: its MAC reads nothing.
    // RF output reads: 2 by the MACs + 8 drains = 10; writes: 8 updates + 2 refills = 10.
    const reduction = tinyNest({ C: 4, P: 2 })
    const twoPes = accelerator([level("DRAM", "shared"), level("RF", "pe")], 2, 1)
    const spread: Mapping = {
      levels: [
        { factors: { C: 2, P: 2 }, order: ["C", "P"] },
        { factors: {}, order: [] },
      ],
      spatial: { x: { C: 2 }, y: {} },
    }
    const cost = feasible(evaluateMapping(reduction, twoPes, spread))
    expect(cost.levels[0]?.reads.outputs).toBe(2)
    expect(cost.levels[0]?.writes.outputs).toBe(4)
    expect(cost.levels[1]?.reads.outputs).toBe(10)
    expect(cost.levels[1]?.writes.outputs).toBe(10)
    const simulated = simulateMapping(reduction, twoPes, spread)
    expect(simulated.reads[1]?.[2]).toBe(10)
    expect(simulated.writes[1]?.[2]).toBe(10)
  })

  it("a window sliding by one output row keeps its overlap: only the new rows are fetched", () => {
    // One PE; DRAM steps P, the RF holds a whole window of R taps. Stride 1, R = 3, P = 4: the
    // RF's 3 rows slide down one row a step: 3 + 1 + 1 + 1 = 6 reads, the 6 input rows once.
    // Stride 2, R = 3, P = 3: a step moves 2 rows, 1 row is kept: 3 + 2 + 2 = 7 (H = 7).
    // Dilation 2, R = 2, P = 3: the window box is rows 0-2 (taps 0 and 2), it moves 1 row:
    // 3 + 1 + 1 = 5 (H = 5).
    const single = accelerator([level("DRAM", "shared"), level("RF", "pe")], 1, 1)
    const slide = (P: number, R: number): Mapping => ({
      levels: [
        { factors: { P }, order: ["P"] },
        { factors: { R }, order: ["R"] },
      ],
      spatial: { x: {}, y: {} },
    })
    const cases = [
      { nest: tinyNest({ P: 4, R: 3 }), P: 4, R: 3, reads: 6 },
      { nest: tinyNest({ P: 3, R: 3, stride: 2 }), P: 3, R: 3, reads: 7 },
      { nest: tinyNest({ P: 3, R: 2, dilation: 2 }), P: 3, R: 2, reads: 5 },
    ]
    for (const { nest: sliding, P, R, reads } of cases) {
      const cost = feasible(evaluateMapping(sliding, single, slide(P, R)))
      expect(cost.levels[0]?.reads.inputs).toBe(reads)
      expect(cost.levels[1]?.writes.inputs).toBe(reads)
      expect(sliding.H).toBe(reads)
    }
  })

  it("overlapping windows across PEs: the parent serves the union of what they fetch, once", () => {
    // P = 4 outputs over 4 PEs along X, R = 3 taps in each PE's RF (stride 1): PE p needs input
    // rows p..p+2. Each RF is filled with its 3 rows (RF writes 4 * 3 = 12), but DRAM reads each of
    // the 6 rows once (rows 0-5 = H), and 6 elements cross the fan-out.
    const fourPes = accelerator([level("DRAM", "shared"), level("RF", "pe")], 4, 1)
    const spread: Mapping = {
      levels: [
        { factors: {}, order: [] },
        { factors: { R: 3 }, order: ["R"] },
      ],
      spatial: { x: { P: 4 }, y: {} },
    }
    const rows = tinyNest({ P: 4, R: 3 })
    const cost = feasible(evaluateMapping(rows, fourPes, spread))
    expect(cost.levels[1]?.writes.inputs).toBe(12)
    expect(cost.levels[0]?.reads.inputs).toBe(rows.H)
    const dram = cost.levels[0]
    expect(cost.networkTransfers - (dram?.reads.weights ?? 0) - (dram?.writes.outputs ?? 0)).toBe(rows.H)
    // Eyeriss's diagonal: P = 2 over X and R = 2 over Y, no RF, one MAC per PE: PE (p, r) reads
    // row p + r, so rows 0, 1, 1, 2: PEs (0, 1) and (1, 0) share row 1: 3 DRAM reads, not 4.
    const diagonal = tinyNest({ P: 2, R: 2 })
    const flat = accelerator([level("DRAM", "shared")], 2, 2)
    const both: Mapping = { levels: [{ factors: {}, order: [] }], spatial: { x: { P: 2 }, y: { R: 2 } } }
    expect(feasible(evaluateMapping(diagonal, flat, both)).levels[0]?.reads.inputs).toBe(3)
    // Sliding and spread: Q = 2 over X, S = 3 in the RF, P = 3 stepped at DRAM with R = 2 in the
    // RF: the PEs' windows are rows p..p+1 x columns 0-2 and 1-3. First step: the union is 2 rows
    // x 4 columns = 8; each later step brings one new row: 4 each. 8 + 4 + 4 = 16 = H * W (4 x 4).
    const plane = tinyNest({ P: 3, Q: 2, R: 2, S: 3 })
    const twoPes = accelerator([level("DRAM", "shared"), level("RF", "pe")], 2, 1)
    const slideAndSpread: Mapping = {
      levels: [
        { factors: { P: 3 }, order: ["P"] },
        { factors: { R: 2, S: 3 }, order: ["R", "S"] },
      ],
      spatial: { x: { Q: 2 }, y: {} },
    }
    const slid = feasible(evaluateMapping(plane, twoPes, slideAndSpread))
    expect(slid.levels[0]?.reads.inputs).toBe(16)
    expect(plane.H * plane.W).toBe(16)
    // Each RF fetches its own: 6 + 3 + 3 = 12 per PE.
    expect(slid.levels[1]?.writes.inputs).toBe(24)
    for (const [n, a, m] of [
      [rows, fourPes, spread],
      [diagonal, flat, both],
      [plane, twoPes, slideAndSpread],
    ] as const) {
      const simulated = simulateMapping(n, a, m)
      expect(simulated.reads[0]?.[1]).toBe(feasible(evaluateMapping(n, a, m)).levels[0]?.reads.inputs)
    }
  })
})
