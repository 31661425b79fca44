import type { Operand } from "@cosearch/accelerator"

/**
 * The eight dimensions of the canonical loop nest (docs/network.md), in canonical order.
 *
 * @example
 * const outer: Dimension = "K"
 */
export type Dimension = "N" | "G" | "K" | "C" | "P" | "Q" | "R" | "S"

/**
 * The dimensions in canonical order: the index order of per-dimension typed arrays.
 *
 * @example
 * dimensions.indexOf("C") // 3
 */
export const dimensions: readonly Dimension[] = ["N", "G", "K", "C", "P", "Q", "R", "S"]

/**
 * Index of a dimension in `dimensions`, or -1 for a value that is none.
 *
 * @example
 * dimensionIndex("R") // 6
 */
export const dimensionIndex = (value: unknown): number => {
  switch (value) {
    case "N":
      return 0
    case "G":
      return 1
    case "K":
      return 2
    case "C":
      return 3
    case "P":
      return 4
    case "Q":
      return 5
    case "R":
      return 6
    case "S":
      return 7
    default:
      return -1
  }
}

/**
 * Loop factors per dimension; an absent dimension has factor 1.
 *
 * @example
 * const factors: DimensionFactors = { K: 4, C: 2 }
 */
export type DimensionFactors = { readonly [dimension in Dimension]?: number }

/**
 * The temporal loops of one storage level: their factors and their order, outermost first. The
 * order must list every dimension whose factor exceeds 1 (it may list others; a factor-1 loop
 * does nothing).
 *
 * @example
 * const glb: LevelMapping = { factors: { K: 4, P: 2 }, order: ["P", "K"] } // K innermost
 */
export interface LevelMapping {
  readonly factors: DimensionFactors
  readonly order: readonly Dimension[]
}

/**
 * A mapping of a loop nest onto a hierarchical accelerator, after Timeloop's: for each storage
 * level (same order as the accelerator's, outermost first) the temporal loops that walk that
 * level's tile, handing sub-tiles to the level below; the spatial loops over the PE array's X and
 * Y at the fan-out (between the last shared and the first per-PE level); and, on an accelerator
 * whose PEs have lanes, those over the lanes (`laneSpatial`). For every dimension the product of
 * all its factors (temporal at every level, X and Y, the lanes' X and Y) must equal the
 * nest's bound exactly: no padding; a mapper picks divisors.
 *
 * @example
 * // 1x1 conv, K = 4, C = 8, P = Q = 2 on DRAM -> RF with 2x2 PEs: K over X, C over Y.
 * const mapping: Mapping = {
 *   levels: [
 *     { factors: { K: 2, C: 4 }, order: ["K", "C"] },
 *     { factors: { P: 2, Q: 2 }, order: ["P", "Q"] },
 *   ],
 *   spatial: { x: { K: 2 }, y: { C: 2 } },
 * }
 */
export interface Mapping {
  readonly levels: readonly LevelMapping[]
  readonly spatial: { readonly x: DimensionFactors; readonly y: DimensionFactors }
  /**
   * The spatial loops over each PE's vector lanes, `x` and `y`, at the second fan-out (between the
   * last per-PE and the first per-lane level) of an accelerator with `array.lanes`; they count in
   * the product of each dimension's factors. Absent: nothing spread over the lanes (one lane used).
   * Refused on an accelerator without lanes.
   */
  readonly laneSpatial?: { readonly x: DimensionFactors; readonly y: DimensionFactors }
  /**
   * How the mapping groups the accelerator's PEs, when not as its array: `x` PEs in each of `y`
   * groups, at most the PEs the accelerator has; spatial factors are then checked against these.
   * `clusters: true` when the groups are MAESTRO's clusters (`Cluster(64)` on 256 PEs is
   * `{ x: 64, y: 4, clusters: true }`): a level of their own, restarted at each step of the
   * outermost loops under MAESTRO's off-chip timing (`trafficModel: "tiles-per-step"`).
   * Absent: the accelerator's array.
   */
  readonly array?: { readonly x: number; readonly y: number; readonly clusters?: boolean }
}

/**
 * Whether an operand's index depends on a dimension: weights on G, K, C, R, S; inputs on N, G, C,
 * P, Q, R, S; outputs on N, G, K, P, Q. Loops over the other dimensions reuse the operand.
 *
 * @example
 * isRelevant("weights", "P") // false: every output pixel uses the same weights
 */
export const isRelevant = (operand: Operand, dimension: Dimension): boolean => {
  const index = dimensionIndex(dimension)
  return index >= 0 && relevance[(operand === "weights" ? 0 : operand === "inputs" ? 1 : 2) * 8 + index] === 1
}

/** Relevance by operand (weights, inputs, outputs) x dimension (canonical order). @internal */
export const relevance: Uint8Array = Uint8Array.from([0, 1, 1, 1, 0, 0, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 0, 0])

/**
 * The factor of a dimension in a factor record (1 when absent).
 *
 * @example
 * factorOf({ K: 4 }, "C") // 1
 */
export const factorOf = (factors: DimensionFactors, dimension: Dimension): number => factors[dimension] ?? 1
