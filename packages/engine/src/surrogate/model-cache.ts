import { statSync } from "node:fs"
import { resolve } from "node:path"
import { type ModelFile, readModelFile } from "./model-file.js"

/**
 * How often the model-file cache decoded a file and how often it gave back one decoded before.
 *
 * @example
 * const stats: ModelCacheStats = { reads: 2, hits: 3 }
 */
export interface ModelCacheStats {
  readonly reads: number
  readonly hits: number
}

/** A decoded model file and the stamp (inode, size, modification time) of the file it came from. */
interface CachedModel {
  readonly stamp: string
  readonly model: ModelFile
}

const decoded = new Map<string, CachedModel>()
let reads = 0
let hits = 0

const stampOf = (path: string): string | undefined => {
  try {
    const stats = statSync(path)
    return `${stats.ino}:${stats.size}:${stats.mtimeMs}`
  } catch {
    return undefined
  }
}

/**
 * A model file decoded once per process: the same path (with the same base directory for its
 * featurizer's files) gives back the model decoded before, as long as the file is unchanged (same
 * inode, size and modification time; `writeModelFile` replaces the file, so a rewrite is seen).
 * The check of an experiment, its screen and its in-process evaluators so share one decoding.
 *
 * @throws FeaturizeError as `readModelFile` does; a file that cannot be decoded is not kept.
 * @example
 * const model = cachedModelFile("/work/models/latency.json", "/work/experiments")
 */
export const cachedModelFile = (path: string, baseDirectory: string): ModelFile => {
  const key = `${resolve(baseDirectory)}\n${resolve(path)}`
  const stamp = stampOf(path)
  const cached = decoded.get(key)
  if (cached !== undefined && cached.stamp === stamp) {
    hits++
    return cached.model
  }
  reads++
  const model = readModelFile(path, baseDirectory)
  if (stamp !== undefined) decoded.set(key, { stamp, model })
  return model
}

/**
 * The counts of the model-file cache since the process started or `clearModelCache` was called.
 *
 * @example
 * modelCacheStats() // { reads: 1, hits: 2 }: one file decoded, asked for three times
 */
export const modelCacheStats = (): ModelCacheStats => ({ reads, hits })

/**
 * Forgets every decoded model file and zeroes the counts.
 *
 * @example
 * clearModelCache()
 */
export const clearModelCache = (): void => {
  decoded.clear()
  reads = 0
  hits = 0
}
