import { normalCdf, normalPdf } from "../gp/normal.js"

/**
 * Expected improvement below `best` (minimization) of a Gaussian prediction:
 * `s (z Phi(z) + phi(z))` with `z = (best - mean) / s`.
 *
 * @example
 * expectedImprovement(0, 1, 0) // 0.3989...
 */
export const expectedImprovement = (mean: number, variance: number, best: number): number => {
  const sd = Math.sqrt(variance)
  if (!(sd > 0)) return Math.max(0, best - mean)
  const z = (best - mean) / sd
  return sd * (z * normalCdf(z) + normalPdf(z))
}

/**
 * The upper confidence bound of the improvement for minimization, `sqrt(beta) s - mean` (the
 * negated lower confidence bound).
 *
 * @example
 * upperConfidenceBound(0, 1, 4) // 2
 */
export const upperConfidenceBound = (mean: number, variance: number, beta: number): number => Math.sqrt(beta * variance) - mean

/**
 * The probability that a Gaussian prediction of a constraint value is `<= threshold`.
 *
 * @example
 * probabilityBelow(0, 1, 0) // 0.5
 */
export const probabilityBelow = (mean: number, variance: number, threshold: number): number => {
  const sd = Math.sqrt(variance)
  if (!(sd > 0)) return mean <= threshold ? 1 : 0
  return normalCdf((threshold - mean) / sd)
}

/**
 * A positive, increasing squash of any real number into (0, 2): how acquisitions that can be
 * negative (UCB, a predicted mean) are weighted by the probability of feasibility.
 *
 * @example
 * positiveSquash(0) // 1
 */
export const positiveSquash = (u: number): number => 1 + u / (1 + Math.abs(u))
