import { choleskyWithJitter } from "../linalg/cholesky.js"
import { choleskySolve, inverseFromCholesky, logDeterminant } from "../linalg/triangular.js"
import type { GpData } from "./gp-data.js"
import { DEFAULT_BOUNDS, type HyperparameterBounds, type Hyperparameters, logBounds } from "./hyperparameters.js"
import { matern52, matern52Slope, scaledDistance } from "./matern.js"

const LOG_2PI = Math.log(2 * Math.PI)

/**
 * The covariance of the data under Matern-5/2 ARD with noise, row-major, and the scaled distances
 * it was built from.
 *
 * @example
 * const { covariance } = covarianceMatrix(data, theta)
 */
export const covarianceMatrix = (data: GpData, theta: Hyperparameters): { covariance: Float64Array; distance: Float64Array } => {
  const { x, n, d } = data
  const inverse = new Float64Array(d)
  for (let i = 0; i < d; i++) inverse[i] = Math.exp(-(theta[i] as number))
  const signal = Math.exp(theta[d] as number)
  const noise = Math.exp(theta[d + 1] as number)
  const covariance = new Float64Array(n * n)
  const distance = new Float64Array(n * n)
  for (let a = 0; a < n; a++) {
    covariance[a * n + a] = signal + noise
    for (let b = 0; b < a; b++) {
      const r = scaledDistance(x, a, x, b, inverse, d)
      const value = signal * matern52(r)
      covariance[a * n + b] = value
      covariance[b * n + a] = value
      distance[a * n + b] = r
      distance[b * n + a] = r
    }
  }
  return { covariance, distance }
}

/**
 * The log marginal likelihood of the data, `-1/2 y^T K^-1 y - 1/2 log|K| - n/2 log 2 pi`, and,
 * when `gradient` is given, its gradient with respect to the log hyperparameters written there:
 * `1/2 tr((a a^T - K^-1) dK/dtheta)` with `a = K^-1 y`. `-Infinity` when `K` cannot be factorized.
 *
 * @example
 * const gradient = new Float64Array(d + 2)
 * const value = logMarginalLikelihood(data, theta, gradient)
 */
export const logMarginalLikelihood = (data: GpData, theta: Hyperparameters, gradient?: Float64Array): number => {
  const { x, y, n, d } = data
  const { covariance, distance } = covarianceMatrix(data, theta)
  const result = choleskyWithJitter(covariance, n)
  if (!result.ok) return Number.NEGATIVE_INFINITY
  const { factor } = result
  const alpha = choleskySolve(factor, y)
  let fit = 0
  for (let i = 0; i < n; i++) fit += (y[i] as number) * (alpha[i] as number)
  const value = -0.5 * fit - 0.5 * logDeterminant(factor) - 0.5 * n * LOG_2PI
  if (gradient === undefined) return value
  const inverseK = inverseFromCholesky(factor)
  const signal = Math.exp(theta[d] as number)
  const noise = Math.exp(theta[d + 1] as number)
  gradient.fill(0)
  let signalSum = 0
  let noiseSum = 0
  for (let a = 0; a < n; a++) {
    const diagonal = (alpha[a] as number) ** 2 - (inverseK[a * n + a] as number)
    noiseSum += diagonal
    signalSum += diagonal * signal
    for (let b = 0; b < a; b++) {
      const g = (alpha[a] as number) * (alpha[b] as number) - (inverseK[a * n + b] as number)
      const r = distance[a * n + b] as number
      // Off-diagonal pairs appear twice in the trace; the 1/2 in front cancels that.
      signalSum += 2 * g * signal * matern52(r)
      const weight = g * signal * matern52Slope(r)
      const rowA = a * d
      const rowB = b * d
      for (let i = 0; i < d; i++) {
        const delta = (x[rowA + i] as number) - (x[rowB + i] as number)
        if (delta !== 0) gradient[i] = (gradient[i] as number) + weight * delta * delta * Math.exp(-2 * (theta[i] as number))
      }
    }
  }
  gradient[d] = 0.5 * signalSum
  gradient[d + 1] = 0.5 * noise * noiseSum
  return value
}

/**
 * Options of `fitHyperparameters`.
 *
 * @example
 * const options: FitOptions = { steps: 60, learningRate: 0.1 }
 */
export interface FitOptions {
  /** Gradient steps (default 60). */
  readonly steps?: number
  /** Adam's step size on the log scale (default 0.1). */
  readonly learningRate?: number
  readonly bounds?: HyperparameterBounds
}

/**
 * Maximizes the log marginal likelihood over the log hyperparameters from `start`, by Adam
 * ascent projected onto the bounds; returns the best point visited and its value.
 *
 * @example
 * const { theta } = fitHyperparameters(data, defaultHyperparameters(data.d), { steps: 80 })
 */
export const fitHyperparameters = (
  data: GpData,
  start: Hyperparameters,
  options: FitOptions = {},
): { readonly theta: Hyperparameters; readonly logLikelihood: number } => {
  const size = data.d + 2
  const bounds = options.bounds ?? DEFAULT_BOUNDS
  const steps = options.steps ?? 60
  const rate = options.learningRate ?? 0.1
  const theta = start.slice()
  for (let i = 0; i < size; i++) {
    const [low, high] = logBounds(bounds, data.d, i)
    theta[i] = Math.min(high, Math.max(low, theta[i] as number))
  }
  const gradient = new Float64Array(size)
  const first = new Float64Array(size)
  const second = new Float64Array(size)
  let best = theta.slice()
  let bestValue = Number.NEGATIVE_INFINITY
  for (let step = 1; step <= steps; step++) {
    const value = logMarginalLikelihood(data, theta, gradient)
    if (value > bestValue) {
      bestValue = value
      best = theta.slice()
    }
    if (!Number.isFinite(value)) break
    for (let i = 0; i < size; i++) {
      const g = gradient[i] as number
      first[i] = 0.9 * (first[i] as number) + 0.1 * g
      second[i] = 0.999 * (second[i] as number) + 0.001 * g * g
      const m = (first[i] as number) / (1 - 0.9 ** step)
      const v = (second[i] as number) / (1 - 0.999 ** step)
      const [low, high] = logBounds(bounds, data.d, i)
      theta[i] = Math.min(high, Math.max(low, (theta[i] as number) + (rate * m) / (Math.sqrt(v) + 1e-8)))
    }
  }
  if (steps > 0) {
    const value = logMarginalLikelihood(data, theta)
    if (value > bestValue) return { theta, logLikelihood: value }
  }
  return { theta: best, logLikelihood: bestValue }
}
