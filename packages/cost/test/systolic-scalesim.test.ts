import { systolicLayerCost } from "@cosearch/cost"
import { describe, expect, it } from "vitest"
import { configArray, numberOf, readCsv, topologyNest } from "./scalesim-data.js"

// Every row of SCALE-Sim v2's reference runs (5 layers x 3 dataflows on a 32x32 array, CALC
// bandwidth), read from packages/cost/data/scalesim/ through the project's own readers.
const rows = readCsv("results-32x32.csv")

const relative = (actual: number, expected: number): number => Math.abs(actual - expected) / Math.abs(expected)

describe("systolic cost against SCALE-Sim v2 (32x32)", () => {
  it("has the 15 reference runs", () => {
    expect(rows).toHaveLength(15)
  })

  for (const row of rows) {
    const label = `${row.layer} ${row.dataflow}`
    it(`${label}: total_cycles, overall_util, mapping efficiency and SRAM accesses equal SCALE-Sim's`, () => {
      const array = configArray(`a32_${row.dataflow}.cfg`)
      expect(`${array.rows}x${array.columns}`).toBe(row.array)
      const cost = systolicLayerCost(topologyNest(row.layer ?? ""), array)
      if (!cost.feasible) throw new Error(cost.message)
      expect(cost.dataflow).toBe(row.dataflow)
      expect(cost.cycles).toBe(numberOf(row, "total_cycles"))
      expect(relative(cost.utilization * 100, numberOf(row, "overall_util_pct"))).toBeLessThan(1e-9)
      expect(relative(cost.mappingEfficiency * 100, numberOf(row, "mapping_eff_pct_cycle_weighted"))).toBeLessThan(1e-9)
      expect(cost.sramIfmapReads).toBe(numberOf(row, "sram_ifmap_reads"))
      expect(cost.sramFilterReads).toBe(numberOf(row, "sram_filter_reads"))
      expect(cost.sramOfmapWrites).toBe(numberOf(row, "sram_ofmap_writes"))
    })
  }
})
