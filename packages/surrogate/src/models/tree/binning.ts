/**
 * Features cut into at most 256 bins for histogram split finding: `bins[i * width + f]` is row
 * `i`'s bin of feature `f` (row-major, so a row's bins are read together); bin `b` holds the
 * values in `(edges[f][b - 1], edges[f][b]]`, so a split after bin `b` is the raw test
 * `x <= edges[f][b]` that prediction uses.
 */
export interface BinnedFeatures {
  readonly rows: number
  readonly width: number
  readonly bins: Uint8Array
  /** Per feature, the upper edge of each bin but the last (ascending). */
  readonly edges: readonly Float64Array[]
  /** Where feature `f`'s bins start in a histogram of every feature; `binOffset[width]` is its length. */
  readonly binOffset: Int32Array
}

/** Candidate edges: midpoints between distinct values, thinned to quantiles when there are too many. */
const edgesOf = (values: Float64Array, maxBins: number): Float64Array => {
  const sorted = Float64Array.from(values).sort()
  const distinct: number[] = []
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct.push(sorted[i] as number)
  const edges: number[] = []
  if (distinct.length <= maxBins) {
    for (let k = 1; k < distinct.length; k++) edges.push(((distinct[k - 1] as number) + (distinct[k] as number)) / 2)
  } else {
    for (let b = 1; b < maxBins; b++) {
      const at = Math.floor((b * sorted.length) / maxBins)
      const low = sorted[at - 1] as number
      const high = sorted[at] as number
      const edge = low === high ? low : (low + high) / 2
      if (edges.length === 0 || edge > (edges[edges.length - 1] as number)) edges.push(edge)
    }
  }
  return Float64Array.from(edges)
}

/** The bin of `value`: the number of edges below it. */
const binOf = (edges: Float64Array, value: number): number => {
  let low = 0
  let high = edges.length
  while (low < high) {
    const mid = (low + high) >>> 1
    if ((edges[mid] as number) < value) low = mid + 1
    else high = mid
  }
  return low
}

/**
 * Bins the `rows` rows of a row-major feature matrix, with at most `maxBins` (2..256) bins per
 * feature; edges come from these rows.
 *
 * @example
 * const binned = binFeatures(data.features, data.rows, data.featureNames.length, 64)
 */
export const binFeatures = (features: Float64Array, rows: number, width: number, maxBins: number): BinnedFeatures => {
  const bins = new Uint8Array(rows * width)
  const edges: Float64Array[] = []
  const binOffset = new Int32Array(width + 1)
  const column = new Float64Array(rows)
  for (let f = 0; f < width; f++) {
    for (let i = 0; i < rows; i++) column[i] = features[i * width + f] as number
    const featureEdges = edgesOf(column, Math.max(2, Math.min(256, maxBins)))
    edges.push(featureEdges)
    binOffset[f + 1] = (binOffset[f] as number) + featureEdges.length + 1
    for (let i = 0; i < rows; i++) bins[i * width + f] = binOf(featureEdges, column[i] as number)
  }
  return { rows, width, bins, edges, binOffset }
}
