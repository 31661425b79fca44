import {
  acceleratorArea,
  acceleratorAreaMm2,
  allHierarchicalPresets,
  eyerissV1Like,
  type HierarchicalAccelerator,
  hierarchicalPreset,
  hierarchicalPresetNames,
  macAreaUm2At45nm,
  maestro256Pe,
  simbaLike,
  sramAreaUm2PerByteAt45nm,
  validateHierarchicalAccelerator,
} from "@cosearch/accelerator"
import { evaluateMapping, type Mapping } from "@cosearch/cost"
import { describe, expect, it } from "vitest"
import { tinyNest } from "./loopnest-simulator.js"

describe("hierarchical accelerator descriptions", () => {
  it("the presets are valid", () => {
    for (const name of hierarchicalPresetNames) expect(validateHierarchicalAccelerator(allHierarchicalPresets[name])).toEqual([])
    expect(hierarchicalPreset("eyeriss-v1-like")).toBe(eyerissV1Like)
    expect(hierarchicalPreset("toString")).toBeUndefined()
  })

  it("the MAESTRO preset follows hw-256pe.m; Eyeriss-like its paper", () => {
    expect(maestro256Pe.array.x * maestro256Pe.array.y).toBe(256)
    expect(maestro256Pe.levels.map((level) => [level.name, level.capacityBytes, level.bandwidthBytesPerCycle])).toEqual([
      ["DRAM", undefined, 50],
      ["L2", 3000, 1000],
      ["L1", 100, undefined],
    ])
    // L1 1.68x and L2 18.61x a MAC.
    expect((maestro256Pe.levels[2]?.readEnergyPj ?? 0) / maestro256Pe.macEnergyPj).toBeCloseTo(1.68, 12)
    expect((maestro256Pe.levels[1]?.readEnergyPj ?? 0) / maestro256Pe.macEnergyPj).toBeCloseTo(18.61, 12)
    expect(eyerissV1Like.array.x * eyerissV1Like.array.y).toBe(168)
    expect(eyerissV1Like.levels[1]?.capacityBytes).toBe(108 * 1024)
    const ratios = eyerissV1Like.levels.map((level) => level.readEnergyPj / eyerissV1Like.macEnergyPj)
    expect(ratios).toEqual([200, 6, 1, 1, 1])
    expect((eyerissV1Like.array.networkEnergyPj ?? 0) / eyerissV1Like.macEnergyPj).toBe(2)
  })

  it("issues name the field path and value", () => {
    const bad = {
      ...eyerissV1Like,
      array: { x: 0, y: 12, macsPerPe: 1 },
      levels: [
        { ...eyerissV1Like.levels[0], holds: ["weights", "inputs", "psums"] },
        { ...eyerissV1Like.levels[2], capacityBytes: 0 },
        { ...eyerissV1Like.levels[1] },
      ],
    }
    expect(validateHierarchicalAccelerator(bad).map((issue) => issue.message)).toEqual([
      "array.x 0 must be a positive integer",
      'levels[0].holds[2] "psums" is not an operand: weights, inputs or outputs',
      "levels[1].capacityBytes 0 must be a positive integer (absent: unbounded)",
      'levels[2].scope "shared" comes after the per-PE levels[1]: shared levels must come first',
      'levels[0].holds ["weights","inputs","psums"] lacks outputs: the outermost level is the backing store of every operand',
    ])
    expect(validateHierarchicalAccelerator({ ...eyerissV1Like, levels: [] })[0]?.path).toBe("levels")
    const noWeights = { ...maestro256Pe, levels: maestro256Pe.levels.map((level) => ({ ...level, holds: ["inputs", "outputs"] })) }
    expect(validateHierarchicalAccelerator(noWeights).map((issue) => issue.message)).toEqual(['levels "weights" is kept by no level'])
    expect(validateHierarchicalAccelerator({ ...maestro256Pe, levels: [maestro256Pe.levels[2]] })[0]?.message).toBe(
      'levels[0].scope "pe" must be shared: the outermost level is the backing store',
    )
    expect(validateHierarchicalAccelerator(null)[0]?.path).toBe("(root)")
  })

  it("lane levels come after the per-PE ones and need array.lanes; issues name the field", () => {
    expect(validateHierarchicalAccelerator(simbaLike)).toEqual([])
    const [dram, glb, input, weight, accumulation, collector] = simbaLike.levels
    if (!dram || !glb || !input || !weight || !accumulation || !collector) throw new Error("simba-like has six levels")
    const messages = (value: unknown): string[] => validateHierarchicalAccelerator(value).map((issue) => issue.message)
    expect(messages({ ...simbaLike, levels: [dram, glb, input, collector, weight] })).toEqual([
      'levels[4].scope "pe" comes after the per-lane levels[3]: lane levels must come after the per-PE ones',
    ])
    expect(messages({ ...simbaLike, levels: [dram, collector, glb] })).toEqual([
      'levels[2].scope "shared" comes after the per-lane levels[1]: lane levels must come after the per-PE ones',
    ])
    const { lanes: _, ...noLanes } = simbaLike.array
    expect(validateHierarchicalAccelerator({ ...simbaLike, array: noLanes }).map((issue) => issue.path)).toEqual(["array.lanes"])
    expect(messages({ ...simbaLike, array: noLanes })[0]).toMatch(/^array\.lanes undefined is required: levels\[5\] has scope "lane"/)
    expect(messages({ ...simbaLike, array: { ...simbaLike.array, lanes: { x: 0, y: 2.5 } } })).toEqual([
      "array.lanes.x 0 must be a positive integer",
      "array.lanes.y 2.5 must be a positive integer",
    ])
    expect(messages({ ...simbaLike, levels: [{ ...collector, holds: ["weights", "inputs", "outputs"] }] })).toEqual([
      'levels[0].scope "lane" must be shared: the outermost level is the backing store',
    ])
    expect(messages({ ...simbaLike, levels: [{ ...dram, scope: "vector" }] })).toEqual([
      'levels[0].scope "vector" must be "shared", "pe" or "lane"',
    ])
    // Lanes without a lane level: the second fan-out lies right above the MACs.
    expect(validateHierarchicalAccelerator({ ...simbaLike, levels: [dram, glb, input, weight, accumulation] })).toEqual([])
  })

  it("the Simba-like preset follows Shao et al., MICRO 2019: 4x4 PEs of 8 lanes of 8-wide vector MACs", () => {
    expect(simbaLike.array.x * simbaLike.array.y).toBe(16)
    expect(simbaLike.array.lanes).toEqual({ x: 8, y: 1 })
    expect(simbaLike.array.macsPerPe).toBe(8)
    expect(simbaLike.levels.map((level) => [level.name, level.scope, level.capacityBytes])).toEqual([
      ["DRAM", "shared", undefined],
      ["global buffer", "shared", 65536],
      ["input buffer", "pe", 8192],
      ["weight buffer", "pe", 32768],
      ["accumulation buffer", "pe", 1024],
      ["weight collector", "lane", 8],
    ])
    expect(hierarchicalPreset("simba-like")).toBe(simbaLike)
  })
})

