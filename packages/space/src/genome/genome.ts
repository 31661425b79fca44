import { type CompiledSpace, compileSpace } from "../compile/compiled-space.js"
import { geneOf, genomeToConfigurationOf } from "../compile/gene.js"
import { isSwitchedOff } from "../compile/switched-off.js"
import { type InvalidConfiguration, invalidConfiguration } from "../outcome/failure.js"
import type { Space } from "../space/space.js"
import { validateConfiguration } from "../validate/validate-configuration.js"
import type { Configuration } from "../value/value.js"

/**
 * The gene of an inactive parameter. Genomes hold one number per parameter, in declaration
 * order: the value index for categorical, ordinal and boolean parameters (false = 0, true = 1),
 * `value - low` for integers, the value itself for floats, and NaN when the parameter is inactive.
 *
 * @example
 * genome[2] = INACTIVE_GENE
 */
export const INACTIVE_GENE = Number.NaN

/**
 * Whether a gene is active (not NaN).
 *
 * @example
 * isActiveGene(genome[2] ?? Number.NaN)
 */
export const isActiveGene = (gene: number): boolean => !Number.isNaN(gene)

/**
 * Writes the genome of a configuration into `out` without allocating; `false` when the
 * configuration does not fit the space (a value not allowed, a missing or extra parameter).
 * Constraints are not checked.
 *
 * @example
 * if (!writeGenome(compileSpace(space), config, buffer)) console.error(validateConfiguration(space, config))
 */
export const writeGenome = (compiled: CompiledSpace, config: Configuration, out: Float64Array): boolean => {
  const { order, names, size } = compiled
  let present = 0
  for (let position = 0; position < size; position++) {
    const index = order[position] as number
    const name = names[index] as string
    let value: unknown = config[name]
    if (typeof value === "object" || typeof value === "function") value = Object.hasOwn(config, name) ? value : undefined
    if (isSwitchedOff(compiled, out, index)) {
      if (value !== undefined) return false
      out[index] = Number.NaN
      continue
    }
    if (value === undefined) return false
    const gene = geneOf(compiled, index, value)
    if (Number.isNaN(gene)) return false
    out[index] = gene
    present++
  }
  let keys = 0
  for (const _ in config) keys++
  return keys === present
}

/**
 * The genome of a configuration (into `out` when given), or the issues when it does not fit the
 * space. Constraints are not checked (see `validateConfiguration`).
 *
 * @example
 * const genome = configurationToGenome(space, { pe_x: 8, pe_y: 16 })
 * if (!isFailure(genome)) genome // Float64Array [1, 2]
 */
export const configurationToGenome = (space: Space, config: Configuration, out?: Float64Array): Float64Array | InvalidConfiguration => {
  const compiled = compileSpace(space)
  const genome = out ?? new Float64Array(compiled.size)
  if (writeGenome(compiled, config, genome)) return genome
  return invalidConfiguration(validateConfiguration(space, config))
}

/**
 * The configuration a genome stands for (its active genes only).
 *
 * @example
 * genomeToConfiguration(space, Float64Array.of(1, 2)) // { pe_x: 8, pe_y: 16 }
 */
export const genomeToConfiguration = (space: Space, genome: Float64Array): Configuration =>
  genomeToConfigurationOf(compileSpace(space), genome)
