import { type SystolicArray, systolicPresets } from "@cosearch/accelerator"
import { systolicLayerCost, systolicLayerCycles } from "@cosearch/cost"
import { analyzeNetworkOrThrow, type LoopNest, lowerNetwork, NetworkBuilder } from "@cosearch/network"
import { describe, expect, it } from "vitest"

const b = new NetworkBuilder("mixed")
b.maxpool(b.conv2d(b.input({ h: 8, w: 8, c: 4 }), { filters: 8, kernel: 3, name: "conv" }), { kernel: 2, name: "pool" })
const [conv, pool] = lowerNetwork(analyzeNetworkOrThrow(b.build())) as [LoopNest, LoopNest]
const array32: SystolicArray = systolicPresets["systolic-32x32"]

/** Every number in a result, to check that none is NaN. */
const numbers = (value: object): number[] => Object.values(value).filter((v): v is number => typeof v === "number")

describe("infeasible inputs", () => {
  it("a zero-size or fractional array", () => {
    expect(systolicLayerCost(conv, { ...array32, rows: 0 })).toEqual({
      feasible: false,
      reason: "array",
      message: "a 0x32 array: rows and columns must be positive integers",
    })
    expect(systolicLayerCost(conv, { ...array32, columns: 2.5 })).toMatchObject({ feasible: false, reason: "array" })
    expect(systolicLayerCost(conv, { ...array32, rows: Number.NaN })).toMatchObject({ feasible: false, reason: "array" })
    expect(systolicLayerCycles(conv, { ...array32, rows: -4 })).toBe(Number.POSITIVE_INFINITY)
  })

  it("an unknown dataflow", () => {
    const rs = { ...array32, dataflow: "rs" } as unknown as SystolicArray
    expect(systolicLayerCost(conv, rs)).toEqual({ feasible: false, reason: "array", message: 'dataflow "rs" is not one of os, ws, is' })
    expect(systolicLayerCycles(conv, rs)).toBe(Number.POSITIVE_INFINITY)
  })

  it("a pooling nest does not run on the array", () => {
    expect(systolicLayerCost(pool, array32)).toEqual({
      feasible: false,
      reason: "kind",
      message: 'layer "pool" is a pool nest (maxpool); only conv and matmul nests run on the array',
    })
    expect(systolicLayerCycles(pool, array32)).toBe(Number.POSITIVE_INFINITY)
  })

  it("a loop bound that is zero, fractional or NaN", () => {
    for (const bad of [{ K: 0 }, { P: 1.5 }, { C: Number.NaN }, { N: Number.POSITIVE_INFINITY }]) {
      const result = systolicLayerCost({ ...conv, ...bad }, array32)
      expect(result).toMatchObject({ feasible: false, reason: "nest" })
      expect(!result.feasible && result.message).toMatch(
        /^layer "conv": loop bounds N=\S+ G=1 K=\S+ C=\S+ P=\S+ Q=8 R=3 S=3 must all be positive integers$/,
      )
      expect(systolicLayerCycles({ ...conv, ...bad }, array32)).toBe(Number.POSITIVE_INFINITY)
    }
  })

  it("counts beyond exact arithmetic", () => {
    const huge = { ...conv, N: 1e6, K: 1e6, C: 1e6, P: 1e3 }
    expect(systolicLayerCost(huge, array32)).toMatchObject({ feasible: false, reason: "size" })
  })

  it("feasible results never hold NaN or infinities, even for extreme arrays", () => {
    for (const array of [
      { ...array32, rows: 2, columns: 1 },
      { ...array32, rows: 4096, columns: 1 },
      { ...array32, rows: 1, columns: 65536 },
    ]) {
      for (const dataflow of ["os", "ws", "is"] as const) {
        const cost = systolicLayerCost(conv, { ...array, dataflow })
        if (!cost.feasible) throw new Error(cost.message)
        for (const value of numbers(cost)) expect(Number.isFinite(value)).toBe(true)
        expect(cost.utilization).toBeGreaterThan(0)
        expect(cost.utilization).toBeLessThanOrEqual(1)
      }
    }
  })

  it("utilization keeps SCALE-Sim's off-by-one: a 1x1 OS array does one MAC per cycle over macs - 1 cycles", () => {
    // On 1x1 OS a fold is T + 1 + 1 - 2 = T lines, so cycles = folds x T - 1 = macs - 1 and
    // SCALE-Sim's overall_util is macs / (macs - 1), just above 100%.
    const cost = systolicLayerCost(conv, { ...array32, rows: 1, columns: 1, dataflow: "os" })
    if (!cost.feasible) throw new Error(cost.message)
    expect(cost.cycles).toBe(cost.macs - 1)
    expect(cost.utilization).toBe(cost.macs / (cost.macs - 1))
  })
})
