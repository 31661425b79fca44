import { type AnalyzedNetwork, analyzeNetworkOrThrow, type Network } from "@cosearch/network"

/**
 * How the cost evaluators' analyzed-network cache has done in this process (one per worker):
 * lookups that found the network analyzed already, lookups that analyzed it, and what it holds.
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

/** Analyzed networks kept, the least recently used dropped first. */
const capacity = 256
/** Analyzed networks by key, least recently used first (a `Map` keeps insertion order). */
const analyzed = new Map<string, AnalyzedNetwork>()
let hits = 0
let misses = 0

/**
 * The analyzed network of a configuration's network part, by a key that repeats whenever that
 * part does (`networkPartOf`'s, prefixed with the space): analyzed once and kept among the 256
 * most recently used, so that the cost models' per-network preparations (the Edge TPU workload,
 * the lowered loop nests; kept by network object) are reused too when a search comes back to a
 * network with another accelerator. Per process, so per worker.
 *
 * @example
 * const network = analyzedNetworkOf(`${entry.name}/${part.key}`, part.network)
 */
export const analyzedNetworkOf = (key: string, network: Network): AnalyzedNetwork => {
  const cached = analyzed.get(key)
  if (cached !== undefined) {
    hits++
    analyzed.delete(key)
    analyzed.set(key, cached)
    return cached
  }
  misses++
  const fresh = analyzeNetworkOrThrow(network)
  analyzed.set(key, fresh)
  if (analyzed.size > capacity) {
    const oldest = analyzed.keys().next()
    if (oldest.done !== true) analyzed.delete(oldest.value)
  }
  return fresh
}

/**
 * The cache's figures so far in this process (`NetworkCacheStats`).
 *
 * @example
 * networkCacheStats().hits
 */
export const networkCacheStats = (): NetworkCacheStats => ({ hits, misses, size: analyzed.size, capacity })

/**
 * Empties the cache and zeroes its figures (benches measure a stream from a cold cache).
 *
 * @example
 * clearNetworkCache()
 */
export const clearNetworkCache = (): void => {
  analyzed.clear()
  hits = 0
  misses = 0
}
