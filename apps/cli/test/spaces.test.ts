import { apolloEdgeTpuKnobs, edgeTpuKnobs, systolicKnobs } from "@cosearch/accelerator"
import { builtInSpaceNames, builtInSpaces, lookupSpace, type NamedSpace } from "@cosearch/engine"
import { edgeTpuNetSpace, fbnetSpace, nb201Space } from "@cosearch/network"
import {
  type Cardinality,
  type Configuration,
  canonicalKey,
  cardinality,
  createRandom,
  crossover,
  decode,
  encode,
  isFailure,
  mutate,
  type Space,
  sample,
  sampleMany,
  validateConfiguration,
  vectorLength,
} from "@cosearch/space"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { conditionMismatches, decodedProblems, reordered } from "./space-properties.js"

// Every property runs on 200 seeds drawn by fast-check from a fixed seed, so failures reproduce.
const runs = { seed: 20_250_611, numRuns: 200 }
const seeds = fc.integer({ min: 0, max: 2 ** 31 - 1 })

const sampleFrom = (space: Space, seed: number): Configuration => {
  const result = sample(space, createRandom(seed))
  if (!result.ok) throw new Error(result.message)
  return result.configuration
}

/** Checks that a configuration is a valid point whose keys are exactly its active parameters. */
const expectValidPoint = (space: Space, configuration: Configuration): void => {
  expect(validateConfiguration(space, configuration)).toEqual([])
  expect(conditionMismatches(space, configuration)).toEqual([])
}

describe.each(builtInSpaces)("built-in space $name", (entry: NamedSpace) => {
  const { space } = entry

  it("decodes every encoded sample back to itself", () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const configuration = sampleFrom(space, seed)
        const vector = encode(space, configuration)
        if (isFailure(vector)) throw new Error(vector.message)
        expect(vector).toHaveLength(vectorLength(space))
        expect(decode(space, vector)).toEqual(configuration)
      }),
      runs,
    )
  })

  it("samples valid configurations that hold exactly their active parameters", () => {
    fc.assert(
      fc.property(seeds, (seed) => expectValidPoint(space, sampleFrom(space, seed))),
      runs,
    )
  })

  it("mutates (k = 1 and k = 3) and crosses over into valid configurations", () => {
    fc.assert(
      fc.property(seeds, seeds, (first, second) => {
        const a = sampleFrom(space, first)
        const b = sampleFrom(space, second)
        const rng = createRandom(`${first}/${second}`)
        for (const k of [1, 3]) {
          const mutant = mutate(space, a, rng, { k })
          if (!mutant.ok) throw new Error(mutant.message)
          expectValidPoint(space, mutant.configuration)
          expect(mutant.configuration).not.toEqual(a)
        }
        const child = crossover(space, a, b, rng)
        if (!child.ok) throw new Error(child.message)
        expectValidPoint(space, child.configuration)
        for (const [name, value] of Object.entries(child.configuration)) {
          // A value comes from a parent unless the child activated a parameter neither parent has.
          if (Object.hasOwn(a, name) || Object.hasOwn(b, name)) expect([a[name], b[name]]).toContain(value)
        }
      }),
      runs,
    )
  })

  it("gives the same sequence for the same seed and another for another seed", () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const first = sampleMany(space, 20, seed)
        expect(sampleMany(space, 20, seed)).toEqual(first)
        expect(sampleMany(space, 20, seed + 1)).not.toEqual(first)
      }),
      { ...runs, numRuns: 50 },
    )
  })

  it("keys configurations whatever their property order, and tells different ones apart", () => {
    fc.assert(
      fc.property(seeds, seeds, (first, second) => {
        const a = sampleFrom(space, first)
        const b = sampleFrom(space, second)
        const shuffled = reordered(a, createRandom(second))
        expect(shuffled).toEqual(a)
        expect(canonicalKey(space, shuffled)).toBe(canonicalKey(space, a))
        expect(canonicalKey(space, Object.fromEntries(Object.entries(a).reverse()))).toBe(canonicalKey(space, a))
        expect(canonicalKey(space, a) === canonicalKey(space, b)).toBe(JSON.stringify(a) === JSON.stringify(b))
      }),
      runs,
    )
  })

  it("decodes samples to what they describe: networks that analyze, positive knobs", () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        expect(decodedProblems(entry.decode(sampleFrom(space, seed)))).toEqual([])
      }),
      { ...runs, numRuns: 100 },
    )
  })
})

