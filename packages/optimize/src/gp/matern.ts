const SQRT5 = Math.sqrt(5)

/**
 * The Matern-5/2 correlation at scaled distance `r`: `(1 + sqrt5 r + 5 r^2 / 3) exp(-sqrt5 r)`.
 *
 * @example
 * matern52(0) // 1
 */
export const matern52 = (r: number): number => (1 + SQRT5 * r + (5 / 3) * r * r) * Math.exp(-SQRT5 * r)

/**
 * The factor `(5 / 3)(1 + sqrt5 r) exp(-sqrt5 r)`: the derivative of `matern52` with respect to
 * a log lengthscale is this times `(delta / lengthscale)^2`, with no division by `r`.
 *
 * @example
 * const slope = matern52Slope(r) * (delta / lengthscale) ** 2
 */
export const matern52Slope = (r: number): number => (5 / 3) * (1 + SQRT5 * r) * Math.exp(-SQRT5 * r)

/**
 * The scaled distance between rows `a` of `x` and `b` of `y` (each `d` wide, row-major):
 * `sqrt(sum_i ((x_ai - y_bi) / lengthscale_i)^2)`, reading inverse lengthscales.
 *
 * @example
 * scaledDistance(points, 0, candidates, 3, inverseLengthscales, d)
 */
export const scaledDistance = (x: Float64Array, a: number, y: Float64Array, b: number, inverse: Float64Array, d: number): number => {
  let sum = 0
  const rowA = a * d
  const rowB = b * d
  for (let i = 0; i < d; i++) {
    const delta = ((x[rowA + i] as number) - (y[rowB + i] as number)) * (inverse[i] as number)
    sum += delta * delta
  }
  return Math.sqrt(sum)
}
