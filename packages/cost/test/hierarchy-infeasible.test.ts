import type { HierarchicalAccelerator } from "@cosearch/accelerator"
import { evaluateMapping, type Mapping, validateMapping } from "@cosearch/cost"
import { describe, expect, it } from "vitest"
import { accelerator, level, tinyNest } from "./loopnest-simulator.js"

const nest = tinyNest({ K: 4, C: 2, P: 4, R: 3 })
const chip = accelerator([level("DRAM", "shared"), level("RF", "pe", undefined, { capacityBytes: 32 })], 2, 2)
const good: Mapping = {
  levels: [
    { factors: { K: 2, C: 2, P: 2 }, order: ["K", "C", "P"] },
    { factors: { P: 2, R: 3 }, order: ["P", "R"] },
  ],
  spatial: { x: { K: 2 }, y: {} },
}

/** Every number in a result, nested ones included, to check that none is NaN. */
const numbers = (value: unknown): number[] =>
  typeof value === "number" ? [value] : typeof value === "object" && value !== null ? Object.values(value).flatMap(numbers) : []

describe("infeasible mappings: typed reasons", () => {
  it("the reference mapping is valid", () => {
    expect(validateMapping(nest, chip, good)).toEqual([])
    const cost = evaluateMapping(nest, chip, good)
    expect(cost.feasible).toBe(true)
    expect(numbers(cost).every(Number.isFinite)).toBe(true)
  })

  it("a tile that fits no buffer names the level and the bytes needed and available", () => {
    const small = accelerator([level("DRAM", "shared"), level("RF", "pe", undefined, { capacityBytes: 16, doubleBuffered: true })], 2, 2)
    const big: Mapping = {
      levels: [
        { factors: { K: 2 }, order: ["K"] },
        { factors: { C: 2, P: 4, R: 3 }, order: ["C", "P", "R"] },
      ],
      spatial: { x: { K: 2 }, y: {} },
    }
    // RF per PE: weights K1 C2 R3 = 6, inputs C2 x (3 + 2 + 1) = 12, outputs K1 P4 = 4: 22 elements, 44 bytes doubled.
    const issues = validateMapping(nest, small, big)
    expect(issues).toEqual([
      {
        reason: "capacity",
        level: 1,
        levelName: "RF",
        neededBytes: 44,
        availableBytes: 16,
        message: 'level 1 "RF": tiles need 44 bytes (weights 12, inputs 24, outputs 8, double-buffered), capacity 16',
      },
    ])
    expect(evaluateMapping(nest, small, big)).toMatchObject({ feasible: false, reason: "capacity", issues })
  })

  it("zero PEs: the accelerator is invalid", () => {
    const none: HierarchicalAccelerator = { ...chip, array: { x: 0, y: 2, macsPerPe: 1 } }
    expect(evaluateMapping(nest, none, good)).toEqual({
      feasible: false,
      reason: "accelerator",
      message: "accelerator: array.x 0 must be a positive integer",
      issues: [{ reason: "accelerator", message: "accelerator: array.x 0 must be a positive integer" }],
    })
  })

  it("negative, zero or fractional loop bounds, strides and dilations", () => {
    for (const bad of [{ K: -4 }, { P: 0 }, { C: 1.5 }, { strideH: 0 }, { dilationW: Number.NaN }]) {
      const result = evaluateMapping({ ...nest, ...bad }, chip, good)
      expect(result).toMatchObject({ feasible: false, reason: "nest" })
      const [field] = Object.keys(bad)
      expect(!result.feasible && result.message).toMatch(new RegExp(`^layer "tiny": ${field}=\\S+ must be a positive integer$`))
    }
    expect(evaluateMapping({ ...nest, kind: "pool", op: "maxpool" }, chip, good)).toMatchObject({ feasible: false, reason: "nest" })
  })

  it("a factor product that does not equal the bound names the dimension", () => {
    const short: Mapping = {
      ...good,
      levels: [
        { factors: { K: 2, C: 2, P: 2 }, order: ["K", "C", "P"] },
        { factors: { P: 2, R: 1 }, order: ["P"] },
      ],
    }
    expect(validateMapping(nest, chip, short)).toEqual([
      { reason: "product", dimension: "R", message: "R: factors multiply to 1 (temporal 1 x 1, spatial x 1, y 1); the nest has R=3" },
    ])
    expect(evaluateMapping(nest, chip, short)).toMatchObject({ feasible: false, reason: "product" })
  })

  it("spatial factors exceeding the array", () => {
    const wide: Mapping = {
      ...good,
      levels: [{ factors: { C: 2, P: 2 }, order: ["C", "P"] }, good.levels[1] ?? { factors: {}, order: [] }],
      spatial: { x: { K: 4 }, y: {} },
    }
    expect(validateMapping(nest, chip, wide)).toEqual([
      { reason: "spatial", message: "spatial x factors need 4 PEs along X; the array has 2" },
    ])
  })

  it("bad factors, loop orders and a mapping of the wrong shape", () => {
    const fractional: Mapping = { ...good, levels: [{ factors: { K: 2.5 }, order: ["K"] }, good.levels[1] ?? { factors: {}, order: [] }] }
    expect(validateMapping(nest, chip, fractional)[0]).toMatchObject({ reason: "factor", dimension: "K" })
    const unordered: Mapping = {
      ...good,
      levels: [{ factors: { K: 2, C: 2, P: 2 }, order: ["K", "C"] }, good.levels[1] ?? { factors: {}, order: [] }],
    }
    expect(validateMapping(nest, chip, unordered)).toEqual([
      {
        reason: "order",
        level: 0,
        levelName: "DRAM",
        dimension: "P",
        message: 'level 0 "DRAM": P has factor 2 but is not in the loop order',
      },
    ])
    const twice = { ...good, levels: [{ factors: { K: 2, C: 2, P: 2 }, order: ["K", "C", "P", "K"] }, good.levels[1]] } as Mapping
    expect(validateMapping(nest, chip, twice)[0]).toMatchObject({ reason: "order", dimension: "K" })
    const typo = { ...good, spatial: { x: { k: 2 }, y: {} } } as unknown as Mapping
    expect(validateMapping(nest, chip, typo)[0]).toMatchObject({ reason: "factor", dimension: "k" })
    expect(validateMapping(nest, chip, { ...good, levels: [good.levels[0] ?? { factors: {}, order: [] }] })).toEqual([
      { reason: "shape", message: "the mapping has 1 level entries; the accelerator has 2 storage levels" },
    ])
  })

  it("counts beyond exact arithmetic", () => {
    const huge = tinyNest({ K: 2 ** 20, C: 2 ** 20, P: 2 ** 14 })
    const flat = accelerator([level("DRAM", "shared")], 1, 1)
    const mapping: Mapping = {
      levels: [{ factors: { K: 2 ** 20, C: 2 ** 20, P: 2 ** 14 }, order: ["K", "C", "P"] }],
      spatial: { x: {}, y: {} },
    }
    expect(evaluateMapping(huge, flat, mapping)).toMatchObject({ feasible: false, reason: "size" })
  })
})
