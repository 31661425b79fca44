/**
 * Powers of two from `low` to `high`, both included.
 *
 * @example
 * powersOfTwo(4, 32) // [4, 8, 16, 32]
 */
export const powersOfTwo = (low: number, high: number): number[] => {
  const values: number[] = []
  for (let value = low; value <= high; value *= 2) values.push(value)
  return values
}

/** Bytes in a KiB. */
export const KiB = 1024
/** Bytes in a MiB. */
export const MiB = 1024 * 1024
