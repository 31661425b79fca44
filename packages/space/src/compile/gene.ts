import type { Configuration, Value } from "../value/value.js"
import type { CompiledSpace } from "./compiled-space.js"
import { BOOLEAN, CATEGORICAL, FLOAT, INTEGER, ORDINAL } from "./kind-code.js"

/**
 * The value an active gene stands for: the listed value at that index, `low + gene` for
 * integers, the gene itself for floats, `gene === 1` for booleans.
 *
 * @example
 * geneValue(compileSpace(space), 0, 2) // the third value of the first parameter
 */
export const geneValue = (compiled: CompiledSpace, index: number, gene: number): Value => {
  switch (compiled.kind[index]) {
    case INTEGER:
      return (compiled.low[index] as number) + gene
    case FLOAT:
      return gene
    case BOOLEAN:
      return gene === 1
    default:
      return compiled.values[index]?.[gene] as Value
  }
}

/**
 * The gene of a value for one parameter, or NaN when the value is not allowed there.
 *
 * @example
 * geneOf(compileSpace(space), 0, 16) // 2 when the first parameter is ordinal [4, 8, 16]
 */
export const geneOf = (compiled: CompiledSpace, index: number, value: unknown): number => {
  switch (compiled.kind[index]) {
    case CATEGORICAL:
    case ORDINAL: {
      const at = (compiled.values[index] as readonly unknown[]).indexOf(value)
      return at < 0 ? Number.NaN : at
    }
    case INTEGER: {
      const low = compiled.low[index] as number
      return typeof value === "number" && Number.isInteger(value) && value >= low && value <= (compiled.high[index] as number)
        ? value - low
        : Number.NaN
    }
    case FLOAT:
      return typeof value === "number" && value >= (compiled.low[index] as number) && value <= (compiled.high[index] as number)
        ? value
        : Number.NaN
    default:
      return value === true ? 1 : value === false ? 0 : Number.NaN
  }
}

/**
 * The configuration of a genome: one entry per active gene, in declaration order.
 *
 * @example
 * genomeToConfigurationOf(compileSpace(space), Float64Array.of(0, 2)) // { pe_x: 4, pe_y: 16 }
 */
export const genomeToConfigurationOf = (compiled: CompiledSpace, genome: Float64Array): Configuration => {
  const { names, size, configurationTemplate } = compiled
  if (configurationTemplate !== undefined) {
    const config: Record<string, Value> = { ...configurationTemplate }
    for (let index = 0; index < size; index++) config[names[index] as string] = geneValue(compiled, index, genome[index] as number)
    return config
  }
  const config: Record<string, Value> = {}
  for (let index = 0; index < size; index++) {
    const gene = genome[index] as number
    if (!Number.isNaN(gene)) config[names[index] as string] = geneValue(compiled, index, gene)
  }
  return config
}

/**
 * Whether a parameter is active given the genes of the parameters before it in topological order.
 *
 * @example
 * if (!isActiveIn(compiled, genome, index)) genome[index] = Number.NaN
 */
export const isActiveIn = (compiled: CompiledSpace, genome: Float64Array, index: number): boolean => {
  const up = compiled.parent[index] as number
  if (up < 0) return true
  const gene = genome[up] as number
  return !Number.isNaN(gene) && (compiled.activeOn[index] as Uint8Array)[gene] === 1
}
