import type { Space } from "@cosearch/space"
import { toRecord } from "../trial/record.js"
import type { Direction, Trial } from "../trial/trial.js"
import { dominates } from "./dominance.js"

/**
 * The best feasible trial of a single-objective history (the first of equals), or undefined when
 * no trial is feasible.
 *
 * @example
 * bestTrial(nb201Space, ["maximize"], optimizer.history)?.outcome
 */
export const bestTrial = (space: Space, directions: readonly Direction[], history: readonly Trial[]): Trial | undefined => {
  let best: Trial | undefined
  let bestValue = Infinity
  history.forEach((trial, index) => {
    const record = toRecord(space, directions, trial, index)
    const value = record.objectives?.[0]
    if (record.status === "feasible" && value !== undefined && value < bestValue) {
      best = trial
      bestValue = value
    }
  })
  return best
}

/**
 * The feasible trials no other feasible trial dominates, in history order (duplicates of a
 * configuration's values are kept once).
 *
 * @example
 * paretoFront(space, ["maximize", "minimize"], optimizer.history).map((trial) => trial.outcome)
 */
export const paretoFront = (space: Space, directions: readonly Direction[], history: readonly Trial[]): Trial[] => {
  const records = history.map((trial, index) => toRecord(space, directions, trial, index))
  const feasible = records.filter((record) => record.status === "feasible" && record.objectives !== undefined)
  const front: Trial[] = []
  const seen = new Set<string>()
  for (const record of feasible) {
    const objectives = record.objectives as Float64Array
    if (feasible.some((other) => dominates(other.objectives as Float64Array, objectives))) continue
    const key = objectives.join(",")
    if (seen.has(key)) continue
    seen.add(key)
    front.push(history[record.index] as Trial)
  }
  return front
}
