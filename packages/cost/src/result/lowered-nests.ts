import { type AnalyzedNetwork, type LoopNest, lowerNetwork } from "@cosearch/network"

/** Lowered nests by analyzed network: the kinds that cost a network's loop nests lower it once. */
const lowered = new WeakMap<AnalyzedNetwork, readonly LoopNest[]>()

/**
 * The loop nests of an analyzed network (`lowerNetwork`), lowered once per network object and
 * shared by every kind and call that costs it (treat both as immutable).
 *
 * @example
 * evaluateNetworkTotals(loweredNests(analyzed), accelerator, options)
 */
export const loweredNests = (network: AnalyzedNetwork): readonly LoopNest[] => {
  let nests = lowered.get(network)
  if (nests === undefined) {
    nests = lowerNetwork(network)
    lowered.set(network, nests)
  }
  return nests
}
