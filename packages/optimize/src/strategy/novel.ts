import { isFailure, type MutateOptions, mutateGenome, SamplingError, sampleGenome } from "@cosearch/space"
import type { ProposalContext } from "./strategy.js"

/**
 * The default number of draws spent looking for a configuration not evaluated yet before a repeat
 * is accepted.
 *
 * @example
 * sampleNovel(context, DEFAULT_NOVELTY_TRIES)
 */
export const DEFAULT_NOVELTY_TRIES = 64

/**
 * A uniform sample not taken yet (see `ProposalContext.claim`), claimed; a repeat when `tries`
 * draws found none new (a nearly exhausted space).
 *
 * @throws SamplingError when the space's own constraints reject every draw.
 * @example
 * proposals.push({ genome: sampleNovel(context) })
 */
export const sampleNovel = (context: ProposalContext, tries = DEFAULT_NOVELTY_TRIES): Float64Array => {
  let last: Float64Array | undefined
  for (let attempt = 0; attempt < tries; attempt++) {
    const drawn = sampleGenome(context.space, context.rng)
    if (isFailure(drawn)) throw new SamplingError(drawn)
    last = drawn
    if (context.claim(drawn)) return drawn
  }
  const repeat = last ?? sampleNovel(context, 1)
  context.claim(repeat, true)
  return repeat
}

/**
 * A mutant of `parent` not taken yet, claimed; a fresh sample when `tries` mutants were all taken
 * (or the constraints rejected the mutations).
 *
 * @example
 * proposals.push({ genome: mutateNovel(context, winner.genome, { k: 1 }) })
 */
export const mutateNovel = (
  context: ProposalContext,
  parent: Float64Array,
  options: MutateOptions = {},
  tries = DEFAULT_NOVELTY_TRIES,
): Float64Array => {
  for (let attempt = 0; attempt < tries; attempt++) {
    const mutant = mutateGenome(context.space, parent, context.rng, options)
    if (isFailure(mutant)) break
    if (context.claim(mutant)) return mutant
  }
  return sampleNovel(context)
}
