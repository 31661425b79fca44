import { simbaLike } from "@cosearch/accelerator"
import { dataflowFamilyNames, evaluateMapping, type MappedLayer, mapLayer, validateMapping } from "@cosearch/cost"
import { describe, expect, it } from "vitest"
import { accelerator, laneAccelerator, level, random, randomNest, simulateMapping, tinyNest } from "./loopnest-simulator.js"

const operandNames = ["weights", "inputs", "outputs"] as const

const feasible = (result: ReturnType<typeof mapLayer>): MappedLayer => {
  if (!result.feasible) throw new Error(result.message)
  return result
}

// Bounded hierarchies: the mapper must respect every capacity (double buffering included).
const bounded = [
  accelerator(
    [
      level("DRAM", "shared"),
      level("GLB", "shared", undefined, { capacityBytes: 96, doubleBuffered: true }),
      level("RF", "pe", undefined, { capacityBytes: 12 }),
    ],
    2,
    3,
    "dram-glb-rf",
  ),
  accelerator(
    [
      level("DRAM", "shared"),
      level("GLB", "shared", ["inputs", "outputs"], { capacityBytes: 64 }),
      level("ifmap", "pe", ["inputs"], { capacityBytes: 4 }),
      level("weights", "pe", ["weights"], { capacityBytes: 6 }),
      level("psum", "pe", ["outputs"], { capacityBytes: 2 }),
    ],
    3,
    2,
    "eyeriss-style",
  ),
  accelerator([level("DRAM", "shared"), level("RF", "pe", undefined, { capacityBytes: 8, doubleBuffered: true })], 4, 1, "dram-rf"),
]

