import { Matrix, solve } from "ml-matrix"

/**
 * Least squares with lower bounds, `min ||A x - b||₂ subject to x >= lower`, by Lawson and
 * Hanson's active-set method for non-negative least squares ("Solving Least Squares Problems",
 * 1974, chapter 23) on `x - lower`. The unconstrained sub-problems are solved by ml-matrix.
 * `A` is row-major (one row per observation).
 *
 * @example
 * boundedLeastSquares([[1, 0], [0, 1]], [2, -1], [0, 0]) // [2, 0]
 */
export const boundedLeastSquares = (a: readonly (readonly number[])[], b: readonly number[], lower: readonly number[]): number[] => {
  const columns = lower.length
  // Shift to y = x - lower >= 0: A y = b - A lower.
  const shifted = b.map((value, i) => value - (a[i] as readonly number[]).reduce((sum, aij, j) => sum + aij * (lower[j] as number), 0))
  const matrix = new Matrix(a.map((row) => [...row]))
  const target = Matrix.columnVector(shifted)
  const passive = new Array<boolean>(columns).fill(false)
  let y = new Array<number>(columns).fill(0)
  const tolerance = 1e-12 * Math.max(1, matrix.norm("frobenius") * target.norm("frobenius"))

  const gradient = (): number[] => {
    const residual = target.clone().sub(matrix.mmul(Matrix.columnVector(y)))
    return matrix.transpose().mmul(residual).to1DArray()
  }
  const solvePassive = (): number[] => {
    const indices = passive.flatMap((p, j) => (p ? [j] : []))
    const result = new Array<number>(columns).fill(0)
    if (indices.length === 0) return result
    const sub = matrix.subMatrixColumn(indices)
    const solution = solve(sub, target).to1DArray()
    indices.forEach((j, k) => {
      result[j] = solution[k] as number
    })
    return result
  }

  for (let outer = 0; outer < 3 * columns; outer++) {
    const w = gradient()
    let best = -1
    for (let j = 0; j < columns; j++)
      if (!passive[j] && (w[j] as number) > tolerance && (best < 0 || (w[j] as number) > (w[best] as number))) best = j
    if (best < 0) break
    passive[best] = true
    let s = solvePassive()
    for (let inner = 0; inner < 3 * columns; inner++) {
      let alpha = 1
      let blocked = false
      for (let j = 0; j < columns; j++) {
        if (passive[j] && (s[j] as number) <= 0) {
          blocked = true
          const yj = y[j] as number
          alpha = Math.min(alpha, yj / (yj - (s[j] as number)))
        }
      }
      if (!blocked) break
      y = y.map((yj, j) => yj + alpha * ((s[j] as number) - yj))
      for (let j = 0; j < columns; j++) if (passive[j] && (y[j] as number) <= 1e-15) passive[j] = false
      s = solvePassive()
    }
    y = s.map((value, j) => (passive[j] ? value : 0))
  }
  return y.map((value, j) => value + (lower[j] as number))
}
