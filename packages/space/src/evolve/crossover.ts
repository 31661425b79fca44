import { compileSpace } from "../compile/compiled-space.js"
import { genomeToConfigurationOf } from "../compile/gene.js"
import { isSwitchedOff } from "../compile/switched-off.js"
import { writeGenome } from "../genome/genome.js"
import { type ConstraintsExhausted, constraintsExhausted, invalidConfiguration } from "../outcome/failure.js"
import type { Random } from "../random/random.js"
import { drawGene } from "../sample/draw-gene.js"
import { passesConstraints, tallyRejections } from "../sample/feasibility.js"
import type { Space } from "../space/space.js"
import { validateConfiguration } from "../validate/validate-configuration.js"
import type { Configuration } from "../value/value.js"
import { DEFAULT_EVOLVE_TRIES, type Evolved } from "./mutate.js"

/**
 * Options of `crossover`.
 *
 * @example
 * const options: CrossoverOptions = { maxTries: 100 }
 */
export interface CrossoverOptions {
  /** Attempts before giving up when constraints reject the children (default 1,000). */
  readonly maxTries?: number
}

/**
 * Uniform crossover of two genomes into `out` (a new array when not given): each parameter,
 * in topological order, takes its gene from `a` or `b` with equal odds. A parameter the child
 * activates takes the gene of the parent that has it active, or a fresh sample when neither
 * does; a parameter the child deactivates is dropped. Retries with new coins when a constraint
 * rejects the child.
 *
 * @example
 * const child = crossoverGenomes(space, mother, father, rng, buffer)
 */
export const crossoverGenomes = (
  space: Space,
  a: Float64Array,
  b: Float64Array,
  rng: Random,
  options: CrossoverOptions = {},
  out?: Float64Array,
): Float64Array | ConstraintsExhausted => {
  const compiled = compileSpace(space)
  const { size, order } = compiled
  const child = out ?? new Float64Array(size)
  const maxTries = Math.max(1, options.maxTries ?? DEFAULT_EVOLVE_TRIES)
  let counts: Float64Array | undefined
  for (let attempt = 0; attempt < maxTries; attempt++) {
    for (let position = 0; position < size; position++) {
      const index = order[position] as number
      if (isSwitchedOff(compiled, child, index)) {
        child[index] = Number.NaN
        continue
      }
      const fromA = a[index] as number
      const fromB = b[index] as number
      const gene = rng() < 0.5 ? (!Number.isNaN(fromA) ? fromA : fromB) : !Number.isNaN(fromB) ? fromB : fromA
      child[index] = !Number.isNaN(gene) ? gene : drawGene(compiled, index, rng)
    }
    if (passesConstraints(compiled, child)) return child
    counts ??= new Float64Array(compiled.constraintChecks.length)
    tallyRejections(compiled, child, counts)
  }
  return constraintsExhausted("crossover", space.name, maxTries, compiled.constraintNames, counts ?? new Float64Array(0))
}

/**
 * Uniform crossover of two configurations (see `crossoverGenomes`), repairing conditionals and
 * re-checking constraints.
 *
 * @example
 * const result = crossover(space, { pe_x: 4, pe_y: 16 }, { pe_x: 16, pe_y: 4 }, createRandom(5))
 * if (result.ok) result.configuration // each value from one of the parents
 */
export const crossover = (space: Space, a: Configuration, b: Configuration, rng: Random, options: CrossoverOptions = {}): Evolved => {
  const compiled = compileSpace(space)
  if (!writeGenome(compiled, a, compiled.scratch)) return invalidConfiguration(validateConfiguration(space, a))
  const second = new Float64Array(compiled.size)
  if (!writeGenome(compiled, b, second)) return invalidConfiguration(validateConfiguration(space, b))
  const child = crossoverGenomes(space, compiled.scratch, second, rng, options, compiled.scratchB)
  if (!(child instanceof Float64Array)) return child
  return { ok: true, configuration: genomeToConfigurationOf(compiled, child) }
}
