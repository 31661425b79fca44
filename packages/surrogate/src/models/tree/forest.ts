/**
 * Regression trees stored flat in typed arrays, one node per index: an internal node sends a row
 * left when `row[feature] <= threshold` (NaN goes right), a leaf (`feature` = -1) holds `value`.
 * A forest's prediction is `base` plus the leaf value of every tree (a boosted ensemble folds its
 * learning rate into the leaves, a random forest its 1 / trees).
 */
export interface Forest {
  readonly base: number
  /** Root node of each tree. */
  readonly roots: Int32Array
  readonly feature: Int32Array
  readonly threshold: Float64Array
  readonly left: Int32Array
  readonly right: Int32Array
  readonly value: Float64Array
}

/**
 * The forest's prediction for the row of `features` starting at `offset`. Allocates nothing.
 *
 * @example
 * predictForest(forest, features, 3 * width)
 */
export const predictForest = (forest: Forest, features: ArrayLike<number>, offset: number): number => {
  const { roots, feature, threshold, left, right, value } = forest
  let sum = forest.base
  for (let t = 0; t < roots.length; t++) {
    let node = roots[t] as number
    let f = feature[node] as number
    while (f >= 0) {
      node = (features[offset + f] as number) <= (threshold[node] as number) ? (left[node] as number) : (right[node] as number)
      f = feature[node] as number
    }
    sum += value[node] as number
  }
  return sum
}

const BLOCK = 256

/**
 * The forest's predictions for `rows` rows of `width` features (row-major), into `out`: tree by
 * tree over blocks of rows, so each tree's nodes stay in cache while a block passes through it.
 * Gives the same sums, in the same order, as `predictForest` row by row.
 *
 * @example
 * predictForestMany(forest, matrix, rows, width, out)
 */
export const predictForestMany = (forest: Forest, features: ArrayLike<number>, rows: number, width: number, out: Float64Array): void => {
  const { roots, feature, threshold, left, right, value } = forest
  for (let start = 0; start < rows; start += BLOCK) {
    const end = Math.min(rows, start + BLOCK)
    out.fill(forest.base, start, end)
    for (let t = 0; t < roots.length; t++) {
      const root = roots[t] as number
      for (let i = start; i < end; i++) {
        const offset = i * width
        let node = root
        let f = feature[node] as number
        while (f >= 0) {
          node = (features[offset + f] as number) <= (threshold[node] as number) ? (left[node] as number) : (right[node] as number)
          f = feature[node] as number
        }
        out[i] = (out[i] as number) + (value[node] as number)
      }
    }
  }
}

/**
 * One tree's leaf value for a row: what a boosting round adds.
 *
 * @example
 * predictTree(builder, root, features, offset)
 */
export const predictTree = (nodes: ForestBuilder, root: number, features: ArrayLike<number>, offset: number): number => {
  let node = root
  let f = nodes.feature[node] as number
  while (f >= 0) {
    node =
      (features[offset + f] as number) <= (nodes.threshold[node] as number) ? (nodes.left[node] as number) : (nodes.right[node] as number)
    f = nodes.feature[node] as number
  }
  return nodes.value[node] as number
}

/** Growable node arrays while trees are trained. */
export interface ForestBuilder {
  readonly feature: number[]
  readonly threshold: number[]
  readonly left: number[]
  readonly right: number[]
  readonly value: number[]
}

/** An empty builder. */
export const forestBuilder = (): ForestBuilder => ({ feature: [], threshold: [], left: [], right: [], value: [] })

/** Appends a leaf and returns its index. */
export const addLeaf = (nodes: ForestBuilder, value: number): number => {
  nodes.feature.push(-1)
  nodes.threshold.push(0)
  nodes.left.push(-1)
  nodes.right.push(-1)
  nodes.value.push(value)
  return nodes.value.length - 1
}

/** Appends an internal node (children set later) and returns its index. */
export const addSplit = (nodes: ForestBuilder, feature: number, threshold: number): number => {
  nodes.feature.push(feature)
  nodes.threshold.push(threshold)
  nodes.left.push(-1)
  nodes.right.push(-1)
  nodes.value.push(0)
  return nodes.value.length - 1
}

/**
 * The typed forest of the first `trees` trees rooted at `roots` (early stopping keeps a prefix of
 * the trained rounds; trees are grown one after another, so the nodes of the first `t` trees are
 * the nodes before the root of tree `t`).
 */
export const freezeForest = (nodes: ForestBuilder, roots: readonly number[], base: number, trees = roots.length): Forest => {
  const end = trees < roots.length ? (roots[trees] as number) : nodes.value.length
  return {
    base,
    roots: Int32Array.from(roots.slice(0, trees)),
    feature: Int32Array.from(nodes.feature.slice(0, end)),
    threshold: Float64Array.from(nodes.threshold.slice(0, end)),
    left: Int32Array.from(nodes.left.slice(0, end)),
    right: Int32Array.from(nodes.right.slice(0, end)),
    value: Float64Array.from(nodes.value.slice(0, end)),
  }
}
