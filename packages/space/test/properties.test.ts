import {
  type Configuration,
  canonicalKey,
  compileSpace,
  configurationToGenome,
  createRandom,
  crossover,
  decode,
  encode,
  genomeToConfiguration,
  isFailure,
  mutate,
  type Space,
  sample,
  sampleGenome,
  sampleMany,
  validateConfiguration,
  vectorLength,
} from "@cosearch/space"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { chainSpace, jointSpace, mixedSpace, testSpaces } from "./fixtures.js"

const runs = { seed: 20_251_121, numRuns: 150 }

const sampled = (space: Space, seed: number): Configuration => {
  const result = sample(space, createRandom(seed))
  if (!result.ok) throw new Error(result.message)
  return result.configuration
}

/** A valid configuration: a sample, with its active integer and float values replaced by arbitrary ones from their ranges. */
const configurationArbitrary = (space: Space): fc.Arbitrary<Configuration> => {
  const overrides: Record<string, fc.Arbitrary<number>> = {}
  for (const parameter of space.parameters) {
    if (parameter.kind === "integer") overrides[parameter.name] = fc.integer({ min: parameter.low, max: parameter.high })
    if (parameter.kind === "float") {
      overrides[parameter.name] = fc
        .double({ min: parameter.low, max: parameter.high, noNaN: true })
        .map((value) => (value === 0 ? 0 : value))
    }
  }
  return fc.tuple(fc.nat(), fc.record(overrides)).map(([seed, values]) => {
    const config: Record<string, Configuration[string]> = { ...sampled(space, seed) }
    for (const [name, value] of Object.entries(values)) if (name in config) config[name] = value
    return config
  })
}

/** Float tolerance of decode(encode(v)): 2^-51 of the range (of its logarithm, relative, for log ranges). */
const withinFloatTolerance = (space: Space, name: string, expected: number, actual: number): boolean => {
  const parameter = space.parameters.find((candidate) => candidate.name === name)
  if (parameter?.kind !== "float") return expected === actual
  if (parameter.scale === "log")
    return Math.abs(actual - expected) <= Math.abs(expected) * 2 ** -51 * Math.log(parameter.high / parameter.low)
  return Math.abs(actual - expected) <= 2 ** -51 * (parameter.high - parameter.low)
}

describe.each(testSpaces.map((space) => [space.name, space] as const))("space %s", (_, space) => {
  it("samples only valid configurations, with exactly the active parameters", () => {
    fc.assert(
      fc.property(fc.nat(), (seed) => {
        expect(validateConfiguration(space, sampled(space, seed))).toEqual([])
      }),
      runs,
    )
  })

  it("decode(encode(x)) == x: exactly, floats within 2^-51 of their range", () => {
    fc.assert(
      fc.property(configurationArbitrary(space), (config) => {
        const vector = encode(space, config)
        if (isFailure(vector)) throw new Error(vector.message)
        expect(vector).toHaveLength(vectorLength(space))
        for (const x of vector) expect(x >= 0 && x <= 1).toBe(true)
        const back = decode(space, vector)
        expect(Object.keys(back).sort()).toEqual(Object.keys(config).sort())
        for (const [name, value] of Object.entries(config)) {
          const decoded = back[name]
          if (typeof value === "number" && typeof decoded === "number") expect(withinFloatTolerance(space, name, value, decoded)).toBe(true)
          else expect(decoded).toBe(value)
        }
        expect(encode(space, back)).toEqual(vector)
      }),
      runs,
    )
  })

  it("decode(encode(x)) == x exactly for every sampled configuration", () => {
    fc.assert(
      fc.property(fc.nat(), (seed) => {
        const config = sampled(space, seed)
        const vector = encode(space, config)
        if (isFailure(vector)) throw new Error(vector.message)
        expect(decode(space, vector)).toEqual(config)
      }),
      runs,
    )
  })

  it("round-trips genomes through configurations and back", () => {
    fc.assert(
      fc.property(fc.nat(), (seed) => {
        const genome = sampleGenome(space, createRandom(seed))
        if (isFailure(genome)) throw new Error(genome.message)
        const config = genomeToConfiguration(space, genome)
        expect(validateConfiguration(space, config)).toEqual([])
        const again = configurationToGenome(space, config)
        if (isFailure(again)) throw new Error(again.message)
        expect(Array.from(again)).toEqual(Array.from(genome))
      }),
      runs,
    )
  })

  it("keeps mutants valid and different from their parent", () => {
    fc.assert(
      fc.property(fc.nat(), fc.integer({ min: 1, max: 3 }), (seed, k) => {
        const parent = sampled(space, seed)
        const child = mutate(space, parent, createRandom(seed + 1), { k })
        if (!child.ok) throw new Error(child.message)
        expect(validateConfiguration(space, child.configuration)).toEqual([])
        expect(canonicalKey(space, child.configuration)).not.toBe(canonicalKey(space, parent))
      }),
      runs,
    )
  })

  it("keeps crossover children valid", () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), (seedA, seedB) => {
        const child = crossover(space, sampled(space, seedA), sampled(space, seedB), createRandom(seedA ^ seedB))
        if (!child.ok) throw new Error(child.message)
        expect(validateConfiguration(space, child.configuration)).toEqual([])
      }),
      runs,
    )
  })

  it("gives the same key whatever the property order", () => {
    fc.assert(
      fc.property(
        fc.nat().chain((seed) => {
          const config = sampled(space, seed)
          return fc.tuple(fc.constant(config), fc.shuffledSubarray(Object.entries(config), { minLength: Object.keys(config).length }))
        }),
        ([config, shuffled]) => {
          expect(canonicalKey(space, Object.fromEntries(shuffled))).toBe(canonicalKey(space, config))
        },
      ),
      runs,
    )
  })

  it("repeats with the same seed and differs with another", () => {
    const first = sampleMany(space, 30, "seed-a")
    expect(sampleMany(space, 30, "seed-a")).toEqual(first)
    expect(sampleMany(space, 30, "seed-b")).not.toEqual(first)
  })
})

