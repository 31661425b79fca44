import { dominates } from "../ranking/dominance.js"
import type { TrialRecord } from "../trial/record.js"

/**
 * The reward of each record when it was told: for one objective, the fraction of the feasible
 * records before it that it beats (1 for a new best, and for the first feasible record); for
 * several, 1 when no feasible record before it dominates it. Infeasible and failed records earn 0.
 *
 * @example
 * const rewards = trialRewards(records, 1) // Float64Array, one per record
 */
export const trialRewards = (records: readonly TrialRecord[], objectives: number): Float64Array => {
  const rewards = new Float64Array(records.length)
  const feasible: Float64Array[] = []
  for (const [i, record] of records.entries()) {
    const values = record.objectives
    if (record.status !== "feasible" || values === undefined) continue
    if (feasible.length === 0) rewards[i] = 1
    else if (objectives === 1) {
      let beaten = 0
      for (const other of feasible) if ((values[0] as number) < (other[0] as number)) beaten++
      rewards[i] = beaten / feasible.length
    } else {
      rewards[i] = feasible.some((other) => dominates(other, values)) ? 0 : 1
    }
    feasible.push(values)
  }
  return rewards
}

/**
 * Each member's recent performance: the mean reward of the trials it proposed among the last
 * `window` records, shrunk towards `prior` by one pseudo-trial (so that a member with no recent
 * trials keeps a fair chance).
 *
 * @example
 * memberCredits(records, rewards, ["evolution", "gp-bo"], 30, 0.5) // Float64Array [0.62, 0.71]
 */
export const memberCredits = (
  records: readonly TrialRecord[],
  rewards: Float64Array,
  members: readonly string[],
  window: number,
  prior: number,
): Float64Array => {
  const sum = new Float64Array(members.length).fill(prior)
  const count = new Float64Array(members.length).fill(1)
  for (let i = Math.max(0, records.length - window); i < records.length; i++) {
    const member = members.indexOf((records[i] as TrialRecord).origin)
    if (member < 0) continue
    sum[member] = (sum[member] as number) + (rewards[i] as number)
    count[member] = (count[member] as number) + 1
  }
  return sum.map((total, member) => total / (count[member] as number))
}

/**
 * Shares of the budget from credits: a softmax at `temperature`, mixed with a uniform floor so
 * that every member keeps at least `floor` of the budget.
 *
 * @example
 * budgetShares(Float64Array.of(0.2, 0.8), 0.1, 0.05) // most of the budget to the second member
 */
export const budgetShares = (credits: Float64Array, temperature: number, floor: number): Float64Array => {
  const m = credits.length
  const top = credits.reduce((max, credit) => Math.max(max, credit), Number.NEGATIVE_INFINITY)
  const weights = credits.map((credit) => Math.exp((credit - top) / temperature))
  const total = weights.reduce((sum, weight) => sum + weight, 0)
  const free = Math.max(0, 1 - floor * m)
  return weights.map((weight) => floor + (free * weight) / total)
}
