import type { Proposal, Strategy } from "../optimizer/strategy.js"
import type { Predictions, Predictor } from "./predictor.js"

/**
 * Settings of surrogate screening.
 *
 * @example
 * const screen: ScreenSettings = { predictor: onlineModel, candidates: 10 }
 */
export interface ScreenSettings {
  readonly predictor: Predictor
  /** Candidates the strategy proposes per suggestion handed out (default 10; 1 turns screening off). */
  readonly candidates?: number
}

/** The default number of candidates per suggestion. */
export const DEFAULT_SCREEN_CANDIDATES = 10

/** The total predicted violation of candidate `i`: the sum of its positive predicted constraint values. */
const predictedViolation = (predictions: Predictions, i: number): number => {
  let violation = 0
  for (const values of predictions.constraints ?? []) {
    const value = values[i] as number
    if (value > 0) violation += value
  }
  return violation
}

/**
 * The order in which screening takes candidates: predicted feasible ones first (of two predicted
 * infeasible ones, the smaller predicted violation first), then by the objective (one objective)
 * or by the sum of the candidate's ranks over the objectives (several: a Borda count), then in
 * the order proposed. Returns candidate indices, best first.
 *
 * @example
 * screenOrder({ objectives: [Float64Array.of(3, 1, 2)] }, 3) // [1, 2, 0]
 */
export const screenOrder = (predictions: Predictions, count: number): number[] => {
  const violations = Float64Array.from({ length: count }, (_, i) => predictedViolation(predictions, i))
  const scores = new Float64Array(count)
  const objectives = predictions.objectives
  if (objectives.length === 1) scores.set((objectives[0] as Float64Array).subarray(0, count))
  else {
    for (const values of objectives) {
      const order = Array.from({ length: count }, (_, i) => i).sort((a, b) => (values[a] as number) - (values[b] as number))
      for (const [rank, i] of order.entries()) scores[i] = (scores[i] as number) + rank
    }
  }
  const score = (i: number): number => {
    const value = scores[i] as number
    return Number.isNaN(value) ? Infinity : value
  }
  return Array.from({ length: count }, (_, i) => i).sort(
    (a, b) => (violations[a] as number) - (violations[b] as number) || score(a) - score(b) || a - b,
  )
}

/**
 * Surrogate-screened search: wraps a strategy so that, asked for `n` genomes, it has the inner
 * strategy propose `n × candidates`, ranks them by the predictor (see `screenOrder`) and hands
 * out only the best `n`; the true evaluator sees only those. While the predictor cannot predict
 * (no model yet), the first `n` proposals are handed out, unranked. The inner strategy's view is
 * unchanged (it is told every evaluated trial), and the predictor depends only on the told
 * records, so a screened optimizer is still rebuilt exactly from (settings, seed, history).
 *
 * @example
 * const optimizer = createAgingEvolution(space, { seed: 0, screen: { predictor, candidates: 10 } })
 */
export const screenedStrategy = (inner: Strategy, settings: ScreenSettings): Strategy => {
  const candidates = Math.max(1, Math.floor(settings.candidates ?? DEFAULT_SCREEN_CANDIDATES))
  if (candidates === 1) return inner
  return {
    name: inner.name,
    propose: (n, context) => {
      const pool: readonly Proposal[] = inner.propose(n * candidates, context)
      if (pool.length <= n) return pool
      const predictions = settings.predictor.predict(
        pool.map((proposal) => proposal.genome),
        context,
      )
      if (predictions === undefined) return pool.slice(0, n)
      return screenOrder(predictions, pool.length)
        .slice(0, n)
        .map((i) => pool[i] as Proposal)
    },
  }
}
