import { type AnalysedNetwork, analyseNetworkOrThrow, type Network } from "@cosearch/network"

/**
 * How the cost evaluators' analysed-network cache has done in this process (one per worker):
 * lookups that found the network analysed already, lookups that analysed it, and what it holds.
 *
 * @example
 * const { hits, misses } = networkCacheStats()
 * console.log(`hit rate ${(hits / (hits + misses)).toFixed(3)}`)
 */
export interface NetworkCacheStats {
  readonly hits: number
  readonly misses: number
  readonly size: number
  readonly capacity: number
}

/** Analysed networks kept, the least recently used dropped first. */
const capacity = 256
/** Analysed networks by key, least recently used first (a `Map` keeps insertion order). */
const analysed = new Map<string, AnalysedNetwork>()
let hits = 0
let misses = 0

/**
 * The analysed network of a configuration's network part, by a key that repeats whenever that
 * part does (`networkPartOf`'s, prefixed with the space): analysed once and kept among the 256
 * most recently used, so that the cost models' per-network preparations (the Edge TPU workload,
 * the lowered loop nests; kept by network object) are reused too when a search comes back to a
 * network with another accelerator. Per process, so per worker.
 *
 * @example
 * const network = analysedNetworkOf(`${entry.name}/${part.key}`, part.network)
 */
export const analysedNetworkOf = (key: string, network: Network): AnalysedNetwork => {
  const cached = analysed.get(key)
  if (cached !== undefined) {
    hits++
    analysed.delete(key)
    analysed.set(key, cached)
    return cached
  }
  misses++
  const fresh = analyseNetworkOrThrow(network)
  analysed.set(key, fresh)
  if (analysed.size > capacity) {
    const oldest = analysed.keys().next()
    if (oldest.done !== true) analysed.delete(oldest.value)
  }
  return fresh
}

/**
 * The cache's figures so far in this process (`NetworkCacheStats`).
 *
 * @example
 * networkCacheStats().hits
 */
export const networkCacheStats = (): NetworkCacheStats => ({ hits, misses, size: analysed.size, capacity })

/**
 * Empties the cache and zeroes its figures (benches measure a stream from a cold cache).
 *
 * @example
 * clearNetworkCache()
 */
export const clearNetworkCache = (): void => {
  analysed.clear()
  hits = 0
  misses = 0
}
