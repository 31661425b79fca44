import type { Space } from "@cosearch/space"
import {
  DEFAULT_SCREEN,
  fitTransferModels,
  screenedMutant,
  screenIncumbent,
  TRANSFER_UPDATE_STEP,
  type TransferModels,
  updateTransferModels,
} from "../bayes/transfer-screen.js"
import { type CommonSettings, createOptimizer, type Optimizer } from "../optimizer/optimizer.js"
import { mutateNovel, sampleNovel } from "../strategy/novel.js"
import type { Proposal, Strategy } from "../strategy/strategy.js"
import { rankedSeeds, type WarmStart } from "../transfer/warm-start.js"
import type { TrialRecord } from "../trial/record.js"
import { tournament } from "./tournament.js"

/**
 * Settings of regularized (aging) evolution.
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
  /** Float step of a mutation in the normalized coordinate (default 0.1). */
  readonly sigma?: number
  /**
   * A previous study whose best configurations form the first population and whose models screen
   * each child (see `screenedMutant`; `warmStart.screen: 1` turns screening off).
   */
  readonly warmStart?: WarmStart
}

/**
 * Regularized evolution (Real et al. 2019, "Regularized evolution for image classifier
 * architecture search"): the population is the `population` most recent trials; each child is a
 * mutation of the winner of a tournament of `sampleSize` members; the oldest member dies. The
 * first `population` trials are random samples, or a warm start's best configurations.
 * Infeasible and failed trials stay in the population and lose tournaments to feasible ones
 * (constraint-domination), so they age out like any other; when a tournament is won by a trial
 * that carries no information (failed, or infeasible without constraint values) the child is a
 * random sample. Warm-started, each child is the best of `warmStart.screen` untaken mutants of
 * the winner by GPs fitted on the old trials and corrected by the new ones every
 * `TRANSFER_UPDATE_STEP` trials (expected improvement times probability of feasibility).
 *
 * @example
 * const strategy = agingEvolutionStrategy(space, { population: 20, sampleSize: 5 })
 */
export const agingEvolutionStrategy = (space: Space, settings: AgingEvolutionSettings = {}): Strategy => {
  const population = Math.max(1, settings.population ?? 20)
  const sampleSize = Math.max(1, settings.sampleSize ?? 5)
  const options = { k: settings.mutations ?? 1, sigma: settings.sigma ?? 0.1 }
  const studyDirections = settings.directions ?? ["minimize"]
  const seeds = rankedSeeds(space, studyDirections, settings.warmStart, population)
  const warm = settings.warmStart
  const screen = warm === undefined ? 1 : Math.max(1, warm.screen ?? DEFAULT_SCREEN)
  // The warm start's models, fitted once on first use (they depend on the settings alone).
  let prior: TransferModels | undefined
  // The models corrected by the new trials, and how many trials they have seen: a function of the history.
  let current: { models: TransferModels; count: number } | undefined
  const modelsAt = (warmStart: WarmStart, records: readonly TrialRecord[]): TransferModels => {
    prior ??= fitTransferModels(space, studyDirections, warmStart)
    const count = Math.floor(records.length / TRANSFER_UPDATE_STEP) * TRANSFER_UPDATE_STEP
    if (current?.count !== count) current = { models: updateTransferModels(space, prior, records, count), count }
    return current.models
  }
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
        if (parent.violation >= Number.MAX_VALUE) proposals.push({ genome: sampleNovel(context) })
        else if (warm === undefined || screen <= 1) proposals.push({ genome: mutateNovel(context, parent.genome, options) })
        else {
          const models = modelsAt(warm, records)
          const incumbent = screenIncumbent(models, records)
          proposals.push({ genome: screenedMutant(context, models, incumbent, parent.genome, screen, options) })
        }
      }
      return proposals
    },
  }
}

/**
 * A regularized-evolution optimizer (see `agingEvolutionStrategy`).
 *
 * @example
 * const optimizer = createAgingEvolution(nb201Space, { directions: ["maximize"], population: 20, sampleSize: 5, seed: 0 })
 */
export const createAgingEvolution = (space: Space, settings: AgingEvolutionSettings = {}): Optimizer =>
  createOptimizer(space, agingEvolutionStrategy(space, settings), settings)
