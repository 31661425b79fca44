import type { CholeskyFactor } from "./cholesky.js"

/**
 * Solves `L x = b` in place (forward substitution) for a Cholesky factor's `L`.
 *
 * @example
 * const v = kStar.slice(); solveLower(factor, v) // v = L^-1 k*
 */
export const solveLower = (factor: CholeskyFactor, b: Float64Array): Float64Array => {
  const { n, lower } = factor
  for (let i = 0; i < n; i++) {
    let sum = b[i] as number
    const row = i * n
    for (let k = 0; k < i; k++) sum -= (lower[row + k] as number) * (b[k] as number)
    b[i] = sum / (lower[row + i] as number)
  }
  return b
}

/**
 * Solves `L^T x = b` in place (back substitution).
 *
 * @example
 * solveLowerTransposed(factor, solveLower(factor, y)) // y = A^-1 y
 */
export const solveLowerTransposed = (factor: CholeskyFactor, b: Float64Array): Float64Array => {
  const { n, lower } = factor
  for (let i = n - 1; i >= 0; i--) {
    let sum = b[i] as number
    for (let k = i + 1; k < n; k++) sum -= (lower[k * n + i] as number) * (b[k] as number)
    b[i] = sum / (lower[i * n + i] as number)
  }
  return b
}

/**
 * `A^-1 b` from the factor of `A` (a new array).
 *
 * @example
 * const alpha = choleskySolve(factor, targets)
 */
export const choleskySolve = (factor: CholeskyFactor, b: Float64Array): Float64Array =>
  solveLowerTransposed(factor, solveLower(factor, b.slice()))

/**
 * `A^-1` (row-major, symmetric) from the factor of `A`: `L^-T L^-1`.
 *
 * @example
 * const inverse = inverseFromCholesky(factor)
 */
export const inverseFromCholesky = (factor: CholeskyFactor): Float64Array => {
  const { n, lower } = factor
  // W = L^-1, lower triangular, by columns of forward substitution.
  const w = new Float64Array(n * n)
  for (let j = 0; j < n; j++) {
    w[j * n + j] = 1 / (lower[j * n + j] as number)
    for (let i = j + 1; i < n; i++) {
      let sum = 0
      const row = i * n
      for (let k = j; k < i; k++) sum -= (lower[row + k] as number) * (w[k * n + j] as number)
      w[row + j] = sum / (lower[row + i] as number)
    }
  }
  // (W^T W)[a][b] = sum over k >= max(a, b) of W[k][a] W[k][b].
  const inverse = new Float64Array(n * n)
  for (let a = 0; a < n; a++) {
    for (let b = 0; b <= a; b++) {
      let sum = 0
      for (let k = a; k < n; k++) sum += (w[k * n + a] as number) * (w[k * n + b] as number)
      inverse[a * n + b] = sum
      inverse[b * n + a] = sum
    }
  }
  return inverse
}

/**
 * `log det A` from the factor of `A`: twice the sum of the logs of `L`'s diagonal.
 *
 * @example
 * const logDet = logDeterminant(factor)
 */
export const logDeterminant = (factor: CholeskyFactor): number => {
  let sum = 0
  for (let i = 0; i < factor.n; i++) sum += Math.log(factor.lower[i * factor.n + i] as number)
  return 2 * sum
}
