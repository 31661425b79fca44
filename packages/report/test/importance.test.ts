import type { Trial } from "@cosearch/optimize"
import { createRandom } from "@cosearch/space"
import { describe, expect, it } from "vitest"
import { parameterImportance } from "../src/index.js"

/** Trials where `driver` decides the objective, `noise` and `kind` do nothing, `mode` a little. */
const trials = (count: number, seed: number): Trial[] => {
  const random = createRandom(seed)
  return Array.from({ length: count }, (_, number) => {
    const driver = random()
    const noise = random()
    const kind = ["a", "b", "c"][Math.floor(random() * 3)] as string
    const mode = random() < 0.5
    const value = 10 * driver ** 2 + (mode ? 1 : 0) + 0.2 * random()
    return { number, params: { noise, kind, driver, mode }, origin: "t", state: "complete", values: [value, -driver] }
  })
}

describe("parameterImportance", () => {
  it("ranks the parameter that drives the objective first, the weak one second and the noise last", () => {
    const result = parameterImportance(["minimize", "maximize"], trials(600, 1), { seed: 3 })
    expect(result?.parameters).toEqual(["noise", "kind", "driver", "mode"])
    const [first, second] = result?.objectives ?? []
    const of = (importance: readonly number[] | undefined, name: string) => importance?.[result?.parameters.indexOf(name) ?? -1] ?? -1
    expect(of(first?.importance, "driver")).toBeGreaterThan(0.8)
    expect(of(first?.importance, "mode")).toBeGreaterThan(of(first?.importance, "noise"))
    expect(of(first?.importance, "mode")).toBeGreaterThan(of(first?.importance, "kind"))
    expect(of(second?.importance, "driver")).toBeGreaterThan(0.9)
    expect(first?.importance.reduce((sum, value) => sum + value, 0)).toBeCloseTo(1, 10)
  })

  it("is deterministic for a seed and subsamples big studies", () => {
    const many = trials(5000, 2)
    const a = parameterImportance(["minimize", "maximize"], many, { seed: 1, maxTrials: 1000 })
    expect(a?.trials).toBe(1000)
    expect(parameterImportance(["minimize", "maximize"], many, { seed: 1, maxTrials: 1000 })).toEqual(a)
  })

  it("gives nothing with too few feasible trials", () => {
    expect(parameterImportance(["minimize", "maximize"], trials(5, 1))).toBeUndefined()
  })
})
