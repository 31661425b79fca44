import type { CompiledSpace } from "../compile/compiled-space.js"
import { FLOAT, INTEGER } from "../compile/kind-code.js"
import { isSwitchedOff } from "../compile/switched-off.js"
import type { Random } from "../random/random.js"

/**
 * A float range value from its normalized coordinate `t` in [0, 1] (log spaced for log ranges),
 * clamped into the range.
 *
 * @example
 * rangeValue(compiled, index, 0.5) // the geometric mean of low and high for a log range
 */
export const rangeValue = (compiled: CompiledSpace, index: number, t: number): number => {
  const coordinate = (compiled.coordLow[index] as number) + t * (compiled.coordSpan[index] as number)
  const value = compiled.log[index] === 1 ? Math.exp(coordinate) : coordinate
  const low = compiled.low[index] as number
  const high = compiled.high[index] as number
  return Math.min(Math.max(value, low), high)
}

/**
 * Draws one gene for an active parameter: weighted by sub-configuration counts for parents
 * (see `sampleWeights`), uniform over values otherwise, uniform in the (log) coordinate for floats.
 *
 * @example
 * genome[index] = drawGene(compiled, index, rng)
 */
export const drawGene = (compiled: CompiledSpace, index: number, rng: Random): number => {
  const kind = compiled.kind[index]
  const u = rng()
  if (kind === FLOAT) return compiled.coordSpan[index] === 0 ? (compiled.low[index] as number) : rangeValue(compiled, index, u)
  const count = compiled.count[index] as number
  const cumulative = kind === INTEGER ? undefined : compiled.cumulative[index]
  if (cumulative === undefined) {
    const gene = Math.floor(u * count)
    return gene < count ? gene : count - 1
  }
  let gene = 0
  const last = count - 1
  while (gene < last && u >= (cumulative[gene] as number)) gene++
  return gene
}

/**
 * Fills `out` with a sample of the structure (every active parameter drawn, inactive ones NaN),
 * without checking constraints.
 *
 * @example
 * drawGenome(compiled, rng, buffer)
 */
export const drawGenome = (compiled: CompiledSpace, rng: Random, out: Float64Array): void => {
  const { order, size } = compiled
  for (let position = 0; position < size; position++) {
    const index = order[position] as number
    if (isSwitchedOff(compiled, out, index)) {
      out[index] = Number.NaN
      continue
    }
    out[index] = drawGene(compiled, index, rng)
  }
}