describe("the area model at 45 nm", () => {
  it("MACs plus on-chip SRAM; DRAM takes none", () => {
    // Eyeriss-like: 168 bf16 MACs x 5824 um2; GLB 110,592 B and 168 x 520 B of scratchpads at 9.72 um2/B.
    const area = acceleratorArea(eyerissV1Like)
    expect(macAreaUm2At45nm.bf16).toBe(5824)
    expect(sramAreaUm2PerByteAt45nm).toBeCloseTo(9.72, 12)
    expect(area.macsMm2).toBeCloseTo((168 * 5824) / 1e6, 12)
    expect(area.levelsMm2[0]).toBe(0)
    expect(area.levelsMm2[1]).toBeCloseTo((110592 * 9.72) / 1e6, 12)
    expect(area.storageMm2).toBeCloseTo(((110592 + 168 * 520) * 9.72) / 1e6, 12)
    // MAESTRO: 256 int8 MACs x 419 um2, 3000 B L2, 256 x 100 B L1.
    expect(acceleratorAreaMm2(maestro256Pe)).toBeCloseTo((256 * 419 + (3000 + 25600) * 9.72) / 1e6, 12)
    // Simba-like: 16 PEs x 8 lanes x 8 int8 MACs; 64 KiB shared, 16 x (8 + 32 + 1) KiB per PE, 16 x 8 x 8 B per lane.
    const simba = acceleratorArea(simbaLike)
    expect(simba.macsMm2).toBeCloseTo((16 * 8 * 8 * 419) / 1e6, 12)
    expect(simba.levelsMm2[5]).toBeCloseTo((16 * 8 * 8 * 9.72) / 1e6, 12)
    expect(simba.storageMm2).toBeCloseTo(((65536 + 16 * (8192 + 32768 + 1024) + 16 * 8 * 8) * 9.72) / 1e6, 12)
    const given: HierarchicalAccelerator = { ...maestro256Pe, area: { totalMm2: 1.5 } }
    expect(acceleratorAreaMm2(given)).toBe(1.5)
  })
})

describe("presets under a mapping", () => {
  it("a ResNet 3x3 layer on the MAESTRO preset: DRAM bandwidth bounds it", () => {
    const nest = tinyNest({ K: 64, C: 64, P: 56, Q: 56, R: 3, S: 3 })
    const mapping: Mapping = {
      levels: [
        { factors: { K: 4, C: 8, P: 28, Q: 28 }, order: ["K", "C", "P", "Q"] },
        { factors: { Q: 2, P: 2 }, order: ["P", "Q"] },
        { factors: { R: 3, S: 3, C: 2 }, order: ["C", "R", "S"] },
      ],
      spatial: { x: { K: 16 }, y: { C: 4 } },
    }
    const cost = evaluateMapping(nest, maestro256Pe, mapping)
    if (!cost.feasible) throw new Error(cost.message)
    expect(cost.usedPes).toBe(64)
    expect(cost.computeCycles).toBe((64 * 64 * 56 * 56 * 9) / 64)
    expect(cost.cycles).toBe(Math.max(cost.computeCycles, ...cost.levels.map((level) => level.trafficCycles)))
    expect(cost.levels[0]?.trafficCycles).toBe(
      Math.ceil(
        ((cost.levels[0]?.reads.weights ?? 0) +
          (cost.levels[0]?.reads.inputs ?? 0) +
          (cost.levels[0]?.reads.outputs ?? 0) +
          (cost.levels[0]?.writes.outputs ?? 0)) /
          50,
      ),
    )
  })
})
