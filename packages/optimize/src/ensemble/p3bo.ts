import type { Space } from "@cosearch/space"
import { gpBoStrategy, surrogateSettingsOf } from "../bayes/gp-bo.js"
import { createHyperparameterChain } from "../bayes/hyperparameter-chain.js"
import { agingEvolutionStrategy } from "../evolution/aging-evolution.js"
import { type CommonSettings, createOptimizer, type Optimizer } from "../optimizer/optimizer.js"
import type { Proposal, Strategy } from "../strategy/strategy.js"
import type { WarmStart } from "../transfer/warm-start.js"
import { budgetShares, memberCredits, trialRewards } from "./credit.js"

/**
 * Settings of the P3BO ensemble.
 *
 * @example
 * const settings: P3boSettings = { directions: ["maximize"], window: 30, temperature: 0.1 }
 */
export interface P3boSettings extends CommonSettings {
  /** The member strategies, with distinct names (default: aging evolution, GP-BO with EI, GP-BO with UCB). */
  readonly members?: readonly Strategy[]
  /** Recent trials a member's credit is computed over (default 30). */
  readonly window?: number
  /** Softmax temperature over credits in [0, 1] (default 0.1). */
  readonly temperature?: number
  /** Smallest share of the budget any member keeps (default 0.1). */
  readonly floor?: number
  /** Passed on to the default members. */
  readonly warmStart?: WarmStart
}

/**
 * The default members of a P3BO ensemble: regularized evolution (population 20, tournaments of
 * 5) and GP-BO with expected improvement and with UCB.
 *
 * @example
 * const members = defaultP3boMembers(space, { directions: ["maximize"] })
 */
export const defaultP3boMembers = (space: Space, settings: P3boSettings = {}): Strategy[] => {
  // Both GP members fit the same hyperparameters: one chain serves them.
  const chain = createHyperparameterChain(space, surrogateSettingsOf(settings))
  return [
    agingEvolutionStrategy(space, settings),
    gpBoStrategy(space, { ...settings, acquisition: "ei" }, chain),
    gpBoStrategy(space, { ...settings, acquisition: "ucb" }, chain),
  ]
}

/**
 * P3BO, population-based black-box optimization (Angermueller et al. 2020, as used by Apollo,
 * Zhang et al. 2021): an ensemble of optimizers sharing one budget. Every member sees every trial;
 * each proposal is drawn from a member with probability given by a softmax of the members'
 * recent credits (the mean reward of their trials among the last `window`, see `trialRewards`),
 * with a floor so that no member starves. Proposals carry their member's name as origin, which
 * is how a rebuilt ensemble recovers the credits from the history.
 *
 * @example
 * const strategy = p3boStrategy(space, { directions: ["maximize"] })
 */
export const p3boStrategy = (space: Space, settings: P3boSettings = {}): Strategy => {
  const members = settings.members ?? defaultP3boMembers(space, settings)
  const names = members.map((member) => member.name)
  if (members.length === 0) throw new RangeError("P3BO needs at least one member")
  if (new Set(names).size !== names.length) throw new RangeError(`P3BO members need distinct names, got ${names.join(", ")}`)
  const window = settings.window ?? 30
  const temperature = settings.temperature ?? 0.1
  const floor = Math.min(settings.floor ?? 0.1, 1 / members.length)
  return {
    name: "p3bo",
    propose: (n, context) => {
      const rewards = trialRewards(context.records, context.directions.length)
      const shares = budgetShares(memberCredits(context.records, rewards, names, window, 0.5), temperature, floor)
      const counts = new Array<number>(members.length).fill(0)
      for (let k = 0; k < n; k++) {
        let u = context.rng()
        let member = 0
        while (member < members.length - 1 && u >= (shares[member] as number)) u -= shares[member++] as number
        counts[member] = (counts[member] as number) + 1
      }
      const proposals: Proposal[] = []
      members.forEach((member, m) => {
        const count = counts[m] as number
        if (count === 0) return
        const memberContext = { ...context, rng: context.derive(member.name) }
        for (const proposal of member.propose(count, memberContext)) proposals.push({ genome: proposal.genome, origin: member.name })
      })
      return proposals
    },
  }
}

/**
 * A P3BO optimizer (see `p3boStrategy`).
 *
 * @example
 * const optimizer = createP3bo(nb201Space, { directions: ["maximize"], seed: 0 })
 */
export const createP3bo = (space: Space, settings: P3boSettings = {}): Optimizer =>
  createOptimizer(space, p3boStrategy(space, settings), settings)
