import type { CompiledSpace } from "./compiled-space.js"

/**
 * True when parameter `index` is inactive because its parent is inactive or holds a value that
 * does not activate it. Genes are visited parents first (`compiled.order`), so the parent's gene
 * is already final when this is asked.
 *
 * @example
 * if (isSwitchedOff(compiled, genome, index)) genome[index] = Number.NaN
 */
export const isSwitchedOff = (compiled: CompiledSpace, genome: ArrayLike<number>, index: number): boolean => {
  const up = compiled.parent[index] as number
  if (up < 0) return false
  const upGene = genome[up] as number
  return Number.isNaN(upGene) || (compiled.activeOn[index] as Uint8Array)[upGene] === 0
}
