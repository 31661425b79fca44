import { type CompiledSpace, compileSpace } from "../compile/compiled-space.js"
import { genomeToConfigurationOf } from "../compile/gene.js"
import { BOOLEAN, CATEGORICAL, FLOAT, INTEGER } from "../compile/kind-code.js"
import { isSwitchedOff } from "../compile/switched-off.js"
import { rangeValue } from "../sample/draw-gene.js"
import type { Space } from "../space/space.js"
import type { Configuration } from "../value/value.js"

const bits = new Float64Array(1)
const words = new BigInt64Array(bits.buffer)

/** The next double after `x` towards +Infinity (`up`) or -Infinity. */
const nextDouble = (x: number, up: boolean): number => {
  if (x === 0) return up ? Number.MIN_VALUE : -Number.MIN_VALUE
  bits[0] = x
  words[0] = (words[0] as bigint) + (x > 0 === up ? 1n : -1n)
  return bits[0] as number
}

/** The normalized coordinate of a float value, exactly as `encodeGenome` computes it. */
const floatCoordinate = (compiled: CompiledSpace, index: number, value: number): number => {
  const span = compiled.coordSpan[index] as number
  const start = compiled.coordLow[index] as number
  return compiled.log[index] === 1 ? (Math.log(value) - start) / span : (value - start) / span
}

/**
 * The float value for a coordinate: the inverse map, then a search over the few neighboring
 * doubles for one that encodes back to exactly `t`, so `decode(encode(v))` returns `v` itself
 * whenever the coordinate can tell `v` from its neighbors, and the nearest value that encodes
 * identically otherwise.
 */
const floatValue = (compiled: CompiledSpace, index: number, t: number): number => {
  const value = rangeValue(compiled, index, t)
  const found = floatCoordinate(compiled, index, value)
  if (found === t) return value
  const up = found < t
  const high = compiled.high[index] as number
  const low = compiled.low[index] as number
  let candidate = value
  for (let step = 0; step < 16; step++) {
    candidate = nextDouble(candidate, up)
    if (candidate > high || candidate < low) break
    const coordinate = floatCoordinate(compiled, index, candidate)
    if (coordinate === t) return candidate
    if (coordinate < t !== up) break
  }
  return value
}

const clampUnit = (x: number): number => (x > 0 ? Math.min(x, 1) : 0)

/**
 * Decodes a vector to the genome of the nearest valid configuration (into `out` when given):
 * the largest slot of a one-hot block (the first on ties), the nearest rank, step or value of a
 * range (in log space for log ranges), `>= 0.5` for booleans. Coordinates outside [0, 1] are
 * clamped. Parameters whose condition the decoded parents do not meet are inactive, whatever
 * their slots hold. Constraints are not checked (see `isFeasibleGenome`).
 *
 * @example
 * const genome = decodeGenome(space, proposal, buffer)
 */
export const decodeGenome = (space: Space, vector: ArrayLike<number>, out?: Float64Array): Float64Array => {
  const compiled = compileSpace(space)
  const { size, order, kind, count, vectorOffset, vectorWidth, log, low, coordSpan } = compiled
  const genome = out ?? new Float64Array(size)
  for (let position = 0; position < size; position++) {
    const index = order[position] as number
    if (isSwitchedOff(compiled, genome, index)) {
      genome[index] = Number.NaN
      continue
    }
    const offset = vectorOffset[index] as number
    const k = kind[index]
    if (k === CATEGORICAL) {
      let best = 0
      let bestScore = Number.NEGATIVE_INFINITY
      const width = vectorWidth[index] as number
      for (let slot = 0; slot < width; slot++) {
        const score = vector[offset + slot] as number
        if (score > bestScore) {
          best = slot
          bestScore = score
        }
      }
      genome[index] = best
      continue
    }
    const t = clampUnit(vector[offset] as number)
    const n = count[index] as number
    if (k === BOOLEAN) genome[index] = t >= 0.5 ? 1 : 0
    else if (k === FLOAT) genome[index] = coordSpan[index] === 0 ? (low[index] as number) : floatValue(compiled, index, t)
    else if (k === INTEGER && log[index] === 1 && n > 1) {
      const value = Math.round(rangeValue(compiled, index, t))
      genome[index] = Math.min(n - 1, Math.max(0, value - (low[index] as number)))
    } else genome[index] = n === 1 ? 0 : Math.min(n - 1, Math.round(t * (n - 1)))
  }
  return genome
}

/**
 * Decodes a vector to the nearest valid configuration (see `decodeGenome`). For every valid
 * configuration `x`, `decode(space, encode(space, x))` equals `x`: exactly for every kind but
 * float ranges, which come back exactly when the coordinate resolves them and otherwise as the
 * nearest double that encodes identically (relative error ~1e-15).
 *
 * @example
 * decode(space, Float64Array.of(0, 1, 0, 1)) // { dataflow: "os", pe: 8 }
 */
export const decode = (space: Space, vector: ArrayLike<number>): Configuration => {
  const compiled = compileSpace(space)
  return genomeToConfigurationOf(compiled, decodeGenome(space, vector, compiled.scratch))
}
