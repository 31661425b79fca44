import { type AnalysedNetwork, type LoopNest, lowerNetwork } from "@cosearch/network"

/** Lowered nests by analysed network: the kinds that cost a network's loop nests lower it once. */
const lowered = new WeakMap<AnalysedNetwork, readonly LoopNest[]>()

/**
 * The loop nests of an analysed network (`lowerNetwork`), lowered once per network object and
 * shared by every kind and call that costs it (treat both as immutable).
 *
 * @example
 * evaluateNetworkTotals(loweredNests(analysed), accelerator, options)
 */
export const loweredNests = (network: AnalysedNetwork): readonly LoopNest[] => {
  let nests = lowered.get(network)
  if (nests === undefined) {
    nests = lowerNetwork(network)
    lowered.set(network, nests)
  }
  return nests
}
