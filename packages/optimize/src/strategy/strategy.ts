import type { Random, Space } from "@cosearch/space"
import type { TrialRecord } from "../trial/record.js"
import type { Direction } from "../trial/trial.js"

/**
 * A genome an optimizer proposes, and which optimizer (or ensemble member) proposed it.
 *
 * @example
 * const proposal: Proposal = { genome, origin: "evolution" }
 */
export interface Proposal {
  readonly genome: Float64Array
  readonly origin?: string
}

/**
 * What a strategy sees when asked: the space, the told trials in order, a generator seeded from
 * the optimizer's seed and the trial number, and a registry of configurations already taken.
 *
 * @example
 * const genome = sampleGenome(context.space, context.rng)
 * if (!isFailure(genome) && context.claim(genome)) proposals.push({ genome: genome.slice() })
 */
export interface ProposalContext {
  readonly space: Space
  readonly directions: readonly Direction[]
  /** The told trials, in order. Only ever grows, so strategies may cache what they derive by its length. */
  readonly records: readonly TrialRecord[]
  /** The trial number of the first proposal of this ask. */
  readonly index: number
  /** Seeded by (seed, index): what an uninterrupted and a resumed study draw are the same. */
  readonly rng: Random
  /** Another generator of this ask, independent of `rng`, for an ensemble member. */
  readonly derive: (label: string) => Random
  /** Whether a genome was evaluated, is pending or was already proposed in this ask. */
  readonly isTaken: (genome: Float64Array) => boolean
  /** Takes a genome for this ask: false when it was evaluated, is pending or was already proposed, unless forced. */
  readonly claim: (genome: Float64Array, force?: boolean) => boolean
}

/**
 * An optimizer's decision rule: given the history, propose `n` genomes. A strategy keeps no state
 * that the history does not determine, which is what makes studies resumable.
 *
 * @example
 * const strategy: Strategy = { name: "random", propose: (n, context) => drawRandom(n, context) }
 */
export interface Strategy {
  readonly name: string
  readonly propose: (n: number, context: ProposalContext) => readonly Proposal[]
}
