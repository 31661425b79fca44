import { simbaLike } from "@cosearch/accelerator"
import { evaluateMapping, type Mapping, validateMapping } from "@cosearch/cost"
import { describe, expect, it } from "vitest"
import { simulateMapping, tinyNest } from "./loopnest-simulator.js"

// A 1x1 convolution, K = 8, C = 16, 4x4 outputs (2048 MACs), on the Simba-like preset: the 16 PEs
// take one output pixel each (P over X, Q over Y), the 8 lanes of a PE one output channel each
// (K over the lanes' X); each lane's weight collector holds its 8 weights of one C half (C = 8 at
// the collector), DRAM walks the two halves (C = 2).
const nest = tinyNest({ K: 8, C: 16, P: 4, Q: 4 }, "simba-1x1")
const mapping: Mapping = {
  levels: [
    { factors: { C: 2 }, order: ["C"] },
    ...Array.from({ length: 4 }, () => ({ factors: {}, order: [] })),
    { factors: { C: 8 }, order: ["C"] },
  ],
  spatial: { x: { P: 4 }, y: { Q: 4 } },
  laneSpatial: { x: { K: 8 }, y: {} },
}

describe("two nested fan-outs by hand: a 1x1 layer on the Simba-like preset", () => {
  it("every count, the network, the cycles and the utilization", () => {
    expect(validateMapping(nest, simbaLike, mapping)).toEqual([])
    const cost = evaluateMapping(nest, simbaLike, mapping)
    if (!cost.feasible) throw new Error(cost.message)
    expect(cost.macs).toBe(2048)
    expect([cost.usedPes, cost.usedLanes]).toEqual([16, 8])
    // Instances: DRAM, the global buffer; the PEs' three buffers; a weight collector per lane.
    expect(cost.levels.map((level) => level.instances)).toEqual([1, 1, 16, 16, 16, 128])
    const row = (kind: "reads" | "writes") => cost.levels.map((level) => [level[kind].weights, level[kind].inputs, level[kind].outputs])
    // Weights: DRAM -> weight buffer crosses the PEs' fan-out: one tile of 64 (K 8 x C 8) per C
    // half, multicast to the 16 PEs (weights do not depend on P, Q): 128 reads, 16 x 128 writes.
    // Weight buffer -> collector crosses the lanes' fan-out: each PE sends each lane its 8
    // weights per half: 16 PEs x 8 lanes x 2 x 8 = 2048. Each MAC reads its weight: 2048.
    // Inputs: DRAM -> global buffer once (256, the tensor). Global buffer -> input buffer: each
    // PE its 8 channels of one pixel per half, 16 x 2 x 8 = 256, all different. Input buffer ->
    // MACs crosses the lanes' fan-out: one read per PE and step (16 x 16), multicast to its 8
    // lanes (inputs do not depend on K).
    // Outputs: the MACs keep their sums across C (the innermost loops): each lane updates its
    // pixel-channel once, 128 writes to the accumulation buffers, drained once (128) to the
    // global buffer and on to DRAM (128); nothing is read back.
    expect(row("reads")).toEqual([
      [128, 256, 0],
      [0, 256, 128],
      [0, 256, 0],
      [2048, 0, 0],
      [0, 0, 128],
      [2048, 0, 0],
    ])
    expect(row("writes")).toEqual([
      [0, 0, 128],
      [0, 256, 128],
      [0, 256, 0],
      [2048, 0, 0],
      [0, 0, 128],
      [2048, 0, 0],
    ])
    // Across the PEs' fan-out: weights 128, inputs 256, outputs 128; across the lanes': weights
    // 2048, inputs 256, outputs 128.
    expect(cost.networkTransfers).toBe(128 + 256 + 128 + 2048 + 256 + 128)
    // 16 temporal steps per lane over 8 MACs a lane: 2 cycles; all 16 x 8 x 8 = 1024 MACs busy.
    expect(cost.computeCycles).toBe(2)
    expect(cost.cycles).toBe(2)
    expect(cost.utilization).toBe(1)
    const simulated = simulateMapping(nest, simbaLike, mapping)
    expect(row("reads")).toEqual(simulated.reads)
    expect(row("writes")).toEqual(simulated.writes)
    expect(cost.networkTransfers).toBe(simulated.network)
  })

  it("lane factors count in the product, are bounded by array.lanes and are refused without lanes", () => {
    const issues = (on: typeof simbaLike, given: Mapping) => validateMapping(nest, on, given).map((issue) => issue.message)
    expect(issues(simbaLike, { ...mapping, laneSpatial: { x: { K: 4 }, y: {} } })).toEqual([
      "K: factors multiply to 4 (temporal 1 x 1 x 1 x 1 x 1 x 1, spatial x 1, y 1, lanes x 4, y 1); the nest has K=8",
    ])
    expect(issues(simbaLike, { ...mapping, laneSpatial: { x: { K: 4 }, y: { K: 2 } } })).toEqual([
      "laneSpatial y factors need 2 lanes along Y; a PE has 1 (array.lanes.y)",
    ])
    const { lanes: _, ...array } = simbaLike.array
    const noLanes = { ...simbaLike, array, levels: simbaLike.levels.slice(0, 5) }
    const flat: Mapping = { ...mapping, levels: mapping.levels.slice(0, 5) }
    expect(issues(noLanes, flat)[0]).toBe(
      'laneSpatial: "simba-like" has no lanes (array.lanes): its PEs have one fan-out; leave laneSpatial out',
    )
    const { laneSpatial: __, ...withoutLanes } = flat
    expect(
      issues(noLanes, { ...withoutLanes, levels: [{ factors: { C: 16, K: 8 }, order: ["K", "C"] }, ...flat.levels.slice(1)] }),
    ).toEqual([])
    // The Timeloop accounting does not know lanes: refused, naming the field.
    const timeloop = evaluateMapping(nest, { ...simbaLike, accounting: "timeloop" }, mapping)
    expect(timeloop.feasible).toBe(false)
    if (!timeloop.feasible) expect(timeloop.message).toMatch(/array\.lanes/)
  })
})
