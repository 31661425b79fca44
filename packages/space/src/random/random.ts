import seedrandom from "seedrandom"

/**
 * A source of uniform numbers in [0, 1). Every random choice of this package takes one, so a
 * seed fixes every result.
 *
 * @example
 * const rng: Random = createRandom(42)
 */
export type Random = () => number

/**
 * A fast seeded generator (Alea): the same seed gives the same stream.
 *
 * @example
 * const rng = createRandom("experiment-1")
 * rng() // 0.0 <= x < 1.0, the same on every run
 */
export const createRandom = (seed: string | number): Random => seedrandom.alea(String(seed))

/**
 * A standard normal draw (Box–Muller).
 *
 * @example
 * const step = 0.1 * normalDraw(rng)
 */
export const normalDraw = (rng: Random): number => {
  const radius = Math.sqrt(-2 * Math.log(1 - rng()))
  return radius * Math.cos(2 * Math.PI * rng())
}
