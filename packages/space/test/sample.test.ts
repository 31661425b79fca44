import {
  createRandom,
  crossover,
  defineSpace,
  expr,
  expressionConstraint,
  isFailure,
  mutate,
  ordinal,
  SamplingError,
  sample,
  sampleGenome,
  sampleMany,
} from "@cosearch/space"
import { describe, expect, it } from "vitest"
import { constrainedSpace } from "./fixtures.js"

const { param, le, ge, mul } = expr

const impossible = defineSpace({
  name: "impossible",
  parameters: [ordinal("pe_x", [8, 16]), ordinal("pe_y", [8, 16])],
  constraints: [
    expressionConstraint("tiny-array", "at most 32 PEs", le(mul(param("pe_x"), param("pe_y")), 32)),
    expressionConstraint("wide-array", "pe_x at least 16", ge(param("pe_x"), 16)),
  ],
})

describe("sampling with constraints", () => {
  it("rejects draws that break a constraint", () => {
    for (const config of sampleMany(constrainedSpace, 2000, 3)) {
      expect((config.pe_x as number) * (config.pe_y as number)).toBeLessThanOrEqual(256)
      if (config.dataflow === "rs") expect(config.pe_x).toBe(config.pe_y)
    }
  })

  it("fails with a value naming the constraint that rejected most draws when the feasible region is empty", () => {
    const result = sample(impossible, createRandom(1), { maxTries: 200 })
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.reason).toBe("constraints-exhausted")
    expect(result.tries).toBe(200)
    // tiny-array rejects every draw (the smallest array has 64 PEs); wide-array about half.
    expect(result.rejections[0]).toEqual({ constraint: "tiny-array", count: 200 })
    expect(result.rejections[1]?.constraint).toBe("wide-array")
    expect(result.message).toMatch(
      /^sample: no configuration of space "impossible" satisfied its constraints in 200 draws; the feasible region looks empty \(or very small\)\. Most rejections: "tiny-array" rejected 200 of 200 draws, "wide-array" rejected \d+ of 200 draws\.$/,
    )
  })

  it("uses 10,000 tries by default, and the genome path fails the same way", () => {
    const genome = sampleGenome(impossible, createRandom(2), new Float64Array(2))
    expect(isFailure(genome)).toBe(true)
    if (isFailure(genome) && genome.reason === "constraints-exhausted") expect(genome.tries).toBe(10_000)
  })

  it("throws a SamplingError from sampleMany, the convenience at the edges", () => {
    expect(() => sampleMany(impossible, 1, 1, { maxTries: 10 })).toThrow(SamplingError)
    expect(() => sampleMany(impossible, 1, 1, { maxTries: 10 })).toThrow(/"tiny-array" rejected 10 of 10 draws/)
  })

  it("mutation and crossover also report exhausted constraints", () => {
    const loose = defineSpace({ name: "loose", parameters: impossible.parameters })
    const strict = defineSpace({
      name: "strict",
      parameters: impossible.parameters,
      constraints: [expressionConstraint("only-8x8", "8 × 8 only", le(mul(param("pe_x"), param("pe_y")), 64))],
    })
    // 8 × 8 is the only feasible point; a mutant of it always differs, so it always breaks the constraint.
    const mutant = mutate(strict, { pe_x: 8, pe_y: 8 }, createRandom(1), { maxTries: 50 })
    expect(mutant.ok).toBe(false)
    if (!mutant.ok) expect(mutant.message).toMatch(/^mutate: no configuration of space "strict" satisfied its constraints in 50 draws/)
    const child = crossover(strict, { pe_x: 16, pe_y: 16 }, { pe_x: 16, pe_y: 8 }, createRandom(1), { maxTries: 20 })
    expect(child.ok).toBe(false)
    expect(crossover(loose, { pe_x: 16, pe_y: 16 }, { pe_x: 16, pe_y: 8 }, createRandom(1)).ok).toBe(true)
  })

  it("writes genome samples into the buffer it is given", () => {
    const buffer = new Float64Array(constrainedSpace.parameters.length)
    const genome = sampleGenome(constrainedSpace, createRandom(4), buffer)
    expect(genome).toBe(buffer)
  })
})
