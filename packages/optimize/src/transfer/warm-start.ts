import type { Space } from "@cosearch/space"
import { compareRecords } from "../ranking/dominance.js"
import { crowdingDistances, nonDominatedFronts } from "../ranking/non-dominated-sort.js"
import { type TrialRecord, toRecord } from "../trial/record.js"
import type { Direction, Trial } from "../trial/trial.js"

/**
 * Trials of a previous study on the same space (another constraint budget, another workload) to
 * start from. The evolutions seed their first population with its best configurations; GP-BO
 * fits a prior on them and models the new study's residuals; P3BO passes it to its members.
 * Random search ignores it. Part of the settings, so a warm-started study stays resumable.
 *
 * @example
 * const optimizer = createGpBo(space, { directions: ["minimize"], warmStart: { trials: previous.history } })
 */
export interface WarmStart {
  readonly trials: readonly Trial[]
  /** The previous study's directions, when they differ from the new one's in name only (default: the new ones). */
  readonly directions?: readonly Direction[]
  /**
   * Mutants the old trials' models screen for each child of a warm-started evolution (default
   * 16; 1 turns screening off): see `screenedMutant`.
   */
  readonly screen?: number
}

/**
 * The previous study's trials as records, normalized with the given directions.
 *
 * @example
 * const old = warmStartRecords(space, ["minimize"], warmStart)
 */
export const warmStartRecords = (space: Space, directions: readonly Direction[], warmStart: WarmStart): TrialRecord[] =>
  warmStart.trials.map((trial, index) => toRecord(space, warmStart.directions ?? directions, trial, index))

/**
 * The distinct genomes of a warm start, best first: by objective (single objective) or by
 * constraint-domination front and then crowding distance (several), feasible before infeasible
 * before failed.
 *
 * @example
 * const seeds = rankedSeeds(space, ["maximize"], warmStart, 20) // the old top 20
 */
export const rankedSeeds = (
  space: Space,
  directions: readonly Direction[],
  warmStart: WarmStart | undefined,
  count: number,
): Float64Array[] => {
  if (warmStart === undefined || count <= 0) return []
  const records = warmStartRecords(space, directions, warmStart)
  let order: number[]
  if (directions.length === 1) {
    order = records.map((_, i) => i).sort((a, b) => compareRecords(records[a] as TrialRecord, records[b] as TrialRecord) || a - b)
  } else {
    const fronts = nonDominatedFronts(records)
    const crowding = new Float64Array(records.length)
    const depth = fronts.reduce((max, front) => Math.max(max, front + 1), 0)
    for (let front = 0; front < depth; front++) {
      const members = records.map((_, i) => i).filter((i) => fronts[i] === front)
      const distances = crowdingDistances(members.map((i) => records[i] as TrialRecord))
      members.forEach((i, k) => {
        crowding[i] = distances[k] as number
      })
    }
    order = records
      .map((_, i) => i)
      .sort((a, b) => (fronts[a] as number) - (fronts[b] as number) || (crowding[b] as number) - (crowding[a] as number) || a - b)
  }
  const seen = new Set<string>()
  const seeds: Float64Array[] = []
  for (const i of order) {
    const record = records[i] as TrialRecord
    if (record.status === "failed" || seen.has(record.key)) continue
    seen.add(record.key)
    seeds.push(record.genome)
    if (seeds.length === count) break
  }
  return seeds
}
