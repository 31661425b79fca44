import type { Direction, Trial } from "@cosearch/optimize"
import { dominates } from "@cosearch/optimize"
import { feasibleLosses } from "./losses.js"

/** Lexicographic order of loss vectors, ties by index (a stable sort). */
const lexicographic =
  (losses: readonly Float64Array[]) =>
  (a: number, b: number): number => {
    const x = losses[a] as Float64Array
    const y = losses[b] as Float64Array
    for (let m = 0; m < x.length; m++) if (x[m] !== y[m]) return (x[m] as number) - (y[m] as number)
    return a - b
  }

/** One objective: every point sharing the least loss. */
const front1 = (losses: readonly Float64Array[]): number[] => {
  let best = Number.POSITIVE_INFINITY
  for (const loss of losses) if ((loss[0] as number) < best) best = loss[0] as number
  const kept: number[] = []
  losses.forEach((loss, i) => {
    if (loss[0] === best) kept.push(i)
  })
  return kept
}

/**
 * Two objectives in O(n log n): sorted by the first loss (then the second), a point is on the
 * front when it has its group's least second loss (the group of equal first losses) and that is
 * below the least second loss of every earlier group.
 */
const front2 = (losses: readonly Float64Array[]): number[] => {
  const order = losses.map((_, i) => i).sort(lexicographic(losses))
  const kept: number[] = []
  let bestBefore = Number.POSITIVE_INFINITY
  let k = 0
  while (k < order.length) {
    const first = (losses[order[k] as number] as Float64Array)[0] as number
    const groupBest = (losses[order[k] as number] as Float64Array)[1] as number
    let end = k
    while (end < order.length && (losses[order[end] as number] as Float64Array)[0] === first) {
      const i = order[end] as number
      if ((losses[i] as Float64Array)[1] === groupBest && groupBest < bestBefore) kept.push(i)
      end++
    }
    if (groupBest < bestBefore) bestBefore = groupBest
    k = end
  }
  return kept.sort((a, b) => a - b)
}

/**
 * Any number of objectives: in lexicographic order a point can only be dominated by an earlier
 * one, and (dominance being transitive) by an earlier one on the running front, so each point is
 * compared against the running front only: O(n log n + n·|front|·k).
 */
const frontK = (losses: readonly Float64Array[]): number[] => {
  const order = losses.map((_, i) => i).sort(lexicographic(losses))
  const front: number[] = []
  for (const i of order) {
    const loss = losses[i] as Float64Array
    if (!front.some((j) => dominates(losses[j] as Float64Array, loss))) front.push(i)
  }
  return front.sort((a, b) => a - b)
}

/**
 * The indices (ascending) of the loss vectors (minimization) no other vector dominates; equal
 * vectors are all kept. The same set as `@cosearch/optimize`'s `paretoFront` (O(n²)), in O(n log n)
 * for two objectives and O(n log n + n·|front|·k) for k.
 *
 * @example
 * frontIndices([Float64Array.of(1, 2), Float64Array.of(2, 1), Float64Array.of(2, 2)]) // [0, 1]
 */
export const frontIndices = (losses: readonly Float64Array[]): number[] => {
  if (losses.length === 0) return []
  const k = (losses[0] as Float64Array).length
  return k === 0 ? losses.map((_, i) => i) : k === 1 ? front1(losses) : k === 2 ? front2(losses) : frontK(losses)
}

/**
 * The Pareto front of a study's trials: exactly `paretoFront(directions, trials)` (the feasible
 * trials no other feasible trial dominates, in the order given), computed fast.
 *
 * @example
 * fastParetoFront(["maximize", "minimize"], study.trials).length
 */
export const fastParetoFront = (directions: readonly Direction[], trials: readonly Trial[]): Trial[] => {
  const { trials: feasible, losses } = feasibleLosses(directions, trials)
  return frontIndices(losses).map((i) => feasible[i] as Trial)
}
