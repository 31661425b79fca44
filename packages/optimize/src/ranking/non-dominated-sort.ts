import type { TrialRecord } from "../trial/record.js"
import { constrainedDominates } from "./dominance.js"

/**
 * Fast non-dominated sorting under constraint-domination (Deb et al. 2002): the front of each
 * record, 0 for the best. O(M N^2).
 *
 * @example
 * const fronts = nonDominatedFronts(population) // e.g. Int32Array [0, 1, 0, 2]
 */
export const nonDominatedFronts = (records: readonly TrialRecord[]): Int32Array => {
  const n = records.length
  const front = new Int32Array(n)
  const dominatedBy = new Int32Array(n)
  const dominating: number[][] = Array.from({ length: n }, () => [])
  const current: number[] = []
  for (let p = 0; p < n; p++) {
    const a = records[p] as TrialRecord
    for (let q = p + 1; q < n; q++) {
      const b = records[q] as TrialRecord
      if (constrainedDominates(a, b)) {
        ;(dominating[p] as number[]).push(q)
        dominatedBy[q] = (dominatedBy[q] as number) + 1
      } else if (constrainedDominates(b, a)) {
        ;(dominating[q] as number[]).push(p)
        dominatedBy[p] = (dominatedBy[p] as number) + 1
      }
    }
    // Every pair holding p has been compared by now, so its count is final.
    if (dominatedBy[p] === 0) current.push(p)
  }
  let layer = current
  let rank = 0
  while (layer.length > 0) {
    const next: number[] = []
    for (const p of layer) {
      front[p] = rank
      for (const q of dominating[p] as number[]) {
        const left = (dominatedBy[q] as number) - 1
        dominatedBy[q] = left
        if (left === 0) next.push(q)
      }
    }
    layer = next
    rank++
  }
  return front
}

/**
 * Crowding distances of the members of one front (Deb et al. 2002): the sum over objectives of the
 * normalized gap between each member's neighbors; the extremes get Infinity. Records without
 * objectives (infeasible, failed) get 0.
 *
 * @example
 * const distance = crowdingDistances(front.map((i) => population[i]))
 */
export const crowdingDistances = (records: readonly TrialRecord[]): Float64Array => {
  const n = records.length
  const distance = new Float64Array(n)
  const objectives = records[0]?.objectives?.length ?? 0
  const order = Array.from({ length: n }, (_, i) => i).filter((i) => records[i]?.objectives !== undefined)
  if (order.length <= 2) {
    for (const i of order) distance[i] = Infinity
    return distance
  }
  for (let m = 0; m < objectives; m++) {
    const value = (i: number): number => ((records[i] as TrialRecord).objectives as Float64Array)[m] as number
    order.sort((a, b) => value(a) - value(b) || a - b)
    const first = order[0] as number
    const last = order[order.length - 1] as number
    const span = value(last) - value(first)
    distance[first] = Infinity
    distance[last] = Infinity
    if (span <= 0) continue
    for (let k = 1; k < order.length - 1; k++) {
      const i = order[k] as number
      distance[i] = (distance[i] as number) + (value(order[k + 1] as number) - value(order[k - 1] as number)) / span
    }
  }
  return distance
}
