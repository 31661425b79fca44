import { normalQuantile } from "./normal.js"

/**
 * How targets are turned into what a Gaussian process is fitted on.
 *
 * - `standardize`: `(y - mean) / sd`; predictions map back to the original units.
 * - `rank`: normal scores of the ranks, `Phi^-1((rank + 1/2) / n)` with ties sharing their mean
 *   rank; robust to the heavy tails of accuracies and latencies, but predictions stay in score units.
 *
 * @example
 * const transform: OutputTransform = "rank"
 */
export type OutputTransform = "standardize" | "rank"

/**
 * Targets after a transform, and the affine map back (`y = offset + scale * score` for
 * `standardize`; identity for `rank`).
 *
 * @example
 * const { values, offset, scale } = transformTargets(y, "standardize")
 */
export interface TransformedTargets {
  readonly values: Float64Array
  readonly offset: number
  readonly scale: number
}

/**
 * Applies an output transform.
 *
 * @example
 * transformTargets(Float64Array.of(1, 2, 3), "standardize").values // [-1.22, 0, 1.22]
 */
export const transformTargets = (y: Float64Array, transform: OutputTransform): TransformedTargets => {
  const n = y.length
  if (transform === "rank") {
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => (y[a] as number) - (y[b] as number))
    const values = new Float64Array(n)
    let start = 0
    while (start < n) {
      let end = start
      while (end + 1 < n && y[order[end + 1] as number] === y[order[start] as number]) end++
      const score = normalQuantile(((start + end) / 2 + 0.5) / n)
      for (let k = start; k <= end; k++) values[order[k] as number] = score
      start = end + 1
    }
    return { values, offset: 0, scale: 1 }
  }
  let mean = 0
  for (const value of y) mean += value
  mean = n > 0 ? mean / n : 0
  let spread = 0
  for (const value of y) spread += (value - mean) ** 2
  const scale = n > 1 && spread > 0 ? Math.sqrt(spread / n) : 1
  const values = new Float64Array(n)
  for (let i = 0; i < n; i++) values[i] = ((y[i] as number) - mean) / scale
  return { values, offset: mean, scale }
}
