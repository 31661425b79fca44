import { maestro256Pe, validateHierarchicalAccelerator } from "@cosearch/accelerator"
import { evaluateMapping, type Mapping, type MappingCost } from "@cosearch/cost"
import { describe, expect, it } from "vitest"
import { accelerator, level, tinyNest } from "./loopnest-simulator.js"

// A 1-D convolution: K = 2 filters, C = 1, P = 4 outputs, R = 3 taps, stride 1 (H = 6 rows);
// MACs = 2 * 4 * 3 = 24. DRAM at 1 byte a cycle -> GLB (shared, unbounded) -> RF per PE, both
// double-buffered (no first fill), on two PEs along Y or along X. The mapping, outermost first:
// DRAM k < 2, p1 < 2; P spread over the two PEs; RF r < 3. So DRAM takes 4 steps, and a PE
// computes 2 * 2 * 3 = 12 MACs.
const nest = tinyNest({ K: 2, P: 4, R: 3 })

const chip = (trafficModel: "accesses" | "tiles-per-step" | undefined, x: number, y: number) =>
  accelerator(
    [
      level("DRAM", "shared", undefined, { bandwidthBytesPerCycle: 1, ...(trafficModel === undefined ? {} : { trafficModel }) }),
      level("GLB", "shared", undefined, { doubleBuffered: true }),
      level("RF", "pe", undefined, { doubleBuffered: true }),
    ],
    x,
    y,
  )

const mapping = (axis: "x" | "y"): Mapping => ({
  levels: [
    { factors: { K: 2, P: 2 }, order: ["K", "P"] },
    { factors: {}, order: [] },
    { factors: { R: 3 }, order: ["R"] },
  ],
  spatial: axis === "x" ? { x: { P: 2 }, y: {} } : { x: {}, y: { P: 2 } },
})

const feasible = (cost: ReturnType<typeof evaluateMapping>): MappingCost => {
  if (!cost.feasible) throw new Error(cost.message)
  return cost
}

describe("a level charged tiles-per-step (MAESTRO's off-chip model)", () => {
  it("charges accesses by default: DRAM serves 6 weights, 10 inputs and 8 outputs", () => {
    // Weights: P is innermost and irrelevant, so the GLB's 3 weights are fetched once per K: 2 x 3.
    // Inputs: the GLB holds the 4-row window (rows 0-3, then 2-5) of the 2 outputs. First fill 4
    // rows; each p1 step slides it down 2 rows (2 new rows, twice); the k step brings it back from
    // rows 2-5 to 0-3 (rows 0 and 1 new): 4 + 2 + 2 + 2 = 10. Outputs: 4 x 2 written.
    for (const trafficModel of [undefined, "accesses"] as const) {
      const cost = feasible(evaluateMapping(nest, chip(trafficModel, 1, 2), mapping("y")))
      const dram = cost.levels[0]
      expect([dram?.reads.weights, dram?.reads.inputs, dram?.writes.outputs]).toEqual([6, 10, 8])
      expect(cost.computeCycles).toBe(12)
      expect(dram?.trafficCycles).toBe(24)
      expect(cost.cycles).toBe(24)
    }
  })

  it("streams each step's whole GLB tiles, rows of PEs counting their input windows apart", () => {
    const byAccesses = feasible(evaluateMapping(nest, chip("accesses", 1, 2), mapping("y")))
    const cost = feasible(evaluateMapping(nest, chip("tiles-per-step", 1, 2), mapping("y")))
    // Per step in: 3 weights + two PE rows' 3-row windows (3 + 3, not the 4-row box); out: 2
    // outputs. Over 4 steps: 36 in, 8 out; each direction has the byte a cycle: 36 cycles.
    expect(cost.levels[0]?.trafficCycles).toBe(36)
    expect(cost.cycles).toBe(36)
    expect(cost.levels[0]?.bandwidthBytesPerCycle).toBe(36 / 12)
    // Counts and energy are those of the default model.
    expect(cost.levels).toEqual(byAccesses.levels.map((l, i) => (i === 0 ? { ...l, trafficCycles: 36, bandwidthBytesPerCycle: 3 } : l)))
    expect(cost.energy).toEqual(byAccesses.energy)
  })

  it("lets the PEs of a row (along X) share their window", () => {
    // Per step in: 3 weights + the 4-row window the two PEs share: over 4 steps, 28.
    const cost = feasible(evaluateMapping(nest, chip("tiles-per-step", 2, 1), mapping("x")))
    expect(cost.levels[0]?.trafficCycles).toBe(28)
  })

  it("is validated", () => {
    const [dram, ...rest] = maestro256Pe.levels
    const bad = { ...maestro256Pe, levels: [{ ...dram, trafficModel: "per-step" }, ...rest] }
    expect(validateHierarchicalAccelerator(bad).map((issue) => issue.message)).toEqual([
      'levels[0].trafficModel "per-step" must be "accesses" or "tiles-per-step" (absent: accesses)',
    ])
  })
})
