import { describe, expect, it } from "vitest"
import { fixed, geometricMean, markdownTable, times } from "../src/kit/markdown.js"

describe("the comparisons' Markdown kit", () => {
  it("pads a table's columns as a Markdown formatter would", () => {
    expect(markdownTable(["a", "long header"], [["1", "2"]])).toBe(
      ["| a   | long header |", "| --- | ----------- |", "| 1   | 2           |"].join("\n"),
    )
  })

  it("prints numbers and ratios, and a dash where a design is infeasible", () => {
    expect(fixed(1.234, 2)).toBe("1.23")
    expect(fixed(Number.POSITIVE_INFINITY, 2)).toBe("–")
    expect(times(2.414)).toBe("2.41x")
    expect(times(Number.NaN)).toBe("–")
  })

  it("takes the geometric mean of the finite positive values only", () => {
    expect(geometricMean([1, 4])).toBeCloseTo(2, 12)
    expect(geometricMean([1, 4, Number.NaN, 0, Number.POSITIVE_INFINITY])).toBeCloseTo(2, 12)
    expect(geometricMean([Number.NaN])).toBeNaN()
  })
})
