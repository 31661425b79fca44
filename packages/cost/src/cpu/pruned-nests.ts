import { type AnalyzedNetwork, analyzeNetwork, foldAndPrune, type LoopNest, lowerNetwork } from "@cosearch/network"

const pruned = new WeakMap<AnalyzedNetwork, readonly LoopNest[]>()

/**
 * The loop nests a CPU runs of an analyzed network: constants folded and dead layers removed
 * (`foldAndPrune`, as TFLite's converter does before the interpreter runs the graph), then
 * lowered; computed once per network object (treat it as immutable). A NAS-Bench-201 cell's
 * `none` edges and what only they feed cost nothing.
 *
 * @example
 * cpuNetworkCost(cpuPrunedNests(analyzed), cpuPresets["cortex-a53-sd450"]).latencySeconds
 */
export const cpuPrunedNests = (network: AnalyzedNetwork): readonly LoopNest[] => {
  let nests = pruned.get(network)
  if (nests === undefined) {
    const folded = analyzeNetwork(foldAndPrune(network).network)
    // Folding keeps a valid network (fold.ts); should analysis still fail, cost what was given.
    nests = lowerNetwork(folded.ok ? folded.network : network)
    pruned.set(network, nests)
  }
  return nests
}
