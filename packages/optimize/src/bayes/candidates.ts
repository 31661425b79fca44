import { encodeGenome, isFailure, mutateGenome, sampleGenome, vectorLength } from "@cosearch/space"
import type { ProposalContext } from "../strategy/strategy.js"
import { genomeKey } from "../trial/record.js"

/**
 * How the acquisition is maximized over the space: a pool of uniform samples and of mutations of
 * the best trials so far, then a greedy local search by single mutations from the best few.
 *
 * @example
 * const settings: CandidateSettings = { random: 256, starts: 5, neighbors: 20, localSteps: 5 }
 */
export interface CandidateSettings {
  /** Uniform samples in the pool. */
  readonly random: number
  /** Best trials whose mutations join the pool, and pool members the local search starts from. */
  readonly starts: number
  /** Mutations per start (one and two parameters, alternately), and per local-search step. */
  readonly neighbors: number
  /** Steps of the local search. */
  readonly localSteps: number
}

/**
 * The untaken genome with the largest acquisition `score(vectors, row)` found by the pool and the
 * local search, claimed; undefined when no untaken genome was found.
 *
 * @example
 * const genome = maximizeAcquisition(context, bestGenomes, (vectors, row) => score(vectors, row), settings)
 */
export const maximizeAcquisition = (
  context: ProposalContext,
  starts: readonly Float64Array[],
  score: (vectors: Float64Array, row: number) => number,
  settings: CandidateSettings,
): Float64Array | undefined => {
  const { space, rng } = context
  const d = vectorLength(space)
  const pool: Float64Array[] = []
  const keys = new Set<string>()
  const offer = (genome: Float64Array | { readonly ok: false }): boolean => {
    if (!(genome instanceof Float64Array) || context.isTaken(genome)) return false
    const key = genomeKey(genome)
    if (keys.has(key)) return false
    keys.add(key)
    pool.push(genome)
    return true
  }
  for (let i = 0; i < settings.random; i++) offer(sampleGenome(space, rng))
  for (const start of starts.slice(0, settings.starts)) {
    for (let j = 0; j < settings.neighbors; j++) offer(mutateGenome(space, start, rng, { k: 1 + (j % 2) }))
  }
  const vectors = new Float64Array(pool.length * d)
  const scores = new Float64Array(pool.length)
  for (let i = 0; i < pool.length; i++) {
    encodeGenome(space, pool[i] as Float64Array, vectors.subarray(i * d, i * d + d))
    scores[i] = score(vectors, i)
  }
  const ranked = Array.from({ length: pool.length }, (_, i) => i).sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b)
  let best = ranked[0] === undefined ? undefined : { genome: pool[ranked[0]] as Float64Array, score: scores[ranked[0]] as number }
  const single = new Float64Array(d)
  for (const position of ranked.slice(0, settings.starts)) {
    let current = { genome: pool[position] as Float64Array, score: scores[position] as number }
    for (let step = 0; step < settings.localSteps; step++) {
      let moved = false
      for (let j = 0; j < settings.neighbors; j++) {
        const mutant = mutateGenome(space, current.genome, rng, { k: 1 })
        if (isFailure(mutant) || !offer(mutant)) continue
        encodeGenome(space, mutant, single)
        const value = score(single, 0)
        if (value > current.score) {
          current = { genome: mutant, score: value }
          moved = true
        }
      }
      if (!moved) break
    }
    if (best === undefined || current.score > best.score) best = current
  }
  if (best === undefined) return undefined
  context.claim(best.genome)
  return best.genome
}
