import { compileSpace } from "../compile/compiled-space.js"
import { genomeToConfigurationOf } from "../compile/gene.js"
import { type ConstraintsExhausted, isFailure } from "../outcome/failure.js"
import { createRandom, type Random } from "../random/random.js"
import type { Space } from "../space/space.js"
import type { Configuration } from "../value/value.js"
import { DEFAULT_SAMPLE_TRIES, type SampleOptions, sampleGenomeOf } from "./sample-genome.js"

/**
 * The outcome of `sample`: a configuration, or the constraints that rejected every draw.
 *
 * @example
 * const result: Sampled = sample(space, rng)
 * if (result.ok) evaluate(result.configuration)
 */
export type Sampled = { readonly ok: true; readonly configuration: Configuration } | ConstraintsExhausted

/**
 * Samples one configuration uniformly over the valid configurations: in a conditional finite
 * space a parent value is drawn with probability proportional to the number of
 * sub-configurations it activates, so every full configuration is equally likely. Float ranges
 * are drawn uniformly in their coordinate (log-uniform for log ranges) and weigh as one choice.
 * Constraints are applied by rejection, up to `maxTries` draws (default 10,000).
 *
 * @example
 * const result = sample(space, createRandom(7))
 * if (!result.ok) console.error(result.message) // names the constraints that rejected most draws
 */
export const sample = (space: Space, rng: Random, options: SampleOptions = {}): Sampled => {
  const compiled = compileSpace(space)
  const genome = sampleGenomeOf(compiled, rng, compiled.scratch, options.maxTries ?? DEFAULT_SAMPLE_TRIES)
  if (isFailure(genome)) return genome
  return { ok: true, configuration: genomeToConfigurationOf(compiled, genome) }
}

/**
 * Thrown by `sampleMany` when constraints leave no room to sample.
 *
 * @example
 * try { sampleMany(space, 10, 1) } catch (error) { if (error instanceof SamplingError) console.error(error.failure.rejections) }
 */
export class SamplingError extends Error {
  override readonly name = "SamplingError"
  constructor(readonly failure: ConstraintsExhausted) {
    super(failure.message)
  }
}

/**
 * `n` configurations from a seed: a convenience for the edges (scripts, CLI, tests).
 *
 * @throws SamplingError when the constraints rejected `maxTries` draws in a row.
 * @example
 * const initial = sampleMany(space, 32, "run-1") // the same 32 configurations on every run
 */
export const sampleMany = (space: Space, n: number, seed: string | number, options: SampleOptions = {}): Configuration[] => {
  const rng = createRandom(seed)
  const configurations: Configuration[] = []
  for (let draw = 0; draw < n; draw++) {
    const result = sample(space, rng, options)
    if (!result.ok) throw new SamplingError(result)
    configurations.push(result.configuration)
  }
  return configurations
}
