import type { Random } from "@cosearch/space"
import { shuffleFront } from "../../data/shuffle.js"
import type { BinnedFeatures } from "./binning.js"
import { addLeaf, addSplit, type ForestBuilder } from "./forest.js"

/** How a regression tree grows. */
export interface GrowOptions {
  readonly maxDepth: number
  /** Fewest rows in a leaf. */
  readonly minLeaf: number
  /** The features this tree may split on (a boosted tree's column sample); all when absent. */
  readonly columns?: Int32Array
  /** Features tried at each split, of `columns` (all when >= their number; random forests try a third). */
  readonly featuresPerSplit: number
  /** Leaf value from the sum and count of the targets reaching it (a mean, scaled by the ensemble). */
  readonly leafValue: (sum: number, count: number) => number
  readonly random: Random
}

/** A histogram of every feature's bins: target sums and row counts. */
interface Histogram {
  readonly sum: Float64Array
  readonly count: Float64Array
}

/**
 * Grows one least-squares regression tree on `targets` over `rows[0..count)` (row indices, which
 * may repeat for a bootstrap sample; the array is reordered in place), depth first, each split the
 * one of largest variance reduction found on the binned features' histograms (the larger child's
 * histogram is the parent's minus the smaller child's). Appends the nodes to `nodes` and returns
 * the root.
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
  const { bins, width, edges, binOffset } = binned
  const histogramLength = binOffset[width] as number
  const free: Histogram[] = []
  const take = (): Histogram => free.pop() ?? { sum: new Float64Array(histogramLength), count: new Float64Array(histogramLength) }
  const candidates = options.columns?.slice() ?? Int32Array.from({ length: width }, (_, f) => f)
  const used = candidates.length
  const columns = candidates.slice()
  const tried = Math.max(1, Math.min(used, options.featuresPerSplit))

  const fill = (histogram: Histogram, start: number, end: number): void => {
    const { sum, count } = histogram
    for (let c = 0; c < used; c++) {
      const f = columns[c] as number
      sum.fill(0, binOffset[f] as number, binOffset[f + 1] as number)
      count.fill(0, binOffset[f] as number, binOffset[f + 1] as number)
    }
    for (let i = start; i < end; i++) {
      const row = rows[i] as number
      const target = targets[row] as number
      const base = row * width
      for (let c = 0; c < used; c++) {
        const f = columns[c] as number
        const slot = (binOffset[f] as number) + (bins[base + f] as number)
        sum[slot] = (sum[slot] as number) + target
        count[slot] = (count[slot] as number) + 1
      }
    }
  }

  /** Grows the node over rows[start..end) whose histogram is `histogram` (taken over by the node). */
  const grow = (start: number, end: number, depth: number, histogram: Histogram): number => {
    const size = end - start
    let sum = 0
    for (let i = start; i < end; i++) sum += targets[rows[i] as number] as number
    if (depth >= options.maxDepth || size < 2 * options.minLeaf) {
      free.push(histogram)
      return addLeaf(nodes, options.leafValue(sum, size))
    }
    // The features to try first.
    if (tried < used) shuffleFront(candidates, tried, options.random)
    const parentScore = (sum * sum) / size
    let bestGain = 1e-12 * Math.abs(parentScore)
    let bestFeature = -1
    let bestBin = -1
    for (let k = 0; k < tried; k++) {
      const f = candidates[k] as number
      const first = binOffset[f] as number
      const last = (binOffset[f + 1] as number) - 1
      let leftSum = 0
      let leftCount = 0
      for (let slot = first; slot < last; slot++) {
        leftSum += histogram.sum[slot] as number
        leftCount += histogram.count[slot] as number
        const rightCount = size - leftCount
        if (leftCount < options.minLeaf) continue
        if (rightCount < options.minLeaf) break
        const rightSum = sum - leftSum
        const gain = (leftSum * leftSum) / leftCount + (rightSum * rightSum) / rightCount - parentScore
        if (gain > bestGain) {
          bestGain = gain
          bestFeature = f
          bestBin = slot - first
        }
      }
    }
    if (bestFeature < 0) {
      free.push(histogram)
      return addLeaf(nodes, options.leafValue(sum, size))
    }

    // Partition rows[start..end) into bin <= bestBin, then the rest.
    let middle = start
    for (let i = start; i < end; i++) {
      const row = rows[i] as number
      if ((bins[row * width + bestFeature] as number) <= bestBin) {
        rows[i] = rows[middle] as number
        rows[middle] = row
        middle++
      }
    }
    // The smaller child's histogram by counting, the larger one's by subtraction in place.
    const leftSmaller = middle - start <= end - middle
    const small = take()
    if (leftSmaller) fill(small, start, middle)
    else fill(small, middle, end)
    for (let c = 0; c < used; c++) {
      const f = columns[c] as number
      const last = binOffset[f + 1] as number
      for (let slot = binOffset[f] as number; slot < last; slot++) {
        histogram.sum[slot] = (histogram.sum[slot] as number) - (small.sum[slot] as number)
        histogram.count[slot] = (histogram.count[slot] as number) - (small.count[slot] as number)
      }
    }
    const node = addSplit(nodes, bestFeature, (edges[bestFeature] as Float64Array)[bestBin] as number)
    nodes.left[node] = grow(start, middle, depth + 1, leftSmaller ? small : histogram)
    nodes.right[node] = grow(middle, end, depth + 1, leftSmaller ? histogram : small)
    return node
  }
  const root = take()
  fill(root, 0, count)
  return grow(0, count, 0, root)
}
