import { isFailure, mutateGenome } from "@cosearch/space"
import { sampleNovel } from "../strategy/novel.js"
import type { Proposal, ProposalContext, Strategy } from "../strategy/strategy.js"
import type { Predictions, Predictor } from "./predictor.js"

/**
 * Settings of surrogate screening.
 *
 * @example
 * const screen: ScreenSettings = { predictor: onlineModel, candidates: 10 }
 */
export interface ScreenSettings {
  readonly predictor: Predictor
  /** Candidates the strategy proposes per proposal handed out (default 10; 1 turns screening off). */
  readonly candidates?: number
  /**
   * Rounds of model-guided refinement of each chosen candidate (default 0): each round draws
   * `candidates` one-parameter mutants of it and takes the best predicted one when it is predicted
   * better and not taken yet.
   */
  readonly refine?: number
  /** Uniform random samples added to the candidates per proposal handed out (default 0): exploration beyond the strategy's proposals. */
  readonly random?: number
}

/** The default number of candidates per proposal. */
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

/** Whether candidate `a` is predicted better than `b`: smaller violation, then a smaller objective (one) or Pareto dominance (several). */
const predictedBetter = (predictions: Predictions, a: number, b: number): boolean => {
  const va = predictedViolation(predictions, a)
  const vb = predictedViolation(predictions, b)
  if (va !== vb) return va < vb
  let better = false
  for (const values of predictions.objectives) {
    const x = values[a] as number
    const y = values[b] as number
    if (!(x <= y)) return false
    if (x < y) better = true
  }
  return better
}

/**
 * Model-guided refinement: `rounds` times, each chosen genome is compared with `width` of its
 * one-parameter mutants (drawn from `context.rng`) and replaced by the best predicted one when
 * that is predicted better and not taken yet.
 */
const refineChosen = (
  chosen: Float64Array[],
  predictor: Predictor,
  context: ProposalContext,
  rounds: number,
  width: number,
): Float64Array[] => {
  const current = chosen.slice()
  for (let round = 0; round < rounds; round++) {
    const genomes: Float64Array[] = [...current]
    const owner: number[] = current.map((_, i) => i)
    for (const [i, genome] of current.entries()) {
      for (let j = 0; j < width; j++) {
        const mutant = mutateGenome(context.space, genome, context.rng, { k: 1 })
        if (isFailure(mutant) || context.isTaken(mutant)) continue
        genomes.push(mutant)
        owner.push(i)
      }
    }
    if (genomes.length === current.length) break
    const predictions = predictor.predict(genomes, context)
    if (predictions === undefined) break
    const best = current.map((_, i) => i)
    for (let g = current.length; g < genomes.length; g++) {
      const i = owner[g] as number
      if (predictedBetter(predictions, g, best[i] as number)) best[i] = g
    }
    for (const [i, g] of best.entries()) {
      if (g !== i && context.claim(genomes[g] as Float64Array)) current[i] = genomes[g] as Float64Array
    }
  }
  return current
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
  const refine = Math.max(0, Math.floor(settings.refine ?? 0))
  const random = Math.max(0, Math.floor(settings.random ?? 0))
  if (candidates === 1) return inner
  return {
    name: inner.name,
    propose: (n, context) => {
      const proposed: readonly Proposal[] = inner.propose(n * candidates, context)
      if (proposed.length < n) return proposed
      const pool: Proposal[] = [...proposed]
      for (let i = 0; i < n * random; i++) pool.push({ genome: sampleNovel(context, 8), origin: `${inner.name}+random` })
      const predictions = settings.predictor.predict(
        pool.map((proposal) => proposal.genome),
        context,
      )
      if (predictions === undefined) return pool.slice(0, n)
      const chosen = screenOrder(predictions, pool.length)
        .slice(0, n)
        .map((i) => pool[i] as Proposal)
      if (refine === 0) return chosen
      const refined = refineChosen(
        chosen.map((proposal) => proposal.genome),
        settings.predictor,
        context,
        refine,
        candidates,
      )
      return chosen.map((proposal, i) => (refined[i] === proposal.genome ? proposal : { ...proposal, genome: refined[i] as Float64Array }))
    },
  }
}
