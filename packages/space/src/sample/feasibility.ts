import { type CompiledSpace, compileSpace } from "../compile/compiled-space.js"
import type { Space } from "../space/space.js"

/**
 * Whether a genome satisfies every constraint of its compiled space.
 *
 * @example
 * if (passesConstraints(compiled, genome)) accept(genome)
 */
export const passesConstraints = (compiled: CompiledSpace, genome: Float64Array): boolean => {
  const checks = compiled.constraintChecks
  for (let index = 0; index < checks.length; index++) if (!(checks[index] as (genome: Float64Array) => boolean)(genome)) return false
  return true
}

/**
 * Adds one to `counts[i]` for each constraint `i` the genome violates.
 *
 * @example
 * tallyRejections(compiled, genome, counts)
 */
export const tallyRejections = (compiled: CompiledSpace, genome: Float64Array, counts: Float64Array): void => {
  compiled.constraintChecks.forEach((check, index) => {
    if (!check(genome)) counts[index] = (counts[index] as number) + 1
  })
}

/**
 * Whether a (structurally valid) genome satisfies every constraint of the space.
 *
 * @example
 * isFeasibleGenome(space, decodeGenome(space, vector)) // false when a constraint rejects the decoded point
 */
export const isFeasibleGenome = (space: Space, genome: Float64Array): boolean => passesConstraints(compileSpace(space), genome)
