import { crossoverGenomes, isFailure, mutateGenome, type Space } from "@cosearch/space"
import { type CommonSettings, createOptimizer, type Optimizer } from "../optimizer/optimizer.js"
import { DEFAULT_NOVELTY_TRIES, sampleNovel } from "../strategy/novel.js"
import type { Proposal, ProposalContext, Strategy } from "../strategy/strategy.js"
import { rankedSeeds, type WarmStart } from "../transfer/warm-start.js"
import type { TrialRecord } from "../trial/record.js"
import { binaryTournament, type RankedPopulation, rankPopulation, selectSurvivors } from "./selection.js"

/**
 * Settings of NSGA-II.
 *
 * @example
 * const settings: Nsga2Settings = { population: 40, directions: ["minimize", "minimize"] }
 */
export interface Nsga2Settings extends CommonSettings {
  /** Members of a generation, and trials per generation (default 40). */
  readonly population?: number
  /** Probability that a child is a crossover of two parents rather than a copy of one (default 0.9). */
  readonly crossoverProbability?: number
  /** Probability that each parameter of a child mutates (default 1 / number of parameters). */
  readonly mutationRate?: number
  /** Float step of a mutation in the normalized coordinate (default 0.1). */
  readonly sigma?: number
  /** A previous study whose best configurations form the first generation. */
  readonly warmStart?: WarmStart
}

interface Generations {
  consumed: number
  ranked: RankedPopulation | undefined
}

/**
 * NSGA-II (Deb et al. 2002, "A fast and elitist multiobjective genetic algorithm: NSGA-II").
 * Trials are read as generations of `population` in history order: the first is random (or a warm
 * start's best), and once generation g is told the parents are the best `population` of the
 * previous parents and generation g by non-dominated sorting under constraint-domination, with
 * crowding distance cutting the last front. Children come from binary tournaments (front, then
 * crowding), uniform crossover and per-parameter mutation (`crossover` and `mutate` of the space).
 *
 * @example
 * const strategy = nsga2Strategy(space, { population: 40 })
 */
export const nsga2Strategy = (space: Space, settings: Nsga2Settings = {}): Strategy => {
  const size = Math.max(2, settings.population ?? 40)
  const crossoverProbability = settings.crossoverProbability ?? 0.9
  const mutationRate = settings.mutationRate ?? 1 / Math.max(1, space.parameters.length)
  const sigma = settings.sigma ?? 0.1
  const seeds = rankedSeeds(space, settings.directions ?? ["minimize"], settings.warmStart, size)
  // Derived from the records alone (they only grow), so a rebuilt optimizer reaches the same state.
  const cache = new WeakMap<readonly TrialRecord[], Generations>()

  const advance = (records: readonly TrialRecord[]): RankedPopulation | undefined => {
    let state = cache.get(records)
    if (state === undefined) {
      state = { consumed: 0, ranked: undefined }
      cache.set(records, state)
    }
    while (records.length >= state.consumed + size) {
      const generation = Array.from({ length: size }, (_, j) => state.consumed + j)
      const members = state.ranked === undefined ? generation : selectSurvivors(records, [...state.ranked.members, ...generation], size)
      state.ranked = rankPopulation(records, members)
      state.consumed += size
    }
    return state.ranked
  }

  const child = (context: ProposalContext, ranked: RankedPopulation): Float64Array => {
    const { records, rng } = context
    for (let attempt = 0; attempt < DEFAULT_NOVELTY_TRIES; attempt++) {
      const first = records[binaryTournament(ranked, rng)] as TrialRecord
      // A parent with no information (failed, or infeasible without constraint values) is replaced by a random point.
      if (first.violation >= Number.MAX_VALUE) return sampleNovel(context)
      const a = first.genome
      const b = (records[binaryTournament(ranked, rng)] as TrialRecord).genome
      let genome: Float64Array = a.slice()
      if (rng() < crossoverProbability) {
        const crossed = crossoverGenomes(space, a, b, rng)
        if (!isFailure(crossed)) genome = crossed
      }
      let k = 0
      for (let j = 0; j < genome.length; j++) if (rng() < mutationRate) k++
      // A retry always mutates: the unmutated child was a repeat.
      if (attempt > 0) k = Math.max(k, 1)
      if (k > 0) {
        const mutant = mutateGenome(space, genome, rng, { k, sigma })
        if (!isFailure(mutant)) genome = mutant
      }
      if (context.claim(genome)) return genome
    }
    return sampleNovel(context)
  }

  return {
    name: "nsga2",
    propose: (n, context) => {
      const ranked = advance(context.records)
      const proposals: Proposal[] = []
      for (let k = 0; k < n; k++) {
        if (ranked === undefined) {
          const seed = seeds[context.index + k]
          proposals.push({ genome: seed !== undefined && context.claim(seed) ? seed.slice() : sampleNovel(context) })
        } else {
          proposals.push({ genome: child(context, ranked) })
        }
      }
      return proposals
    },
  }
}

/**
 * An NSGA-II optimizer (see `nsga2Strategy`).
 *
 * @example
 * const optimizer = createNsga2(space, { directions: ["maximize", "minimize"], population: 40, seed: 1 })
 */
export const createNsga2 = (space: Space, settings: Nsga2Settings = {}): Optimizer =>
  createOptimizer(space, nsga2Strategy(space, settings), settings)
