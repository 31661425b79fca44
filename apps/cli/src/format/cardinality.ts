/**
 * A space's number of configurations (a decimal string, or "infinite", as `describeSpace` gives
 * it) for people: digits grouped, with an order of magnitude from a billion up.
 *
 * @example
 * cardinalityText("452760000") // "452,760,000"
 * cardinalityText("984770902183611232881") // "984,770,902,183,611,232,881 (about 9.85e20)"
 */
export const cardinalityText = (cardinality: string): string => {
  if (!/^\d+$/.test(cardinality)) return cardinality
  const count = BigInt(cardinality)
  const grouped = count.toLocaleString("en-US")
  return count < 1_000_000_000n ? grouped : `${grouped} (about ${Number(count).toExponential(2).replace("+", "")})`
}

/**
 * A space's number of configurations in a short form for tables: grouped digits below 10^15,
 * else its order of magnitude.
 *
 * @example
 * shortCardinalityText("15625") // "15,625"
 * shortCardinalityText("984770902183611232881") // "about 9.85e20"
 */
export const shortCardinalityText = (cardinality: string): string => {
  if (!/^\d+$/.test(cardinality)) return cardinality
  const count = BigInt(cardinality)
  return count < 1_000_000_000_000_000n ? count.toLocaleString("en-US") : `about ${Number(count).toExponential(2).replace("+", "")}`
}
