import { lookupSpace } from "@cosearch/engine"
import { type Configuration, listedValues, type Space, sampleMany, type Value } from "@cosearch/space"
import { describe, expect, it } from "vitest"
import { chiSquareFit } from "./chi-square.js"

// Each test draws 20,000 configurations at a fixed seed and compares Pearson's statistic with the
// 0.999 quantile of the chi-square distribution for its degrees of freedom (see chi-square.ts).
const draws = 20_000

const registrySpace = (name: string): Space => {
  const found = lookupSpace(name)
  if (!found.ok) throw new Error(found.message)
  return found.entry.space
}

const countValues = (configurations: readonly Configuration[], name: string, values: readonly Value[]): number[] => {
  const counts = values.map(() => 0)
  for (const configuration of configurations) {
    const index = values.indexOf(configuration[name] as Value)
    if (index >= 0) counts[index] = (counts[index] ?? 0) + 1
  }
  return counts
}

const uniform = (n: number): number[] => Array.from({ length: n }, () => 1 / n)

/** Every listed parameter of the space (in declaration order) with its values. */
const listedParameters = (space: Space, kind: "ordinal" | "categorical"): Array<readonly [string, readonly Value[]]> =>
  space.parameters.flatMap((parameter) => (parameter.kind === kind ? [[parameter.name, listedValues(parameter) ?? []] as const] : []))

describe("uniform sampling of the built-in spaces", () => {
  it("draws each ordinal knob of edgetpu-knobs uniformly", () => {
    const space = registrySpace("edgetpu-knobs")
    const configurations = sampleMany(space, draws, "uniformity-edgetpu-knobs")
    const knobs = listedParameters(space, "ordinal")
    expect(knobs).toHaveLength(10)
    for (const [name, values] of knobs) {
      const counts = countValues(configurations, name, values)
      expect(counts.reduce((sum, count) => sum + count, 0)).toBe(draws)
      const fit = chiSquareFit(counts, uniform(values.length))
      expect(fit.statistic, `${name}: chi-square ${fit.statistic.toFixed(2)} with ${fit.degreesOfFreedom} df`).toBeLessThan(fit.critical)
    }
  })

  it("draws each categorical edge of nb201 uniformly", () => {
    const space = registrySpace("nb201")
    const configurations = sampleMany(space, draws, "uniformity-nb201")
    const edges = listedParameters(space, "categorical")
    expect(edges).toHaveLength(6)
    for (const [name, values] of edges) {
      const fit = chiSquareFit(countValues(configurations, name, values), uniform(values.length))
      expect(fit.degreesOfFreedom).toBe(4)
      expect(fit.statistic, `${name}: chi-square ${fit.statistic.toFixed(2)}`).toBeLessThan(fit.critical)
    }
  })

  describe("edgetpu-net's conditional s1_groups", () => {
    const space = registrySpace("edgetpu-net")
    const configurations = sampleMany(space, draws, "uniformity-edgetpu-net")

    it("appears exactly in the configurations whose s1_block is group_conv_ibn", () => {
      for (const configuration of configurations) {
        expect(Object.hasOwn(configuration, "s1_groups")).toBe(configuration.s1_block === "group_conv_ibn")
      }
    })

    it("weighs s1_block by the sub-configurations each value activates (1, 1 and 3 of 5)", () => {
      const counts = countValues(configurations, "s1_block", ["ibn", "fused_ibn", "group_conv_ibn"])
      const fit = chiSquareFit(counts, [1 / 5, 1 / 5, 3 / 5])
      expect(fit.statistic, `chi-square ${fit.statistic.toFixed(2)} for counts ${counts.join(", ")}`).toBeLessThan(fit.critical)
      // The naive per-parameter draw (1/3 each) is far outside the same test.
      expect(chiSquareFit(counts, uniform(3)).statistic).toBeGreaterThan(fit.critical)
    })

    it("draws s1_groups uniformly where it is active", () => {
      const grouped = configurations.filter((configuration) => configuration.s1_block === "group_conv_ibn")
      const fit = chiSquareFit(countValues(grouped, "s1_groups", [2, 4, 8]), uniform(3))
      expect(fit.statistic).toBeLessThan(fit.critical)
    })
  })
})
