import type { Random } from "@cosearch/space"
import type { BinnedFeatures } from "./binning.js"
import { addLeaf, addSplit, type ForestBuilder } from "./forest.js"

/** How a regression tree grows. */
export interface GrowOptions {
  readonly maxDepth: number
  /** Fewest rows in a leaf. */
  readonly minLeaf: number
  /** Features tried at each split (all when >= the width; random forests try a third). */
  readonly featuresPerSplit: number
  /** Leaf value from the sum and count of the targets reaching it (a mean, scaled by the ensemble). */
  readonly leafValue: (sum: number, count: number) => number
  readonly random: Random
}

/**
 * Grows one least-squares regression tree on `targets` over `rows[0..count)` (row indices, which
 * may repeat for a bootstrap sample; the array is reordered in place), depth first, each split the
 * one of largest variance reduction over the binned features' histograms. Appends the nodes to
 * `nodes` and returns the root.
 *
 * @example
 * const root = growTree(binned, residuals, rows, rows.length, options, nodes)
 */
export const growTree = (
  binned: BinnedFeatures,
  targets: Float64Array,
  rows: Int32Array,
  count: number,
  options: GrowOptions,
  nodes: ForestBuilder,
): number => {
  const { bins, width, edges } = binned
  const n = binned.rows
  const histSum = new Float64Array(256)
  const histCount = new Int32Array(256)
  const candidates = Int32Array.from({ length: width }, (_, f) => f)
  const tried = Math.max(1, Math.min(width, options.featuresPerSplit))

  const grow = (start: number, end: number, depth: number): number => {
    const size = end - start
    let sum = 0
    for (let i = start; i < end; i++) sum += targets[rows[i] as number] as number
    if (depth >= options.maxDepth || size < 2 * options.minLeaf) return addLeaf(nodes, options.leafValue(sum, size))

    if (tried < width) {
      // A partial Fisher-Yates shuffle puts the features to try first.
      for (let k = 0; k < tried; k++) {
        const j = k + Math.floor(options.random() * (width - k))
        const swap = candidates[k] as number
        candidates[k] = candidates[j] as number
        candidates[j] = swap
      }
    }
    const parentScore = (sum * sum) / size
    let bestGain = 1e-12 * Math.abs(parentScore)
    let bestFeature = -1
    let bestBin = -1
    for (let k = 0; k < tried; k++) {
      const f = candidates[k] as number
      const featureEdges = edges[f] as Float64Array
      const binCount = featureEdges.length + 1
      if (binCount < 2) continue
      histSum.fill(0, 0, binCount)
      histCount.fill(0, 0, binCount)
      const column = f * n
      for (let i = start; i < end; i++) {
        const row = rows[i] as number
        const b = bins[column + row] as number
        histSum[b] = (histSum[b] as number) + (targets[row] as number)
        histCount[b] = (histCount[b] as number) + 1
      }
      let leftSum = 0
      let leftCount = 0
      for (let b = 0; b < binCount - 1; b++) {
        leftSum += histSum[b] as number
        leftCount += histCount[b] as number
        const rightCount = size - leftCount
        if (leftCount < options.minLeaf) continue
        if (rightCount < options.minLeaf) break
        const rightSum = sum - leftSum
        const gain = (leftSum * leftSum) / leftCount + (rightSum * rightSum) / rightCount - parentScore
        if (gain > bestGain) {
          bestGain = gain
          bestFeature = f
          bestBin = b
        }
      }
    }
    if (bestFeature < 0) return addLeaf(nodes, options.leafValue(sum, size))

    // Partition rows[start..end) into bin <= bestBin, then the rest.
    const column = bestFeature * n
    let middle = start
    for (let i = start; i < end; i++) {
      const row = rows[i] as number
      if ((bins[column + row] as number) <= bestBin) {
        rows[i] = rows[middle] as number
        rows[middle] = row
        middle++
      }
    }
    const node = addSplit(nodes, bestFeature, (edges[bestFeature] as Float64Array)[bestBin] as number)
    nodes.left[node] = grow(start, middle, depth + 1)
    nodes.right[node] = grow(middle, end, depth + 1)
    return node
  }
  return grow(0, count, 0)
}
