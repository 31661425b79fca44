/**
 * Rounds a channel count to the nearest multiple of `divisor` (at least `divisor`), never going
 * below 90% of the input — the `make_divisible` / `round_filters` rule of the MobileNet and
 * EfficientNet reference implementations.
 *
 * @example
 * makeDivisible(32 * 0.75) // 24
 * makeDivisible(96 * 0.35) // 32
 */
export const makeDivisible = (value: number, divisor = 8): number => {
  const rounded = Math.max(divisor, Math.floor((value + divisor / 2) / divisor) * divisor)
  return rounded < 0.9 * value ? rounded + divisor : rounded
}
