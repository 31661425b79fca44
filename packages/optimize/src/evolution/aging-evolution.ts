import type { Space } from "@cosearch/space"
import { mutateNovel, sampleNovel } from "../optimizer/novel.js"
import { type CommonSettings, createOptimizer, type Optimizer } from "../optimizer/optimizer.js"
import type { Proposal, Strategy } from "../optimizer/strategy.js"
import { rankedSeeds, type WarmStart } from "../transfer/warm-start.js"
import { tournament } from "./tournament.js"

/**
 * Settings of regularised (aging) evolution.
 *
 * @example
 * const settings: AgingEvolutionSettings = { population: 20, sampleSize: 5, directions: ["maximize"] }
 */
export interface AgingEvolutionSettings extends CommonSettings {
  /** Members of the population: the most recent trials (default 20). */
  readonly population?: number
  /** Members drawn for each tournament (default 5). */
  readonly sampleSize?: number
  /** Parameters each mutation changes (default 1). */
  readonly mutations?: number
  /** Float step of a mutation in the normalised coordinate (default 0.1). */
  readonly sigma?: number
  /** A previous study whose best configurations form the first population. */
  readonly warmStart?: WarmStart
}

/**
 * Regularised evolution (Real et al. 2019, "Regularized evolution for image classifier
 * architecture search"): the population is the `population` most recent trials; each child is a
 * mutation of the winner of a tournament of `sampleSize` members; the oldest member dies. The
 * first `population` trials are random samples, or a warm start's best configurations.
 * Infeasible and failed trials stay in the population and lose tournaments to feasible ones
 * (constraint-domination), so they age out like any other; when a tournament is won by a trial
 * that carries no information (failed, or infeasible without constraint values) the child is a
 * random sample.
 *
 * @example
 * const strategy = agingEvolutionStrategy(space, { population: 20, sampleSize: 5 })
 */
export const agingEvolutionStrategy = (space: Space, settings: AgingEvolutionSettings = {}): Strategy => {
  const population = Math.max(1, settings.population ?? 20)
  const sampleSize = Math.max(1, settings.sampleSize ?? 5)
  const options = { k: settings.mutations ?? 1, sigma: settings.sigma ?? 0.1 }
  const seeds = rankedSeeds(space, settings.directions ?? ["minimize"], settings.warmStart, population)
  return {
    name: "evolution",
    propose: (n, context) => {
      const { records, directions } = context
      const proposals: Proposal[] = []
      for (let k = 0; k < n; k++) {
        const trial = context.index + k
        if (trial < population || records.length < population) {
          const seed = seeds[trial]
          proposals.push({ genome: seed !== undefined && context.claim(seed) ? seed.slice() : sampleNovel(context) })
          continue
        }
        const parent = tournament(records.slice(records.length - population), sampleSize, context.rng, directions.length)
        // A winner that carries no information (failed, or infeasible with no constraint values) is no
        // better a parent than a random point: sample instead, which finds a feasible region faster.
        proposals.push({
          genome: parent.violation >= Number.MAX_VALUE ? sampleNovel(context) : mutateNovel(context, parent.genome, options),
        })
      }
      return proposals
    },
  }
}

/**
 * A regularised-evolution optimizer (see `agingEvolutionStrategy`).
 *
 * @example
 * const optimizer = createAgingEvolution(nb201Space, { directions: ["maximize"], population: 20, sampleSize: 5, seed: 0 })
 */
export const createAgingEvolution = (space: Space, settings: AgingEvolutionSettings = {}): Optimizer =>
  createOptimizer(space, agingEvolutionStrategy(space, settings), settings)