const finite = (count: Cardinality): bigint => {
  if (count === "infinite") throw new Error("expected a finite space")
  return count
}

const registryCardinality = (name: string): bigint => {
  const found = lookupSpace(name)
  if (!found.ok) throw new Error(found.message)
  return finite(cardinality(found.entry.space))
}

describe("the registry", () => {
  it("counts the configurations of each space", () => {
    expect(registryCardinality("edgetpu-knobs")).toBe(452_760_000n)
    expect(registryCardinality("apollo-edgetpu-knobs")).toBe(10_000n)
    expect(registryCardinality("systolic-knobs")).toBe(302_526n)
    expect(registryCardinality("nb201")).toBe(15_625n)
    expect(registryCardinality("fbnet")).toBe(9n ** 22n)
    expect(registryCardinality("edgetpu-net")).toBe(1_800n * 2_700n ** 5n) // the one-block first stage has no -1 offset
  })

  it("counts a joint space as the product of its parts", () => {
    expect(registryCardinality("edgetpu-joint")).toBe(finite(cardinality(edgeTpuNetSpace)) * finite(cardinality(edgeTpuKnobs)))
    expect(registryCardinality("nb201-edgetpu")).toBe(finite(cardinality(nb201Space)) * finite(cardinality(edgeTpuKnobs)))
  })

  it("holds the package spaces and prefixes the joint parts", () => {
    const spaceOf = (name: string): Space | undefined => builtInSpaces.find((entry) => entry.name === name)?.space
    expect(spaceOf("edgetpu-knobs")).toBe(edgeTpuKnobs)
    expect(spaceOf("apollo-edgetpu-knobs")).toBe(apolloEdgeTpuKnobs)
    expect(spaceOf("systolic-knobs")).toBe(systolicKnobs)
    expect(spaceOf("fbnet")).toBe(fbnetSpace)
    expect(spaceOf("nb201-edgetpu")?.parameters.map((parameter) => parameter.name)).toEqual([
      ...nb201Space.parameters.map((parameter) => `nn.${parameter.name}`),
      ...edgeTpuKnobs.parameters.map((parameter) => `hw.${parameter.name}`),
    ])
    for (const entry of builtInSpaces) expect(entry.space.name).toBe(entry.name)
    expect(new Set(builtInSpaceNames).size).toBe(builtInSpaces.length)
  })

  it("decodes each part of a joint configuration", () => {
    const found = lookupSpace("nb201-edgetpu")
    if (!found.ok) throw new Error(found.message)
    const decoded = found.entry.decode(sampleFrom(found.entry.space, 3))
    expect(decoded.kind).toBe("joint")
    if (decoded.kind !== "joint") return
    expect(Object.keys(decoded.parts)).toEqual(["nn", "hw"])
    expect(decoded.parts.nn?.kind).toBe("network")
    expect(decoded.parts.hw?.kind).toBe("accelerator")
    expect(decoded.parts.hw?.kind === "accelerator" && decoded.parts.hw.unit.kind).toBe("edgetpu")
  })

  it("names the unknown space and lists the known ones on a miss", () => {
    const missing = lookupSpace("nb202")
    expect(missing.ok).toBe(false)
    if (missing.ok) return
    expect(missing.message).toContain('"nb202"')
    for (const name of builtInSpaceNames) expect(missing.message).toContain(name)
  })
})
