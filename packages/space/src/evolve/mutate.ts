import { compileSpace } from "../compile/compiled-space.js"
import { genomeToConfigurationOf } from "../compile/gene.js"
import { writeGenome } from "../genome/genome.js"
import { type ConstraintsExhausted, constraintsExhausted, type InvalidConfiguration, invalidConfiguration } from "../outcome/failure.js"
import type { Random } from "../random/random.js"
import { drawGene } from "../sample/draw-gene.js"
import { passesConstraints, tallyRejections } from "../sample/feasibility.js"
import type { Space } from "../space/space.js"
import { validateConfiguration } from "../validate/validate-configuration.js"
import type { Configuration } from "../value/value.js"
import { canMove, moveGene } from "./move-gene.js"

/**
 * Options of `mutate`.
 *
 * @example
 * const options: MutateOptions = { k: 2, sigma: 0.05 }
 */
export interface MutateOptions {
  /** Active parameters to change (default 1; fewer when fewer can change). */
  readonly k?: number
  /** Standard deviation of float steps in the normalized coordinate (default 0.1). */
  readonly sigma?: number
  /** Attempts before giving up when constraints reject the mutants (default 1,000). */
  readonly maxTries?: number
}

/**
 * The default bound on mutants or children rejected by constraints.
 *
 * @example
 * mutate(space, config, rng, { maxTries: DEFAULT_EVOLVE_TRIES })
 */
export const DEFAULT_EVOLVE_TRIES = 1000

/**
 * The outcome of `mutate` and `crossover`: a configuration, or why none could be made.
 *
 * @example
 * const result: Evolved = mutate(space, parent, rng)
 * if (result.ok) offspring.push(result.configuration)
 */
export type Evolved = { readonly ok: true; readonly configuration: Configuration } | ConstraintsExhausted | InvalidConfiguration

/**
 * Mutates a genome into `out` (a new array when not given): changes `k` distinct active
 * parameters that have more than one value (see `moveGene`), samples parameters the changes
 * activate (uniformly, as `sample` does), drops those they deactivate, and retries when a
 * constraint rejects the mutant. The input genome is left untouched. When no parameter can
 * change, the copy is returned as is.
 *
 * @example
 * const child = mutateGenome(space, parent, rng, { k: 2 }, buffer)
 * if (isFailure(child)) console.error(child.message)
 */
export const mutateGenome = (
  space: Space,
  genome: Float64Array,
  rng: Random,
  options: MutateOptions = {},
  out?: Float64Array,
): Float64Array | ConstraintsExhausted => {
  const compiled = compileSpace(space)
  const { size, order, parent, activeOn, scratchIndices } = compiled
  const mutant = out ?? new Float64Array(size)
  const sigma = options.sigma ?? 0.1
  const maxTries = Math.max(1, options.maxTries ?? DEFAULT_EVOLVE_TRIES)
  let candidates = 0
  for (let index = 0; index < size; index++) {
    const gene = genome[index] as number
    if (!Number.isNaN(gene) && canMove(compiled, index)) scratchIndices[candidates++] = index
  }
  const k = Math.min(Math.max(0, Math.floor(options.k ?? 1)), candidates)
  let counts: Float64Array | undefined
  for (let attempt = 0; attempt < maxTries; attempt++) {
    mutant.set(genome)
    // Partial Fisher–Yates: the first k entries become a uniform choice of k candidates.
    for (let pick = 0; pick < k; pick++) {
      const swap = pick + Math.floor(rng() * (candidates - pick))
      const chosen = scratchIndices[swap] as number
      scratchIndices[swap] = scratchIndices[pick] as number
      scratchIndices[pick] = chosen
      // Mark a chosen gene by moving it now; repair below fixes what the move (de)activates.
      mutant[chosen] = moveGene(compiled, chosen, mutant[chosen] as number, rng, sigma)
    }
    for (let position = 0; position < size; position++) {
      const index = order[position] as number
      const up = parent[index] as number
      if (up < 0) continue
      const upGene = mutant[up] as number
      const active = !Number.isNaN(upGene) && (activeOn[index] as Uint8Array)[upGene] === 1
      const gene = mutant[index] as number
      if (!active) mutant[index] = Number.NaN
      else if (Number.isNaN(gene)) mutant[index] = drawGene(compiled, index, rng)
    }
    if (passesConstraints(compiled, mutant)) return mutant
    counts ??= new Float64Array(compiled.constraintChecks.length)
    tallyRejections(compiled, mutant, counts)
  }
  return constraintsExhausted("mutate", space.name, maxTries, compiled.constraintNames, counts ?? new Float64Array(0))
}

/**
 * Mutates a configuration (see `mutateGenome`): `k` active parameters change, newly active
 * conditional parameters are sampled, deactivated ones dropped, constraints re-checked.
 *
 * @example
 * const result = mutate(space, { pe_x: 8, pe_y: 8 }, createRandom(3), { k: 1 })
 * if (result.ok) result.configuration // e.g. { pe_x: 16, pe_y: 8 }
 */
export const mutate = (space: Space, config: Configuration, rng: Random, options: MutateOptions = {}): Evolved => {
  const compiled = compileSpace(space)
  if (!writeGenome(compiled, config, compiled.scratch)) return invalidConfiguration(validateConfiguration(space, config))
  const mutant = mutateGenome(space, compiled.scratch, rng, options, compiled.scratchB)
  if (!(mutant instanceof Float64Array)) return mutant
  return { ok: true, configuration: genomeToConfigurationOf(compiled, mutant) }
}
