import { choleskySolve, choleskyWithJitter, inverseFromCholesky, logDeterminant, solveLower } from "@cosearch/optimize"
import { describe, expect, it } from "vitest"

const multiplyLowerTransposed = (lower: Float64Array, n: number): Float64Array => {
  const out = new Float64Array(n * n)
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      let sum = 0
      for (let k = 0; k < n; k++) sum += (lower[i * n + k] as number) * (lower[j * n + k] as number)
      out[i * n + j] = sum
    }
  return out
}

describe("Cholesky with jitter", () => {
  it("factorizes a positive definite matrix without jitter: [[4, 2], [2, 3]] = L L^T with L = [[2, 0], [1, sqrt 2]]", () => {
    const result = choleskyWithJitter(Float64Array.of(4, 2, 2, 3), 2)
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.factor.jitter).toBe(0)
    const [a, b, c, d] = result.factor.lower
    expect([a, b, c]).toEqual([2, 0, 1])
    expect(d).toBeCloseTo(Math.SQRT2, 14)
    expect(logDeterminant(result.factor)).toBeCloseTo(Math.log(8), 12) // det = 4 * 3 - 2 * 2
  })

  it("retries a singular matrix with growing jitter and factorizes A + jitter I", () => {
    // Rank one: [[1, 1, 1], [1, 1, 1], [1, 1, 1]] has eigenvalues 3, 0, 0.
    const ones = new Float64Array(9).fill(1)
    const result = choleskyWithJitter(ones, 3, { initial: 1e-10, growth: 10, retries: 8 })
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.factor.jitter).toBeGreaterThan(0)
    // The jitters tried are 1e-10, 1e-9, ... of the mean diagonal (1).
    expect(Math.log10(result.factor.jitter) % 1).toBeCloseTo(0, 9)
    const product = multiplyLowerTransposed(result.factor.lower, 3)
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++) expect(product[i * 3 + j]).toBeCloseTo(1 + (i === j ? result.factor.jitter : 0), 9)
  })

  it("gives up on an indefinite matrix after its retries, as a value", () => {
    const result = choleskyWithJitter(Float64Array.of(1, 2, 2, 1), 2, { retries: 3 }) // eigenvalues 3 and -1
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.reason).toBe("not-positive-definite")
    expect(result.jitter).toBeCloseTo(1e-8, 20) // 1e-10, 1e-9, 1e-8 of the mean diagonal 1
    expect(result.message).toContain("not positive definite")
  })

  it("solves and inverts through the factor: A x = b and A A^-1 = I for a 4 x 4 Hilbert-like matrix", () => {
    const n = 4
    const a = new Float64Array(n * n)
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a[i * n + j] = 1 / (i + j + 1) + (i === j ? 0.1 : 0)
    const result = choleskyWithJitter(a, n)
    if (!result.ok) throw new Error(result.message)
    const b = Float64Array.of(1, -2, 3, 0.5)
    const x = choleskySolve(result.factor, b)
    for (let i = 0; i < n; i++) {
      let sum = 0
      for (let j = 0; j < n; j++) sum += (a[i * n + j] as number) * (x[j] as number)
      expect(sum).toBeCloseTo(b[i] as number, 10)
    }
    const inverse = inverseFromCholesky(result.factor)
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        let sum = 0
        for (let k = 0; k < n; k++) sum += (a[i * n + k] as number) * (inverse[k * n + j] as number)
        expect(sum).toBeCloseTo(i === j ? 1 : 0, 10)
      }
    // Forward substitution alone: L v = b.
    const v = solveLower(result.factor, b.slice())
    for (let i = 0; i < n; i++) {
      let sum = 0
      for (let k = 0; k <= i; k++) sum += (result.factor.lower[i * n + k] as number) * (v[k] as number)
      expect(sum).toBeCloseTo(b[i] as number, 12)
    }
  })
})
