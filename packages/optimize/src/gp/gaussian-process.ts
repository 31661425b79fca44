import { type CholeskyFactor, choleskyWithJitter } from "../linalg/cholesky.js"
import { choleskySolve, solveLower } from "../linalg/triangular.js"
import type { GpData } from "./gp-data.js"
import type { Hyperparameters } from "./hyperparameters.js"
import { covarianceMatrix } from "./likelihood.js"
import { matern52, scaledDistance } from "./matern.js"

/**
 * A Gaussian process conditioned on its data: the Cholesky factor of the covariance and
 * `K^-1 y`, ready to predict.
 *
 * @example
 * const gp = conditionGaussianProcess(data, theta)
 * if (gp.ok) predict(gp.process, vector, 0, prediction)
 */
export interface GaussianProcess {
  readonly data: GpData
  readonly theta: Hyperparameters
  readonly factor: CholeskyFactor
  readonly alpha: Float64Array
  readonly inverseLengthscales: Float64Array
  readonly signal: number
  /** Scratch for predictions, so that they allocate nothing. */
  readonly scratch: Float64Array
}

/**
 * A prediction: the posterior mean and the variance of the latent function (noise excluded).
 *
 * @example
 * const prediction: Prediction = { mean: 0, variance: 0 }
 */
export interface Prediction {
  mean: number
  variance: number
}

/**
 * Conditions a Gaussian process with the given hyperparameters on its data.
 *
 * @example
 * const result = conditionGaussianProcess({ x, y, n, d }, theta)
 * if (!result.ok) console.error(result.message)
 */
export const conditionGaussianProcess = (
  data: GpData,
  theta: Hyperparameters,
): { readonly ok: true; readonly process: GaussianProcess } | { readonly ok: false; readonly message: string } => {
  const { covariance } = covarianceMatrix(data, theta)
  const result = choleskyWithJitter(covariance, data.n)
  if (!result.ok) return result
  const { d } = data
  const inverseLengthscales = new Float64Array(d)
  for (let i = 0; i < d; i++) inverseLengthscales[i] = Math.exp(-(theta[i] as number))
  return {
    ok: true,
    process: {
      data,
      theta,
      factor: result.factor,
      alpha: choleskySolve(result.factor, data.y),
      inverseLengthscales,
      signal: Math.exp(theta[d] as number),
      scratch: new Float64Array(data.n),
    },
  }
}

/**
 * Predicts at row `row` of `points` (row-major, `d` wide) into `out`.
 *
 * @example
 * const out = { mean: 0, variance: 0 }
 * predict(process, candidates, 4, out)
 */
export const predict = (process: GaussianProcess, points: Float64Array, row: number, out: Prediction): Prediction => {
  const { data, alpha, inverseLengthscales, signal, scratch, factor } = process
  let mean = 0
  for (let a = 0; a < data.n; a++) {
    const k = signal * matern52(scaledDistance(data.x, a, points, row, inverseLengthscales, data.d))
    scratch[a] = k
    mean += k * (alpha[a] as number)
  }
  solveLower(factor, scratch)
  let explained = 0
  for (let a = 0; a < data.n; a++) explained += (scratch[a] as number) ** 2
  out.mean = mean
  out.variance = Math.max(signal - explained, 1e-12 * signal)
  return out
}