describe("mapLayer", () => {
  it("returns valid mappings whose counts are the brute-force simulator's, within the bound, deterministically", () => {
    const next = random(4242)
    let checked = 0
    for (let trial = 0; trial < 24; trial++) {
      const nest = randomNest(next, trial)
      for (const on of bounded) {
        for (const dataflow of [...dataflowFamilyNames, "auto"] as const) {
          const maxMappings = 1 + (trial % 9)
          const result = mapLayer(nest, on, { dataflow, maxMappings })
          expect(result.visited).toBeLessThanOrEqual(maxMappings)
          if (!result.feasible) {
            expect(result.reason).toBe("capacity")
            continue
          }
          expect(validateMapping(nest, on, result.mapping)).toEqual([])
          const simulated = simulateMapping(nest, on, result.mapping)
          expect(result.levels.map((l) => operandNames.map((o) => l.reads[o]))).toEqual(simulated.reads)
          expect(result.levels.map((l) => operandNames.map((o) => l.writes[o]))).toEqual(simulated.writes)
          expect(result.computeCycles).toBe(simulated.steps)
          // The record is evaluateMapping's for the returned mapping.
          const again = evaluateMapping(nest, on, result.mapping)
          expect(again.feasible && again.cycles).toBe(result.cycles)
          expect(mapLayer(nest, on, { dataflow, maxMappings })).toEqual(result)
          checked++
        }
      }
    }
    expect(checked).toBeGreaterThan(300)
  })

  it("on accelerators with lanes: valid mappings that spread over the lanes too, counted as the brute-force simulator counts", () => {
    const bounded = laneAccelerator(
      [
        level("DRAM", "shared"),
        level("GLB", "shared", ["inputs", "outputs"], { capacityBytes: 64 }),
        level("in", "pe", ["inputs"], { capacityBytes: 8 }),
        level("acc", "pe", ["outputs"], { capacityBytes: 4 }),
        level("wreg", "lane", ["weights"], { capacityBytes: 3 }),
      ],
      2,
      2,
      4,
      1,
      "bounded-lanes",
    )
    const next = random(1717)
    let checked = 0
    let spread = 0
    for (let trial = 0; trial < 16; trial++) {
      const nest = randomNest(next, trial)
      for (const on of [bounded, simbaLike]) {
        for (const dataflow of [...dataflowFamilyNames, "auto"] as const) {
          const result = mapLayer(nest, on, { dataflow, maxMappings: 1 + (trial % 5) })
          if (!result.feasible) {
            expect(result.reason).toBe("capacity")
            continue
          }
          expect(validateMapping(nest, on, result.mapping)).toEqual([])
          // The lanes used are those the mapping spreads over (1 when it spreads nothing there).
          const lanes = result.mapping.laneSpatial
          const used =
            lanes === undefined ? 1 : [lanes.x, lanes.y].reduce((n, axis) => Object.values(axis).reduce((m, v) => m * (v ?? 1), n), 1)
          expect(result.usedLanes ?? 1).toBe(used)
          if (used > 1) spread++
          const again = evaluateMapping(nest, on, result.mapping)
          expect(again.feasible && [again.cycles, again.energy.totalPj]).toEqual([result.cycles, result.energy.totalPj])
          if (on === bounded) {
            const simulated = simulateMapping(nest, on, result.mapping)
            expect(result.levels.map((l) => operandNames.map((o) => l.reads[o]))).toEqual(simulated.reads)
            expect(result.levels.map((l) => operandNames.map((o) => l.writes[o]))).toEqual(simulated.writes)
          }
          checked++
        }
      }
    }
    expect(checked).toBeGreaterThan(100)
    expect(spread).toBeGreaterThan(checked / 4)
  })

  it("fills simba-like's lanes: ResNet-18's 3x3 layers run on more than one lane of each PE", () => {
    const nest = tinyNest({ K: 64, C: 64, P: 56, Q: 56, R: 3, S: 3 }, "res2")
    const mapped = feasible(mapLayer(nest, simbaLike, { dataflow: "auto" }))
    expect(mapped.usedLanes ?? 1).toBeGreaterThan(1)
    // Utilization over all of simba-like's MACs, above what one lane a PE allows (1 / 8).
    expect(mapped.utilization).toBeGreaterThan(1 / 8)
  })

  it("a larger bound never gives a worse mapping, and each objective wins on its own measure", () => {
    const next = random(77)
    for (let trial = 0; trial < 20; trial++) {
      const nest = randomNest(next, trial)
      for (const on of bounded) {
        for (const dataflow of dataflowFamilyNames) {
          const one = mapLayer(nest, on, { dataflow, maxMappings: 1 })
          const many = mapLayer(nest, on, { dataflow, maxMappings: 64 })
          if (!one.feasible || !many.feasible) continue
          expect(many.cycles).toBeLessThanOrEqual(one.cycles)
          const energy = feasible(mapLayer(nest, on, { dataflow, objective: "energy", maxMappings: 64 }))
          const edp = feasible(mapLayer(nest, on, { dataflow, objective: "edp", maxMappings: 64 }))
          expect(energy.energy.totalPj).toBeLessThanOrEqual(many.energy.totalPj)
          expect(many.cycles).toBeLessThanOrEqual(energy.cycles)
          expect(edp.cycles * edp.energy.totalPj).toBeLessThanOrEqual(many.cycles * many.energy.totalPj * (1 + 1e-12))
          expect(edp.cycles * edp.energy.totalPj).toBeLessThanOrEqual(energy.cycles * energy.energy.totalPj * (1 + 1e-12))
        }
      }
    }
  })

  it("hand-derived: weight-stationary 1x1 conv on 2x2 PEs, every operand counted", () => {
    // K = C = 4, P = Q = 2: 64 MACs. WS spreads C over X (2) and K over Y (2); the unbounded RF
    // takes the P and Q loops (weights stay while the outputs of a 2x2 tile are made); DRAM
    // loops K (outer) and C (inner) over the rest. 4 PEs, 64 / 4 = 16 cycles.
    const nest = tinyNest({ K: 4, C: 4, P: 2, Q: 2, R: 1, S: 1 })
    const on = accelerator([level("DRAM", "shared"), level("RF", "pe")], 2, 2, "dram-rf-unbounded")
    const mapped = feasible(mapLayer(nest, on, { dataflow: "ws" }))
    expect(mapped.mapping.spatial).toEqual({ x: { C: 2 }, y: { K: 2 } })
    expect(mapped.mapping.levels[1]?.factors).toEqual({ P: 2, Q: 2 })
    expect(mapped.computeCycles).toBe(16)
    expect(mapped.cycles).toBe(16)
    const dram = mapped.levels[0]
    // Each of the 16 weights is read once; inputs (16) once per K step (2): 32, multicast over
    // the K-spread PEs; outputs (16) written once, partial sums over C reduced in the array and
    // never read back (C is innermost at DRAM, so an output tile stays until it is complete).
    expect(dram?.reads).toEqual({ weights: 16, inputs: 32, outputs: 0 })
    expect(dram?.writes).toEqual({ weights: 0, inputs: 0, outputs: 16 })
  })

  it("infeasible inputs come back typed, with their reason", () => {
    const nest = tinyNest({ K: 2, C: 2, P: 2, R: 3 })
    const tiny = accelerator([level("DRAM", "shared"), level("RF", "pe", undefined, { capacityBytes: 2, doubleBuffered: true })])
    const full = mapLayer(nest, tiny, { dataflow: "os" })
    expect(full.feasible).toBe(false)
    if (!full.feasible) {
      expect(full.reason).toBe("capacity")
      expect(full.message).toContain('"RF"')
      expect(full.message).toContain("capacity 2")
    }
    const noPes = mapLayer(nest, accelerator([level("DRAM", "shared")], 0, 4))
    expect(noPes.feasible === false && noPes.reason).toBe("accelerator")
    const negative = mapLayer({ ...nest, K: -3 }, bounded[0] ?? tiny)
    expect(negative.feasible === false && negative.reason).toBe("nest")
    expect(negative.feasible === false && negative.message).toContain("K=-3")
    const pool = mapLayer({ ...nest, kind: "pool" }, bounded[0] ?? tiny)
    expect(pool.feasible === false && pool.reason).toBe("nest")
  })
})
