import { compileSpace } from "../compile/compiled-space.js"
import { FLOAT, INTEGER } from "../compile/kind-code.js"
import type { Space } from "../space/space.js"

/**
 * The number of configurations of a space, or `"infinite"` when it has a float range.
 *
 * @example
 * const count: Cardinality = 1200n
 */
export type Cardinality = bigint | "infinite"

/**
 * Counts the configurations of a space exactly, ignoring constraints: independent parameters
 * multiply, and a parent contributes the sum over its values of the product of the counts of
 * the children that value activates. Integer ranges count their values; a float range makes the
 * space infinite (unless low = high).
 *
 * @example
 * // block ∈ {conv, mbconv}; kernel ∈ {3, 5, 7}; expand ∈ {3, 4, 6} only for mbconv
 * cardinality(space) // (1 + 3) * 3 = 12n
 */
export const cardinality = (space: Space): Cardinality => {
  const compiled = compileSpace(space)
  const { size, order, parent, activeOn, kind, count } = compiled
  for (let index = 0; index < size; index++) if (count[index] === Number.POSITIVE_INFINITY) return "infinite"
  const subtree: bigint[] = new Array(size).fill(1n)
  const children: number[][] = Array.from({ length: size }, () => [])
  for (let index = 0; index < size; index++) if ((parent[index] as number) >= 0) children[parent[index] as number]?.push(index)
  let total = 1n
  for (let position = size - 1; position >= 0; position--) {
    const index = order[position] as number
    const n = count[index] as number
    let sum = 0n
    if (kind[index] === INTEGER || kind[index] === FLOAT) sum = BigInt(n)
    else {
      for (let value = 0; value < n; value++) {
        let product = 1n
        for (const child of children[index] ?? []) if (activeOn[child]?.[value] === 1) product *= subtree[child] as bigint
        sum += product
      }
    }
    subtree[index] = sum
    if ((parent[index] as number) < 0) total *= sum
  }
  return total
}
