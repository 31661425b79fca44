import type { Random } from "@cosearch/space"
import { compareRecords } from "../ranking/dominance.js"
import { nonDominatedFronts } from "../ranking/non-dominated-sort.js"
import type { TrialRecord } from "../trial/record.js"

/**
 * A tournament: `size` distinct members drawn uniformly from `population`, and the best of them:
 * by `compareRecords` for one objective, by constraint-domination front for several (the earlier
 * draw on ties).
 *
 * @example
 * const parent = tournament(population, 5, rng, 1)
 */
export const tournament = (population: readonly TrialRecord[], size: number, rng: Random, objectives: number): TrialRecord => {
  const n = population.length
  const k = Math.max(1, Math.min(size, n))
  const picks: number[] = Array.from({ length: n }, (_, i) => i)
  // Partial Fisher–Yates: the first k entries are a uniform draw of k members.
  for (let j = 0; j < k; j++) {
    const swap = j + Math.floor(rng() * (n - j))
    const chosen = picks[swap] as number
    picks[swap] = picks[j] as number
    picks[j] = chosen
  }
  const sampled = picks.slice(0, k).map((i) => population[i] as TrialRecord)
  if (objectives === 1) {
    let best = sampled[0] as TrialRecord
    for (const record of sampled) if (compareRecords(record, best) < 0) best = record
    return best
  }
  const fronts = nonDominatedFronts(sampled)
  let best = 0
  for (let j = 1; j < k; j++) if ((fronts[j] as number) < (fronts[best] as number)) best = j
  return sampled[best] as TrialRecord
}
