import {
  boolean,
  categorical,
  createRandom,
  defineSpace,
  float,
  integer,
  isFailure,
  mutate,
  mutateGenome,
  ordinal,
  refineSpace,
} from "@cosearch/space"
import { describe, expect, it } from "vitest"

const space = defineSpace({
  name: "moves",
  parameters: [
    ordinal("pe", [4, 8, 16, 32, 64]),
    integer("depth", 1, 6),
    categorical("df", ["ws", "os", "rs"]),
    boolean("db"),
    float("lr", 1e-4, 1, { scale: "log" }),
  ],
})

const base = { pe: 16, depth: 3, df: "os", db: false, lr: 0.01 }

/** Mutates one parameter many times, the others fixed by refinement so they cannot be chosen. */
const movesOf = (name: keyof typeof base, value: number | string | boolean, draws = 400): (number | string | boolean)[] => {
  const others = Object.fromEntries(Object.entries(base).filter(([other]) => other !== name))
  const refined = refineSpace(space, { fix: others })
  if (!refined.ok) throw new Error(refined.message)
  const rng = createRandom(`moves-${name}`)
  return Array.from({ length: draws }, () => {
    const result = mutate(refined.space, { ...base, [name]: value }, rng)
    if (!result.ok) throw new Error(result.message)
    return result.configuration[name] as number | string | boolean
  })
}

describe("mutation moves", () => {
  it("steps ordinal parameters one rank up or down, reflecting at the ends", () => {
    expect(new Set(movesOf("pe", 16))).toEqual(new Set([8, 32]))
    expect(new Set(movesOf("pe", 4))).toEqual(new Set([8]))
    expect(new Set(movesOf("pe", 64))).toEqual(new Set([32]))
  })

  it("steps integer parameters by one, reflecting at the ends", () => {
    expect(new Set(movesOf("depth", 3))).toEqual(new Set([2, 4]))
    expect(new Set(movesOf("depth", 1))).toEqual(new Set([2]))
    expect(new Set(movesOf("depth", 6))).toEqual(new Set([5]))
  })

  it("picks a different categorical value uniformly and flips booleans", () => {
    const moves = movesOf("df", "os", 2000)
    expect(new Set(moves)).toEqual(new Set(["ws", "rs"]))
    const ws = moves.filter((value) => value === "ws").length
    expect(Math.abs(ws - 1000)).toBeLessThan(100) // binomial sd ≈ 22
    expect(new Set(movesOf("db", false))).toEqual(new Set([true]))
  })

  it("takes Gaussian steps of sigma in the log coordinate for log floats", () => {
    // lr = 0.01 sits at t = 0.5 of [1e-4, 1]; a step of sigma 0.1 is 0.4 decades.
    const steps = movesOf("lr", 0.01, 4000).map((value) => (Math.log10(value as number) + 4) / 4 - 0.5)
    const mean = steps.reduce((a, b) => a + b, 0) / steps.length
    const sd = Math.sqrt(steps.reduce((a, b) => a + (b - mean) ** 2, 0) / steps.length)
    expect(Math.abs(mean)).toBeLessThan(0.01)
    expect(sd).toBeGreaterThan(0.09)
    expect(sd).toBeLessThan(0.11)
  })

  it("leaves the input genome untouched and writes into the output buffer", () => {
    const genome = Float64Array.of(2, 2, 1, 0, 0.01)
    const out = new Float64Array(5)
    const result = mutateGenome(space, genome, createRandom(1), { k: 5 }, out)
    expect(result).toBe(out)
    expect(Array.from(genome)).toEqual([2, 2, 1, 0, 0.01])
    if (isFailure(result)) throw new Error(result.message)
    for (let index = 0; index < 5; index++) expect(result[index]).not.toBe(genome[index])
  })

  it("returns an unchanged copy when nothing can change", () => {
    const frozen = defineSpace({ name: "frozen", parameters: [ordinal("a", [1]), float("b", 2, 2)] })
    const result = mutate(frozen, { a: 1, b: 2 }, createRandom(1), { k: 2 })
    expect(result).toEqual({ ok: true, configuration: { a: 1, b: 2 } })
  })
})
