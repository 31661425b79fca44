/**
 * A Gaussian process's hyperparameters on the log scale, one array of `d + 2` numbers: the ARD
 * lengthscales (`log l_1 .. log l_d`), the signal variance (`log s_f^2`) and the noise variance
 * (`log s_n^2`), for standardized targets.
 *
 * @example
 * const theta: Hyperparameters = defaultHyperparameters(30)
 */
export type Hyperparameters = Float64Array

/**
 * Box bounds of the log hyperparameters (for standardized targets on a `[0, 1]^d` encoding).
 *
 * @example
 * const bounds: HyperparameterBounds = { lengthscale: [0.05, 20], signal: [0.05, 20], noise: [1e-6, 0.5] }
 */
export interface HyperparameterBounds {
  readonly lengthscale: readonly [number, number]
  readonly signal: readonly [number, number]
  readonly noise: readonly [number, number]
}

/**
 * The default bounds: lengthscales in [0.05, 20] (a coordinate lives in [0, 1]), signal variance
 * in [0.05, 20] and noise variance in [1e-6, 0.5] of the standardized targets.
 *
 * @example
 * clampHyperparameters(theta, DEFAULT_BOUNDS)
 */
export const DEFAULT_BOUNDS: HyperparameterBounds = { lengthscale: [0.05, 20], signal: [0.05, 20], noise: [1e-6, 0.5] }

/**
 * The starting point of a first fit: unit lengthscales, unit signal variance and a noise variance
 * of 1e-3.
 *
 * @example
 * defaultHyperparameters(2) // log of [1, 1, 1, 0.001]
 */
export const defaultHyperparameters = (d: number): Hyperparameters => {
  const theta = new Float64Array(d + 2)
  theta[d + 1] = Math.log(1e-3)
  return theta
}

/**
 * The lower and upper log bound of entry `i` of `d + 2` hyperparameters.
 *
 * @example
 * const [low, high] = logBounds(DEFAULT_BOUNDS, d, d + 1) // of the noise
 */
export const logBounds = (bounds: HyperparameterBounds, d: number, i: number): readonly [number, number] => {
  const pair = i < d ? bounds.lengthscale : i === d ? bounds.signal : bounds.noise
  return [Math.log(pair[0]), Math.log(pair[1])]
}
