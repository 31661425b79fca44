/**
 * How fast the search-space operations are: configuration samples, genome samples, encodes
 * (from configurations and from genomes), decodes and mutations per second, on the Edge TPU
 * template's 10 knobs (`edgeTpuKnobs`) and on the joint space of `edgeTpuNetSpace` and those knobs.
 *
 * Flags: `--seconds S` (minimum time per figure, default 0.5). Ends stdout with one JSON line:
 * `{ "bench": "space", "node", "seconds", "results": { "<space>": { "<operation>PerSecond": n } } }`.
 *
 * @example
 * // pnpm -s bench space --seconds 0.2
 */
import { edgeTpuKnobs } from "@cosearch/accelerator"
import { edgeTpuNetSpace } from "@cosearch/network"
import {
  type Configuration,
  createRandom,
  decodeGenome,
  encode,
  encodeGenome,
  isFailure,
  mutate,
  mutateGenome,
  productSpace,
  type Space,
  sample,
  sampleGenome,
  vectorLength,
} from "@cosearch/space"

// The built-in spaces the issue measures: the Edge TPU template's ten knobs and the joint space of
// an EfficientNet-EdgeTPU-like network (six stages, 42 parameters with conditional groups) and it.
const acceleratorSpace: Space = edgeTpuKnobs
const jointSpace: Space = productSpace({ nn: edgeTpuNetSpace, hw: edgeTpuKnobs }, { name: "edgetpu-joint" })

const parseSeconds = (args: readonly string[]): number => {
  let seconds = 0.5
  for (let i = 0; i < args.length; i += 2) {
    const value = Number(args[i + 1])
    if (args[i] === "--seconds" && value > 0) seconds = value
    else throw new Error(`unknown flag or bad value at "${args.slice(i, i + 2).join(" ")}"; flags: --seconds S (> 0)`)
  }
  return seconds
}

/** Calls `step` in batches until `seconds` have passed (after a short warm-up); returns calls per second. */
const rate = (seconds: number, step: (i: number) => void): number => {
  const batch = 4096
  for (let i = 0; i < 50_000; i++) step(i)
  const start = process.hrtime.bigint()
  let calls = 0
  let elapsed = 0
  while (elapsed < seconds) {
    for (let i = 0; i < batch; i++) step(calls + i)
    calls += batch
    elapsed = Number(process.hrtime.bigint() - start) / 1e9
  }
  return Math.round(calls / elapsed)
}

const measureSpace = (space: Space, seconds: number): Record<string, number> => {
  const rng = createRandom(`bench-${space.name}`)
  const size = space.parameters.length
  const pool = 1024
  const configurations: Configuration[] = []
  const genomes: Float64Array[] = []
  for (let i = 0; i < pool; i++) {
    const drawn = sample(space, rng)
    if (!drawn.ok) throw new Error(drawn.message)
    configurations.push(drawn.configuration)
    const genome = sampleGenome(space, rng, new Float64Array(size))
    if (isFailure(genome)) throw new Error(genome.message)
    genomes.push(genome)
  }
  const genome = new Float64Array(size)
  const vector = new Float64Array(vectorLength(space))
  const mutant = new Float64Array(size)
  const vectors = genomes.map((g) => encodeGenome(space, g))
  let sink = 0
  const figures: Record<string, number> = {
    samplesPerSecond: rate(seconds, () => {
      const drawn = sample(space, rng)
      if (drawn.ok) sink++
    }),
    genomeSamplesPerSecond: rate(seconds, () => {
      sampleGenome(space, rng, genome)
    }),
    encodesPerSecond: rate(seconds, (i) => {
      encode(space, configurations[i & (pool - 1)] as Configuration, vector)
    }),
    genomeEncodesPerSecond: rate(seconds, (i) => {
      encodeGenome(space, genomes[i & (pool - 1)] as Float64Array, vector)
    }),
    genomeDecodesPerSecond: rate(seconds, (i) => {
      decodeGenome(space, vectors[i & (pool - 1)] as Float64Array, genome)
    }),
    mutationsPerSecond: rate(seconds, (i) => {
      const result = mutate(space, configurations[i & (pool - 1)] as Configuration, rng)
      if (result.ok) sink++
    }),
    genomeMutationsPerSecond: rate(seconds, (i) => {
      mutateGenome(space, genomes[i & (pool - 1)] as Float64Array, rng, { k: 1 }, mutant)
    }),
  }
  if (sink < 0) console.log(sink)
  return figures
}

const format = (n: number): string => n.toLocaleString("en-US")

/**
 * Runs the space bench (see the file comment for flags and output).
 *
 * @example
 * await main(["--seconds", "0.2"])
 */
export const main = (args: string[]): void => {
  const seconds = parseSeconds(args)
  const results: Record<string, Record<string, number>> = {}
  for (const space of [acceleratorSpace, jointSpace]) {
    console.log(`space "${space.name}": ${space.parameters.length} parameters, vector length ${vectorLength(space)}`)
    const figures = measureSpace(space, seconds)
    for (const [name, value] of Object.entries(figures)) console.log(`  ${name.padEnd(24)} ${format(value).padStart(12)}`)
    results[space.name] = figures
  }
  console.log(JSON.stringify({ bench: "space", node: process.version, seconds, results }))
}
