import { compileSpace } from "../compile/compiled-space.js"
import { BOOLEAN, CATEGORICAL, FLOAT, INTEGER } from "../compile/kind-code.js"
import { writeGenome } from "../genome/genome.js"
import { type InvalidConfiguration, invalidConfiguration } from "../outcome/failure.js"
import type { Space } from "../space/space.js"
import { validateConfiguration } from "../validate/validate-configuration.js"
import type { Configuration } from "../value/value.js"

/**
 * The length of the vectors `encode` writes: one slot per value for categorical parameters,
 * one slot for every other parameter.
 *
 * @example
 * vectorLength(defineSpace({ name: "s", parameters: [categorical("df", ["ws", "os", "rs"]), ordinal("pe", [4, 8])] })) // 4
 */
export const vectorLength = (space: Space): number => compileSpace(space).vectorLength

/**
 * Encodes a genome into `[0, 1]^d` (into `out` when given, which must be `vectorLength` long):
 * one-hot for categorical, `index / (n - 1)` for ordinal (0.5 when n = 1), `(v - low) / (high - low)`
 * for ranges (of the logarithms for log ranges; 0.5 when low = high), 0 / 1 for booleans.
 * Inactive parameters encode as all zeros. The allocation-free hot path.
 *
 * @example
 * const vector = new Float64Array(vectorLength(space))
 * encodeGenome(space, genome, vector)
 */
export const encodeGenome = (space: Space, genome: Float64Array, out?: Float64Array): Float64Array => {
  const compiled = compileSpace(space)
  const { size, kind, count, vectorOffset, log, coordLow, coordSpan, low } = compiled
  const vector = out ?? new Float64Array(compiled.vectorLength)
  vector.fill(0)
  for (let index = 0; index < size; index++) {
    const gene = genome[index] as number
    if (Number.isNaN(gene)) continue
    const offset = vectorOffset[index] as number
    const k = kind[index]
    if (k === CATEGORICAL) {
      vector[offset + gene] = 1
    } else if (k === BOOLEAN) {
      vector[offset] = gene
    } else if (k === INTEGER || k === FLOAT) {
      const span = coordSpan[index] as number
      if (span === 0) vector[offset] = 0.5
      else if (log[index] === 1)
        vector[offset] = (Math.log(k === INTEGER ? (low[index] as number) + gene : gene) - (coordLow[index] as number)) / span
      else if (k === INTEGER) vector[offset] = gene / span
      else vector[offset] = (gene - (coordLow[index] as number)) / span
    } else {
      const n = count[index] as number
      vector[offset] = n === 1 ? 0.5 : gene / (n - 1)
    }
  }
  return vector
}

/**
 * Encodes a configuration into `[0, 1]^d` (see `encodeGenome`), or returns the issues when it
 * does not fit the space. Allocates nothing but the vector (none when `out` is given).
 *
 * @example
 * const vector = encode(space, { dataflow: "os", pe: 8 }) // Float64Array [0, 1, 0, 1]
 */
export const encode = (space: Space, config: Configuration, out?: Float64Array): Float64Array | InvalidConfiguration => {
  const compiled = compileSpace(space)
  if (!writeGenome(compiled, config, compiled.scratch)) return invalidConfiguration(validateConfiguration(space, config))
  return encodeGenome(space, compiled.scratch, out)
}
