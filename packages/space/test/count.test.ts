import {
  boolean,
  canonicalKey,
  cardinality,
  categorical,
  defineSpace,
  enumerate,
  float,
  integer,
  ordinal,
  refineSpace,
  validateConfiguration,
  when,
} from "@cosearch/space"
import { describe, expect, it } from "vitest"
import { chainCardinality, chainSpace, conditionalConstraintSpace, constrainedSpace, jointSpace, mixedSpace } from "./fixtures.js"

describe("cardinality", () => {
  it("counts a conditional chain by hand (see chainSpace: 2 × (3 + 27 + 1) = 62)", () => {
    expect(cardinality(chainSpace)).toBe(chainCardinality)
  })

  it("multiplies independent parameters and counts integer ranges by their values", () => {
    // 4 pe × 3 glb × 8 depth (2..9) × 4096 batch × 2 × 1
    const space = defineSpace({
      name: "finite",
      parameters: [
        ordinal("pe", [4, 8, 16, 32]),
        ordinal("glb", ["a", "b", "c"]),
        integer("depth", 2, 9),
        integer("batch", 1, 4096, { scale: "log" }),
        boolean("b"),
        ordinal("one", [1]),
      ],
    })
    expect(cardinality(space)).toBe(4n * 3n * 8n * 4096n * 2n)
  })

  it("is infinite with a float range, finite with a fixed float", () => {
    expect(cardinality(mixedSpace)).toBe("infinite")
    expect(cardinality(defineSpace({ name: "fixed", parameters: [float("x", 0.5, 0.5), boolean("b")] }))).toBe(2n)
  })

  it("ignores constraints", () => {
    expect(cardinality(constrainedSpace)).toBe("infinite") // clock_ghz is a float range
    const fixedClock = refineSpace(constrainedSpace, { fix: { clock_ghz: 1 } })
    if (!fixedClock.ok) throw new Error(fixedClock.message)
    // 5 pe_x × 5 pe_y × 3 dataflows × (512 - 16 + 1) buffer sizes, PE budget and square rule ignored
    expect(cardinality(fixedClock.space)).toBe(5n * 5n * 3n * 497n)
    expect(cardinality(conditionalConstraintSpace)).toBe((1n + 3n) * 3n * 2n) // block: conv 1 + mbconv 3 expand; kernel 3; se 2
  })

  it("multiplies the parts of a product space", () => {
    expect(cardinality(jointSpace)).toBe("infinite")
    const a = defineSpace({ name: "a", parameters: [ordinal("x", [1, 2, 3])] })
    expect(cardinality(defineSpace({ name: "j", parameters: [...chainSpace.parameters, ...a.parameters] }))).toBe(chainCardinality * 3n)
  })

  it("does not overflow on large spaces", () => {
    const wide = defineSpace({
      name: "wide",
      parameters: Array.from({ length: 60 }, (_, i) => ordinal(`p${i}`, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10])),
    })
    expect(cardinality(wide)).toBe(10n ** 60n)
  })

  it("sums nested branches with several children per value", () => {
    // mode ∈ {a, b}; x ∈ {1,2} for a; y ∈ {1,2,3} for a and b; z (bool) for b → a: 2·3 = 6, b: 3·2 = 6 → 12
    const space = defineSpace({
      name: "nested",
      parameters: [
        categorical("mode", ["a", "b"]),
        ordinal("x", [1, 2], { condition: when("mode", "a") }),
        ordinal("y", [1, 2, 3], { condition: when("mode", "a", "b") }),
        boolean("z", { condition: when("mode", "b") }),
      ],
    })
    expect(cardinality(space)).toBe(12n)
    expect([...enumerate(space)]).toHaveLength(12)
  })
})

describe("enumerate", () => {
  it("yields exactly cardinality distinct valid configurations of a constraint-free space", () => {
    const all = [...enumerate(chainSpace)]
    expect(BigInt(all.length)).toBe(chainCardinality)
    expect(new Set(all.map((config) => canonicalKey(chainSpace, config))).size).toBe(all.length)
    for (const config of all) expect(validateConfiguration(chainSpace, config)).toEqual([])
  })

  it("applies constraints", () => {
    // Without constraints: block conv (1) or mbconv × expand (3), × kernel (3) × se (2) = 24.
    // small-expanded-kernel (kernel * expand <= 21) removes 5·6 and 7·6 (mbconv, both se) → -4.
    // no-se-on-conv removes conv with se = true (3 kernels) → -3. Left: 17.
    const all = [...enumerate(conditionalConstraintSpace)]
    expect(all).toHaveLength(17)
    for (const config of all) expect(validateConfiguration(conditionalConstraintSpace, config)).toEqual([])
  })

  it("refuses spaces above the limit and infinite spaces, at the call", () => {
    expect(() => enumerate(chainSpace, { limit: 61 })).toThrow(
      'enumerate: space "chain" has 62 configurations (before constraints), more than the limit 61; raise { limit } or refine the space',
    )
    expect(() => enumerate(mixedSpace)).toThrow('enumerate: space "mixed" is infinite (float parameter "dropout"); sample it instead')
  })
})
