import type { Random } from "@cosearch/space"

/**
 * Moves a uniform random choice of `count` entries (without replacement) to the front of
 * `values`, in random order: a partial Fisher–Yates shuffle (`count = values.length` shuffles
 * everything). Row subsamples, column samples and validation splits all draw this way.
 *
 * @example
 * shuffleFront(rows, 100, random) // rows[0..100) is a random sample of the rows
 */
export const shuffleFront = (values: Int32Array, count: number, random: Random): void => {
  const n = values.length
  for (let k = 0; k < Math.min(count, n); k++) {
    const j = k + Math.floor(random() * (n - k))
    const swap = values[k] as number
    values[k] = values[j] as number
    values[j] = swap
  }
}
