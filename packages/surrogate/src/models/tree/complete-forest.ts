import type { Forest } from "./forest.js"

/**
 * A forest laid out for branch-free prediction: every tree padded to a complete binary tree of
 * `depth` levels in heap order (node `i`'s children are `2i + 1`, `2i + 2`), so a prediction is
 * `depth` comparisons per tree with no data-dependent branch. A leaf above the last level becomes
 * nodes that always go left (threshold +Infinity) down to copies of its value.
 */
export interface CompleteForest {
  readonly base: number
  readonly trees: number
  readonly depth: number
  /** Per tree `2^depth - 1` internal nodes. */
  readonly feature: Int32Array
  readonly threshold: Float64Array
  /** Per tree `2^depth` leaves. */
  readonly value: Float64Array
}

/** The deepest level beyond which the padded layout would be too large; deeper forests keep the node layout. */
export const MAX_COMPLETE_DEPTH = 10

const depthOf = (forest: Forest, node: number): number =>
  (forest.feature[node] as number) < 0
    ? 0
    : 1 + Math.max(depthOf(forest, forest.left[node] as number), depthOf(forest, forest.right[node] as number))

/**
 * The complete layout of a forest, or undefined when a tree is deeper than `MAX_COMPLETE_DEPTH`.
 * Predictions are identical to the node layout's (the same leaves, summed in the same order).
 *
 * @example
 * const complete = completeForestOf(forest)
 */
export const completeForestOf = (forest: Forest): CompleteForest | undefined => {
  let depth = 0
  for (const root of forest.roots) depth = Math.max(depth, depthOf(forest, root))
  if (depth > MAX_COMPLETE_DEPTH) return undefined
  const internal = 2 ** depth - 1
  const leaves = 2 ** depth
  const trees = forest.roots.length
  const feature = new Int32Array(trees * internal)
  const threshold = new Float64Array(trees * internal).fill(Number.POSITIVE_INFINITY)
  const value = new Float64Array(trees * leaves)
  const place = (tree: number, node: number, heap: number, level: number): void => {
    const isLeaf = (forest.feature[node] as number) < 0
    if (level === depth) {
      value[tree * leaves + heap - internal] = forest.value[node] as number
      return
    }
    if (!isLeaf) {
      feature[tree * internal + heap] = forest.feature[node] as number
      threshold[tree * internal + heap] = forest.threshold[node] as number
    }
    place(tree, isLeaf ? node : (forest.left[node] as number), 2 * heap + 1, level + 1)
    place(tree, isLeaf ? node : (forest.right[node] as number), 2 * heap + 2, level + 1)
  }
  for (const [tree, root] of forest.roots.entries()) place(tree, root, 0, 0)
  return { base: forest.base, trees, depth, feature, threshold, value }
}

/**
 * The prediction for the row of `features` at `offset`: `depth` comparisons per tree, the child
 * picked arithmetically (NaN goes right, as in the node layout).
 *
 * @example
 * predictCompleteForest(complete, features, 0)
 */
export const predictCompleteForest = (forest: CompleteForest, features: ArrayLike<number>, offset: number): number => {
  const { trees, depth, feature, threshold, value } = forest
  const internal = 2 ** depth - 1
  const leaves = internal + 1
  let sum = forest.base
  for (let t = 0; t < trees; t++) {
    const base = t * internal
    let heap = 0
    for (let level = 0; level < depth; level++) {
      const slot = base + heap
      heap = 2 * heap + 2 - +((features[offset + (feature[slot] as number)] as number) <= (threshold[slot] as number))
    }
    sum += value[t * leaves + heap - internal] as number
  }
  return sum
}

const BLOCK = 256

/**
 * Predictions for `rows` rows of `width` features into `out`, tree by tree over blocks of rows
 * (each tree stays in cache while a block passes); identical to `predictCompleteForest` per row.
 *
 * @example
 * predictCompleteForestMany(complete, matrix, rows, width, out)
 */
export const predictCompleteForestMany = (
  forest: CompleteForest,
  features: ArrayLike<number>,
  rows: number,
  width: number,
  out: Float64Array,
): void => {
  const { trees, depth, feature, threshold, value } = forest
  const internal = 2 ** depth - 1
  const leaves = internal + 1
  for (let start = 0; start < rows; start += BLOCK) {
    const end = Math.min(rows, start + BLOCK)
    out.fill(forest.base, start, end)
    for (let t = 0; t < trees; t++) {
      const base = t * internal
      const leafBase = t * leaves - internal
      // Eight rows at a time, unrolled by hand: their walks are independent chains of loads the CPU
      // overlaps (twice the rate of a loop over eight lanes held in arrays, which V8 does not unroll).
      let i = start
      for (; i + 7 < end; i += 8) {
        const o0 = i * width
        const o1 = o0 + width
        const o2 = o1 + width
        const o3 = o2 + width
        const o4 = o3 + width
        const o5 = o4 + width
        const o6 = o5 + width
        const o7 = o6 + width
        let h0 = 0
        let h1 = 0
        let h2 = 0
        let h3 = 0
        let h4 = 0
        let h5 = 0
        let h6 = 0
        let h7 = 0
        for (let level = 0; level < depth; level++) {
          const s0 = base + h0
          const s1 = base + h1
          const s2 = base + h2
          const s3 = base + h3
          const s4 = base + h4
          const s5 = base + h5
          const s6 = base + h6
          const s7 = base + h7
          h0 = 2 * h0 + 2 - +((features[o0 + (feature[s0] as number)] as number) <= (threshold[s0] as number))
          h1 = 2 * h1 + 2 - +((features[o1 + (feature[s1] as number)] as number) <= (threshold[s1] as number))
          h2 = 2 * h2 + 2 - +((features[o2 + (feature[s2] as number)] as number) <= (threshold[s2] as number))
          h3 = 2 * h3 + 2 - +((features[o3 + (feature[s3] as number)] as number) <= (threshold[s3] as number))
          h4 = 2 * h4 + 2 - +((features[o4 + (feature[s4] as number)] as number) <= (threshold[s4] as number))
          h5 = 2 * h5 + 2 - +((features[o5 + (feature[s5] as number)] as number) <= (threshold[s5] as number))
          h6 = 2 * h6 + 2 - +((features[o6 + (feature[s6] as number)] as number) <= (threshold[s6] as number))
          h7 = 2 * h7 + 2 - +((features[o7 + (feature[s7] as number)] as number) <= (threshold[s7] as number))
        }
        out[i + 0] = (out[i + 0] as number) + (value[leafBase + h0] as number)
        out[i + 1] = (out[i + 1] as number) + (value[leafBase + h1] as number)
        out[i + 2] = (out[i + 2] as number) + (value[leafBase + h2] as number)
        out[i + 3] = (out[i + 3] as number) + (value[leafBase + h3] as number)
        out[i + 4] = (out[i + 4] as number) + (value[leafBase + h4] as number)
        out[i + 5] = (out[i + 5] as number) + (value[leafBase + h5] as number)
        out[i + 6] = (out[i + 6] as number) + (value[leafBase + h6] as number)
        out[i + 7] = (out[i + 7] as number) + (value[leafBase + h7] as number)
      }
      for (; i < end; i++) {
        const offset = i * width
        let heap = 0
        for (let level = 0; level < depth; level++) {
          const slot = base + heap
          heap = 2 * heap + 2 - +((features[offset + (feature[slot] as number)] as number) <= (threshold[slot] as number))
        }
        out[i] = (out[i] as number) + (value[leafBase + heap] as number)
      }
    }
  }
}
