import type { Random } from "@cosearch/space"
import { crowdingDistances, nonDominatedFronts } from "../ranking/non-dominated-sort.js"
import type { TrialRecord } from "../trial/record.js"

/**
 * A population ranked for NSGA-II: its members (record positions), their fronts and crowding
 * distances.
 *
 * @example
 * const ranked = rankPopulation(records, [0, 1, 2, 3])
 * ranked.front[0] // the front of member 0
 */
export interface RankedPopulation {
  readonly members: readonly number[]
  readonly front: Int32Array
  readonly crowding: Float64Array
}

/**
 * Fronts (constraint-domination) and crowding distances within each front.
 *
 * @example
 * rankPopulation(records, members).crowding
 */
export const rankPopulation = (records: readonly TrialRecord[], members: readonly number[]): RankedPopulation => {
  const pool = members.map((i) => records[i] as TrialRecord)
  const front = nonDominatedFronts(pool)
  const crowding = new Float64Array(pool.length)
  const depth = front.reduce((max, f) => Math.max(max, f + 1), 0)
  for (let f = 0; f < depth; f++) {
    const positions: number[] = []
    for (let j = 0; j < pool.length; j++) if (front[j] === f) positions.push(j)
    const distances = crowdingDistances(positions.map((j) => pool[j] as TrialRecord))
    positions.forEach((j, k) => {
      crowding[j] = distances[k] as number
    })
  }
  return { members, front, crowding }
}

/**
 * NSGA-II's environmental selection: the best `size` of the candidates, whole fronts first, the
 * last front cut by crowding distance (larger first; the earlier trial on ties).
 *
 * @example
 * const next = selectSurvivors(records, [...population, ...offspring], 40)
 */
export const selectSurvivors = (records: readonly TrialRecord[], candidates: readonly number[], size: number): number[] => {
  const ranked = rankPopulation(records, candidates)
  const order = candidates
    .map((_, j) => j)
    .sort(
      (a, b) =>
        (ranked.front[a] as number) - (ranked.front[b] as number) ||
        (ranked.crowding[b] as number) - (ranked.crowding[a] as number) ||
        (candidates[a] as number) - (candidates[b] as number),
    )
  return order.slice(0, size).map((j) => candidates[j] as number)
}

/**
 * A binary tournament on a ranked population: the lower front wins, then the larger crowding
 * distance. Returns the record position of the winner.
 *
 * @example
 * const parent = records[binaryTournament(ranked, rng)]
 */
export const binaryTournament = (ranked: RankedPopulation, rng: Random): number => {
  const n = ranked.members.length
  const a = Math.floor(rng() * n)
  const b = Math.floor(rng() * n)
  const frontA = ranked.front[a] as number
  const frontB = ranked.front[b] as number
  const winner = frontA !== frontB ? (frontA < frontB ? a : b) : (ranked.crowding[a] as number) >= (ranked.crowding[b] as number) ? a : b
  return ranked.members[winner] as number
}
