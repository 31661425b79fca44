import { CholeskyDecomposition, Matrix } from "ml-matrix"

/**
 * A Cholesky factor `L` (lower triangular, row-major `n x n`) of `A + jitter I`.
 *
 * @example
 * const result = choleskyWithJitter(matrix, n)
 * if (result.ok) result.factor.lower[0] // L[0][0]
 */
export interface CholeskyFactor {
  readonly n: number
  readonly lower: Float64Array
  /** What was added to the diagonal to make the factorization succeed (0 when nothing was). */
  readonly jitter: number
}

/**
 * The outcome of `choleskyWithJitter`: a factor, or the matrix was not positive definite even
 * with the largest jitter tried.
 *
 * @example
 * const result: CholeskyResult = choleskyWithJitter(matrix, n)
 * if (!result.ok) console.error(result.message)
 */
export type CholeskyResult =
  | { readonly ok: true; readonly factor: CholeskyFactor }
  | { readonly ok: false; readonly reason: "not-positive-definite"; readonly jitter: number; readonly message: string }

/**
 * Options of `choleskyWithJitter`.
 *
 * @example
 * const options: JitterOptions = { initial: 1e-8, growth: 10, retries: 6 }
 */
export interface JitterOptions {
  /** The first jitter tried, relative to the mean of the diagonal (default 1e-10). */
  readonly initial?: number
  /** Factor between successive jitters (default 10). */
  readonly growth?: number
  /** Jittered attempts after the plain one (default 8, up to 1e-3 of the mean diagonal). */
  readonly retries?: number
}

// A pivot this small relative to the diagonal means the factor is numerically singular, even if
// ml-matrix's exact test (pivot > 0) passed.
const RELATIVE_PIVOT = 1e-13

const factorize = (matrix: Float64Array, n: number, jitter: number, scale: number): Float64Array | undefined => {
  const a = new Matrix(n, n)
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) a.set(i, j, (matrix[i * n + j] as number) + (i === j ? jitter : 0))
  }
  const decomposition = new CholeskyDecomposition(a)
  if (!decomposition.isPositiveDefinite()) return undefined
  const lower = Float64Array.from(decomposition.lowerTriangularMatrix.to1DArray())
  for (let i = 0; i < n; i++) {
    const pivot = lower[i * n + i] as number
    if (!(pivot * pivot > RELATIVE_PIVOT * scale)) return undefined
  }
  return lower
}

/**
 * Factorizes a symmetric matrix (row-major `n x n`) with ml-matrix's Cholesky decomposition,
 * adding a growing jitter to the diagonal when it is not (numerically) positive definite: first
 * none, then `initial`, `initial * growth`, ... times the mean diagonal, `retries` times.
 *
 * @example
 * const result = choleskyWithJitter(Float64Array.of(4, 2, 2, 3), 2)
 * if (result.ok) result.factor.lower // Float64Array [2, 0, 1, 1.414...]
 */
export const choleskyWithJitter = (matrix: Float64Array, n: number, options: JitterOptions = {}): CholeskyResult => {
  if (matrix.length !== n * n) throw new RangeError(`expected ${n * n} entries for a ${n} x ${n} matrix, got ${matrix.length}`)
  let scale = 0
  for (let i = 0; i < n; i++) scale += Math.abs(matrix[i * n + i] as number)
  scale = n === 0 ? 1 : scale / n || 1
  const growth = options.growth ?? 10
  const retries = options.retries ?? 8
  let jitter = 0
  for (let attempt = 0; attempt <= retries; attempt++) {
    jitter = attempt === 0 ? 0 : (options.initial ?? 1e-10) * scale * growth ** (attempt - 1)
    const lower = factorize(matrix, n, jitter, scale)
    if (lower !== undefined) return { ok: true, factor: { n, lower, jitter } }
  }
  return {
    ok: false,
    reason: "not-positive-definite",
    jitter,
    message: `the ${n} x ${n} matrix is not positive definite even with a jitter of ${jitter.toExponential(2)} on its diagonal`,
  }
}