describe("conditional parameters", () => {
  it("never appear while inactive (chain block → se → se_ratio)", () => {
    for (const config of sampleMany(chainSpace, 2000, 11)) {
      expect("kernel" in config).toBe(config.block !== "skip")
      expect("expand" in config).toBe(config.block === "mbconv")
      expect("se" in config).toBe(config.block === "mbconv")
      expect("se_ratio" in config).toBe(config.se === true)
    }
  })

  it("encode inactive parameters as zeros and keep the genome NaN there", () => {
    const compiled = compileSpace(chainSpace)
    const config = { block: "skip", act: "relu" }
    const genome = configurationToGenome(chainSpace, config)
    if (isFailure(genome)) throw new Error(genome.message)
    expect(Array.from(genome)).toEqual([2, Number.NaN, Number.NaN, Number.NaN, Number.NaN, 0])
    // block one-hot (3), kernel, expand, se, se_ratio, act one-hot (2)
    expect(compiled.vectorLength).toBe(9)
    expect(Array.from(encode(chainSpace, config) as Float64Array)).toEqual([0, 0, 1, 0, 0, 0, 0, 1, 0])
  })

  it("mutating the parent samples newly active children and drops deactivated ones", () => {
    const rng = createRandom(5)
    let activated = 0
    let dropped = 0
    for (let i = 0; i < 500; i++) {
      const parent = sampled(chainSpace, i)
      const child = mutate(chainSpace, parent, rng, { k: 2 })
      if (!child.ok) throw new Error(child.message)
      if (!("expand" in parent) && "expand" in child.configuration) activated++
      if ("expand" in parent && !("expand" in child.configuration)) dropped++
      expect(validateConfiguration(chainSpace, child.configuration)).toEqual([])
    }
    expect(activated).toBeGreaterThan(0)
    expect(dropped).toBeGreaterThan(0)
  })
})

describe("mutation and crossover on an unconditional space", () => {
  it("mutation changes exactly k parameters", () => {
    fc.assert(
      fc.property(fc.nat(), fc.integer({ min: 1, max: 8 }), (seed, k) => {
        const parent = sampled(mixedSpace, seed)
        const child = mutate(mixedSpace, parent, createRandom(seed), { k })
        if (!child.ok) throw new Error(child.message)
        const changed = Object.keys(parent).filter((name) => parent[name] !== child.configuration[name])
        expect(changed).toHaveLength(k)
        expect(changed).not.toContain("single") // one value: nothing to change
      }),
      runs,
    )
  })

  it("crossover takes every value from one of the parents", () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), (seedA, seedB) => {
        const a = sampled(mixedSpace, seedA)
        const b = sampled(mixedSpace, seedB)
        const child = crossover(mixedSpace, a, b, createRandom(seedA + seedB))
        if (!child.ok) throw new Error(child.message)
        for (const [name, value] of Object.entries(child.configuration)) expect([a[name], b[name]]).toContain(value)
      }),
      runs,
    )
  })

  it("crossover of a joint space keeps each part's structure", () => {
    const child = crossover(jointSpace, sampled(jointSpace, 1), sampled(jointSpace, 2), createRandom(3))
    if (!child.ok) throw new Error(child.message)
    expect(validateConfiguration(jointSpace, child.configuration)).toEqual([])
  })
})
