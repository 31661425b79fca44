import type { LayerFeatures } from "./layer-features.js"

/** One family: its layers and the center of its coordinates. */
export interface LayerFamily {
  readonly index: number
  readonly members: readonly LayerFeatures[]
  /** Center in the clustering coordinates (see `familyCoordinates`). */
  readonly center: readonly number[]
}

/** Layers grouped into families. */
export interface LayerFamilies {
  readonly families: readonly LayerFamily[]
  /** Family index of each input layer, in input order. */
  readonly assignment: readonly number[]
  /** Sum of squared distances to the family centers. */
  readonly inertia: number
}

/** Parameter-free layers (matmuls of two activations) sit at this many MACs per parameter byte. */
const NO_PARAMETERS = 1e6

/**
 * The coordinates families are found in: log10 of MACs per parameter byte (parameter reuse), of
 * MACs per activation byte (activation reuse) and of the parameter footprint (+1 byte), each
 * scaled to unit spread over the layers clustered. Logs, because these spread over orders of
 * magnitude (an FC layer reuses each weight once, a 3x3 convolution at 112x112 12,544 times).
 */
export const familyCoordinates = (layers: readonly LayerFeatures[]): number[][] => {
  const raw = layers.map((layer) => [
    Math.log10(Number.isFinite(layer.macsPerParameterByte) ? layer.macsPerParameterByte : NO_PARAMETERS),
    Math.log10(layer.macsPerActivationByte),
    Math.log10(layer.parameterBytes + 1),
  ])
  const dims = 3
  const mean = Array.from({ length: dims }, (_, d) => raw.reduce((sum, row) => sum + (row[d] as number), 0) / Math.max(1, raw.length))
  const spread = mean.map(
    (m, d) => Math.sqrt(raw.reduce((sum, row) => sum + ((row[d] as number) - m) ** 2, 0) / Math.max(1, raw.length)) || 1,
  )
  return raw.map((row) => row.map((value, d) => (value - (mean[d] as number)) / (spread[d] as number)))
}

const distance2 = (a: readonly number[], b: readonly number[]): number => {
  let sum = 0
  for (let d = 0; d < a.length; d++) sum += ((a[d] as number) - (b[d] as number)) ** 2
  return sum
}

/**
 * Groups layers into `k` families by k-means (Lloyd's iterations) in `familyCoordinates`, started
 * deterministically from farthest-point seeds (the first layer of largest parameter reuse, then
 * each time the layer farthest from the seeds so far), so the same layers give the same families.
 *
 * @example
 * const { families } = clusterLayers(features, 4)
 */
export const clusterLayers = (layers: readonly LayerFeatures[], k: number): LayerFamilies => {
  const points = familyCoordinates(layers)
  const count = Math.max(1, Math.min(k, points.length))
  if (points.length === 0) return { families: [], assignment: [], inertia: 0 }
  const centers: number[][] = []
  let first = 0
  for (let i = 1; i < points.length; i++) if ((points[i]?.[0] as number) > (points[first]?.[0] as number)) first = i
  centers.push([...(points[first] as number[])])
  while (centers.length < count) {
    let farthest = 0
    let best = -1
    points.forEach((point, i) => {
      const nearest = Math.min(...centers.map((center) => distance2(point, center)))
      if (nearest > best) {
        best = nearest
        farthest = i
      }
    })
    centers.push([...(points[farthest] as number[])])
  }
  let assignment = points.map(() => 0)
  for (let iteration = 0; iteration < 100; iteration++) {
    const next = points.map((point) => {
      let nearest = 0
      for (let c = 1; c < centers.length; c++)
        if (distance2(point, centers[c] as number[]) < distance2(point, centers[nearest] as number[])) nearest = c
      return nearest
    })
    const changed = next.some((value, i) => value !== assignment[i])
    assignment = next
    for (let c = 0; c < centers.length; c++) {
      const members = points.filter((_, i) => assignment[i] === c)
      if (members.length > 0)
        centers[c] = (centers[c] as number[]).map((_, d) => members.reduce((sum, point) => sum + (point[d] as number), 0) / members.length)
    }
    if (!changed && iteration > 0) break
  }
  const inertia = points.reduce((sum, point, i) => sum + distance2(point, centers[assignment[i] as number] as number[]), 0)
  const families = centers.map((center, index) => ({ index, center, members: layers.filter((_, i) => assignment[i] === index) }))
  return { families, assignment, inertia }
}
