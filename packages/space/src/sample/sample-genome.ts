import { type CompiledSpace, compileSpace } from "../compile/compiled-space.js"
import { type ConstraintsExhausted, constraintsExhausted } from "../outcome/failure.js"
import type { Random } from "../random/random.js"
import type { Space } from "../space/space.js"
import { drawGenome } from "./draw-gene.js"
import { passesConstraints, tallyRejections } from "./feasibility.js"

/**
 * Options of the sampling operations.
 *
 * @example
 * const options: SampleOptions = { maxTries: 1000 }
 */
export interface SampleOptions {
  /** Draws before giving up when constraints reject them (default 10,000). */
  readonly maxTries?: number
}

/**
 * The default bound on draws rejected by constraints.
 *
 * @example
 * sampleGenome(space, rng, buffer, { maxTries: DEFAULT_SAMPLE_TRIES })
 */
export const DEFAULT_SAMPLE_TRIES = 10_000

/**
 * Samples into `out` by rejection: structure first, then constraints, up to `maxTries` draws.
 * Allocates nothing unless the first draw is rejected.
 *
 * @example
 * const genome = sampleGenomeOf(compileSpace(space), rng, buffer, 10_000)
 */
export const sampleGenomeOf = (
  compiled: CompiledSpace,
  rng: Random,
  out: Float64Array,
  maxTries: number,
): Float64Array | ConstraintsExhausted => {
  drawGenome(compiled, rng, out)
  if (compiled.constraintChecks.length === 0 || passesConstraints(compiled, out)) return out
  const counts = new Float64Array(compiled.constraintChecks.length)
  tallyRejections(compiled, out, counts)
  for (let tries = 1; tries < maxTries; tries++) {
    drawGenome(compiled, rng, out)
    if (passesConstraints(compiled, out)) return out
    tallyRejections(compiled, out, counts)
  }
  return constraintsExhausted("sample", compiled.space.name, Math.max(1, maxTries), compiled.constraintNames, counts)
}

/**
 * Samples a genome uniformly over the valid configurations (see `sample`), writing into `out`
 * when given: the allocation-free hot path. Returns the genome, or the failure when the
 * constraints rejected `maxTries` draws.
 *
 * @example
 * const buffer = new Float64Array(space.parameters.length)
 * const genome = sampleGenome(space, createRandom(1), buffer)
 * if (isFailure(genome)) throw new Error(genome.message)
 */
export const sampleGenome = (
  space: Space,
  rng: Random,
  out?: Float64Array,
  options: SampleOptions = {},
): Float64Array | ConstraintsExhausted => {
  const compiled = compileSpace(space)
  return sampleGenomeOf(compiled, rng, out ?? new Float64Array(compiled.size), options.maxTries ?? DEFAULT_SAMPLE_TRIES)
}
