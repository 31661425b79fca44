import type { CompiledSpace } from "../compile/compiled-space.js"
import { BOOLEAN, CATEGORICAL, FLOAT } from "../compile/kind-code.js"
import { normalDraw, type Random } from "../random/random.js"
import { rangeValue } from "../sample/draw-gene.js"

/**
 * Whether a parameter has more than one value, so a mutation can change it.
 *
 * @example
 * if (canMove(compiled, index)) candidates.push(index)
 */
export const canMove = (compiled: CompiledSpace, index: number): boolean => (compiled.count[index] as number) > 1

/** Folds a coordinate back into [0, 1] by reflection at both ends. */
const reflectUnit = (t: number): number => {
  let folded = Math.abs(t) % 2
  if (folded > 1) folded = 2 - folded
  return folded
}

/**
 * A neighboring gene: a different value for categorical and boolean parameters, one rank or
 * step up or down for ordinal and integer ones (reflected at the ends), a Gaussian step of
 * `sigma` in the normalized (log) coordinate for floats (reflected into the range).
 *
 * @example
 * genome[index] = moveGene(compiled, index, genome[index] ?? 0, rng, 0.1)
 */
export const moveGene = (compiled: CompiledSpace, index: number, gene: number, rng: Random, sigma: number): number => {
  const kind = compiled.kind[index]
  const count = compiled.count[index] as number
  if (kind === BOOLEAN) return 1 - gene
  if (kind === CATEGORICAL) {
    const other = Math.min(count - 2, Math.floor(rng() * (count - 1)))
    return other >= gene ? other + 1 : other
  }
  if (kind === FLOAT) {
    const span = compiled.coordSpan[index] as number
    const start = compiled.coordLow[index] as number
    const t = ((compiled.log[index] === 1 ? Math.log(gene) : gene) - start) / span
    return rangeValue(compiled, index, reflectUnit(t + sigma * normalDraw(rng)))
  }
  const step = rng() < 0.5 ? -1 : 1
  const next = gene + step
  return next < 0 ? 1 : next > count - 1 ? count - 2 : next
}
