import {
  type Configuration,
  canonicalKey,
  categorical,
  defineSpace,
  enumerate,
  float,
  ordinal,
  type Space,
  sampleMany,
  when,
} from "@cosearch/space"
import { describe, expect, it } from "vitest"
import { chainCardinality, chainSpace } from "./fixtures.js"

/** Pearson's statistic of observed counts against expected counts. */
const chiSquare = (observed: readonly number[], expected: readonly number[]): number =>
  observed.reduce((sum, count, index) => sum + (count - (expected[index] as number)) ** 2 / (expected[index] as number), 0)

/**
 * Upper 0.1% points of the chi-square distribution (tables): with a fixed seed the test is
 * deterministic, and a uniform sampler exceeds these only once in a thousand seeds.
 */
const critical001: Readonly<Record<number, number>> = { 2: 13.816, 3: 16.266, 6: 22.458, 9: 27.877, 61: 100.888 }

const counts = (configs: readonly Configuration[], key: (config: Configuration) => string, categories: readonly string[]): number[] => {
  const tally = new Map(categories.map((category) => [category, 0]))
  for (const config of configs) tally.set(key(config), (tally.get(key(config)) ?? 0) + 1)
  expect(tally.size).toBe(categories.length) // nothing outside the categories
  return categories.map((category) => tally.get(category) ?? 0)
}

describe("uniform sampling (chi-square at alpha = 0.001, fixed seeds)", () => {
  const n = 40_000
  const flat: Space = defineSpace({
    name: "flat",
    parameters: [categorical("dataflow", ["ws", "os", "rs"]), ordinal("glb_kib", [32, 64, 128, 256, 512, 1024, 2048])],
  })
  const draws = sampleMany(flat, n, "uniformity")

  it("categorical marginal: 3 values, df = 2, critical 13.816", () => {
    const observed = counts(draws, (config) => String(config.dataflow), ["ws", "os", "rs"])
    const statistic = chiSquare(observed, [n / 3, n / 3, n / 3])
    expect(statistic).toBeLessThan(critical001[2] as number)
  })

  it("ordinal marginal: 7 values, df = 6, critical 22.458", () => {
    const values = ["32", "64", "128", "256", "512", "1024", "2048"]
    const observed = counts(draws, (config) => String(config.glb_kib), values)
    expect(
      chiSquare(
        observed,
        values.map(() => n / 7),
      ),
    ).toBeLessThan(critical001[6] as number)
  })

  it("whole configurations of a small conditional space are equally likely (7 configurations, df = 6)", () => {
    // block = conv alone (1) or mbconv × expand (3) × se (2) = 6: each of the 7 has probability 1/7,
    // so P(conv) = 1/7, not the 1/2 a per-parameter draw would give.
    const tree = defineSpace({
      name: "tree",
      parameters: [
        categorical("block", ["conv", "mbconv"]),
        ordinal("expand", [3, 4, 6], { condition: when("block", "mbconv") }),
        categorical("se", [false, true], { condition: when("block", "mbconv") }),
      ],
    })
    const all = [...enumerate(tree)].map((config) => canonicalKey(tree, config))
    expect(all).toHaveLength(7)
    const samples = sampleMany(tree, 35_000, "tree")
    const observed = counts(samples, (config) => canonicalKey(tree, config), all)
    const statistic = chiSquare(
      observed,
      all.map(() => 5000),
    )
    expect(statistic).toBeLessThan(critical001[6] as number)
    // The same counts against the per-parameter distribution (conv 1/2, each mbconv 1/12) are far off.
    const perParameter = all.map((key) => (key.includes('"conv"') ? 35_000 / 2 : 35_000 / 12))
    expect(chiSquare(observed, perParameter)).toBeGreaterThan(1000)
  })

  it("whole configurations of the chain space (62 configurations, df = 61, critical 100.888)", () => {
    const all = [...enumerate(chainSpace)].map((config) => canonicalKey(chainSpace, config))
    expect(BigInt(all.length)).toBe(chainCardinality)
    const per = 500
    const samples = sampleMany(chainSpace, per * all.length, "chain")
    const observed = counts(samples, (config) => canonicalKey(chainSpace, config), all)
    expect(
      chiSquare(
        observed,
        all.map(() => per),
      ),
    ).toBeLessThan(critical001[61] as number)
  })

  it("log floats are uniform in log space: 10 decades-bins of [1e-5, 1e5], df = 9, critical 27.877", () => {
    const space = defineSpace({ name: "log", parameters: [float("lr", 1e-5, 1e5, { scale: "log" })] })
    const bins = Array.from({ length: 10 }, (_, i) => String(i))
    const samples = sampleMany(space, 20_000, "log")
    const observed = counts(samples, (config) => String(Math.min(9, Math.floor(Math.log10(config.lr as number) + 5))), bins)
    expect(
      chiSquare(
        observed,
        bins.map(() => 2000),
      ),
    ).toBeLessThan(critical001[9] as number)
  })
})
