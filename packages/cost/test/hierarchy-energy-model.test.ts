import { maestro256Pe, validateHierarchicalAccelerator } from "@cosearch/accelerator"
import { evaluateMapping, type Mapping, type MappingCost } from "@cosearch/cost"
import { describe, expect, it } from "vitest"
import { accelerator, level, simulateMapping, tinyNest } from "./loopnest-simulator.js"

// A 1-D convolution with a reduction: K = 2 filters, C = 2 channels, P = 4 outputs, R = 3 taps
// (stride 1, H = 6); MACs = 2 * 2 * 4 * 3 = 48. DRAM (no energy) -> GLB (shared, read 1 pJ,
// write 2 pJ) -> RF per PE, on two PEs along Y. The mapping, outermost first: DRAM c < 2, k < 2,
// p1 < 2; P spread over the two PEs; RF r < 3. C is outermost at DRAM, so every output tile of
// the GLB leaves for DRAM after its step and comes back for the second channel: partial sums
// drained and read back, which MAESTRO's L2 accounting does not charge.
const nest = tinyNest({ K: 2, C: 2, P: 4, R: 3 })

const chip = (energyModel: "accesses" | "maestro" | undefined) =>
  accelerator(
    [
      level("DRAM", "shared", undefined, { readEnergyPj: 0, writeEnergyPj: 0 }),
      level("GLB", "shared", undefined, { doubleBuffered: true, ...(energyModel === undefined ? {} : { energyModel }) }),
      level("RF", "pe", undefined, { doubleBuffered: true }),
    ],
    1,
    2,
  )

const mapping: Mapping = {
  levels: [
    { factors: { C: 2, K: 2, P: 2 }, order: ["C", "K", "P"] },
    { factors: {}, order: [] },
    { factors: { R: 3 }, order: ["R"] },
  ],
  spatial: { x: {}, y: { P: 2 } },
}

const feasible = (cost: ReturnType<typeof evaluateMapping>): MappingCost => {
  if (!cost.feasible) throw new Error(cost.message)
  return cost
}

describe('a level whose energy is charged "maestro" (MAESTRO\'s L2 accounting)', () => {
  const byAccesses = feasible(evaluateMapping(nest, chip(undefined), mapping))
  const maestro = feasible(evaluateMapping(nest, chip("maestro"), mapping))
  const simulated = simulateMapping(nest, chip(undefined), mapping)
  const glb = (counts: readonly number[][], o: number): number => counts[1]?.[o] ?? 0

  it("charges every GLB access by default, as the loop-nest simulator counts them", () => {
    for (const model of [undefined, "accesses"] as const) {
      const cost = feasible(evaluateMapping(nest, chip(model), mapping))
      const reads = (simulated.reads[1] ?? []).reduce((sum, n) => sum + n, 0)
      const writes = (simulated.writes[1] ?? []).reduce((sum, n) => sum + n, 0)
      expect(cost.levels[1]?.energyPj).toBe(reads * 1 + writes * 2)
    }
  })

  it("charges the GLB's weight and input reads and its 2-output tile written at each of the 8 DRAM steps", () => {
    // Per DRAM step (c, k, p1: 2 x 2 x 2 = 8 steps) the two PEs produce 2 outputs (one each): 16
    // writes. The reads serving the RFs (weights multicast, inputs the union of the windows) are
    // the simulator's; the GLB's fills from DRAM and its partial sums read back into the PEs and
    // drained to DRAM are not charged.
    const weightAndInputReads = glb(simulated.reads, 0) + glb(simulated.reads, 1)
    expect(maestro.levels[1]?.energyPj).toBe(weightAndInputReads * 1 + 8 * 2 * 2)
    // The partial sums do go round: the simulator's GLB output reads and writes are not zero.
    expect(glb(simulated.reads, 2)).toBeGreaterThan(0)
    expect(glb(simulated.writes, 2)).toBeGreaterThan(16)
  })

  it("charges the output tile at every step even where the outputs stay across the reduction", () => {
    // C innermost at DRAM: the GLB keeps its 2 outputs across both channels, so by default it is
    // written fewer than 16 times; MAESTRO still writes the tile at each of the 8 steps (its L3
    // ykp_os: as many L2 output writes as MACs).
    const stationary: Mapping = {
      ...mapping,
      levels: [{ factors: { C: 2, K: 2, P: 2 }, order: ["K", "P", "C"] }, ...mapping.levels.slice(1)],
    }
    const counted = simulateMapping(nest, chip(undefined), stationary)
    const cost = feasible(evaluateMapping(nest, chip("maestro"), stationary))
    expect(glb(counted.writes, 2)).toBeLessThan(16)
    expect(cost.levels[1]?.energyPj).toBe((glb(counted.reads, 0) + glb(counted.reads, 1)) * 1 + 8 * 2 * 2)
  })

  it("leaves the access counts, the cycles and the other levels' energies as they are", () => {
    expect(maestro.levels.map(({ energyPj: _, ...rest }) => rest)).toEqual(byAccesses.levels.map(({ energyPj: _, ...rest }) => rest))
    expect(maestro.cycles).toBe(byAccesses.cycles)
    expect(maestro.levels[0]?.energyPj).toBe(byAccesses.levels[0]?.energyPj)
    expect(maestro.levels[2]?.energyPj).toBe(byAccesses.levels[2]?.energyPj)
    expect(maestro.energy.macPj).toBe(byAccesses.energy.macPj)
    expect(maestro.energy.networkPj).toBe(byAccesses.energy.networkPj)
    const glbDifference = (byAccesses.levels[1]?.energyPj ?? 0) - (maestro.levels[1]?.energyPj ?? 0)
    expect(byAccesses.energy.totalPj - maestro.energy.totalPj).toBeCloseTo(glbDifference, 9)
  })

  it("is validated", () => {
    const [dram, l2, ...rest] = maestro256Pe.levels
    const bad = { ...maestro256Pe, levels: [dram, { ...l2, energyModel: "MAESTRO" }, ...rest] }
    expect(validateHierarchicalAccelerator(bad).map((issue) => issue.message)).toEqual([
      'levels[1].energyModel "MAESTRO" must be "accesses" or "maestro" (absent: accesses)',
    ])
  })
})
