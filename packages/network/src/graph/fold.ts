import type { Layer } from "../layer/layer.js"
import { sameShape } from "../tensor/shape.js"
import type { AnalyzedLayer, AnalyzedNetwork, Network } from "./network.js"

/** What `foldAndPrune` removed, by reason. */
export interface FoldReport {
  /** Layers whose value is known before any input arrives, removed: `zeros`, and layers computed only from such layers. */
  readonly folded: readonly string[]
  /** Sums that became one of their operands once their constant operands were folded. */
  readonly identities: readonly string[]
  /** Layers whose results reach no output of the network. */
  readonly dead: readonly string[]
}

/** The simplified network and what was removed. */
export interface FoldResult extends FoldReport {
  readonly network: Network
}

/**
 * The graph simplification an inference compiler (TFLite's converter, the Edge TPU compiler)
 * applies before mapping: constant folding and dead-code elimination.
 *
 * 1. A layer is constant when it is `zeros` or every input it reads is constant (a convolution
 *    or pooling of zeros, an NB201 node fed only by `none` edges).
 * 2. A constant operand of an `add` folds into a bias: the add keeps its other operands, and an
 *    add left with one operand of the full output shape is replaced by that operand. Constants
 *    read by any other layer (a `mul`, a `concat`) are kept, so the graph stays valid.
 * 3. Every layer that no output depends on is removed; `input` layers always stay.
 *
 * The outputs are `network.outputs` of the analyzed network (explicit outputs of the `Network`,
 * or every unread layer). The result is a valid network with the same output shapes.
 *
 * @example
 * const { network, dead, folded } = foldAndPrune(analyzeNetworkOrThrow(nb201(arch, { resolution: 32, classes: 10 })))
 */
export const foldAndPrune = (analyzed: AnalyzedNetwork): FoldResult => {
  const constant = new Set<string>()
  const byName = new Map<string, AnalyzedLayer>()
  for (const entry of analyzed.layers) {
    byName.set(entry.layer.name, entry)
    const { layer } = entry
    if (layer.op === "zeros" || (layer.op !== "input" && layer.inputs.length > 0 && layer.inputs.every((name) => constant.has(name))))
      constant.add(layer.name)
  }

  // Rewrite inputs in topological order; `alias` maps a removed identity sum to its operand.
  const alias = new Map<string, string>()
  const resolve = (name: string): string => alias.get(name) ?? name
  const rewritten = new Map<string, Layer>()
  const identities: string[] = []
  for (const { layer, outputShape } of analyzed.layers) {
    if (constant.has(layer.name)) continue
    const inputs = layer.inputs.map(resolve)
    if (layer.op === "add") {
      const dynamic = inputs.filter((name) => !constant.has(name))
      const fullShape = dynamic.some((name) => sameShape(byName.get(name)?.outputShape ?? outputShape, outputShape))
      if (dynamic.length < inputs.length && fullShape) {
        if (dynamic.length === 1) {
          alias.set(layer.name, dynamic[0] as string)
          identities.push(layer.name)
          continue
        }
        rewritten.set(layer.name, { ...layer, inputs: dynamic })
        continue
      }
    }
    rewritten.set(layer.name, inputs.every((name, i) => name === layer.inputs[i]) ? layer : { ...layer, inputs })
  }

  // Liveness, backwards from the outputs.
  const outputs = analyzed.outputs.map(resolve)
  const live = new Set<string>()
  const stack = [...outputs]
  while (stack.length > 0) {
    const name = stack.pop() as string
    if (live.has(name)) continue
    live.add(name)
    const layer = rewritten.get(name) ?? byName.get(name)?.layer
    for (const input of layer?.inputs ?? []) stack.push(input)
  }

  const layers: Layer[] = []
  const folded: string[] = []
  const dead: string[] = []
  for (const { layer } of analyzed.layers) {
    const name = layer.name
    if (live.has(name) || layer.op === "input") layers.push(rewritten.get(name) ?? layer)
    else if (constant.has(name)) folded.push(name)
    else if (!alias.has(name)) dead.push(name)
  }
  return { network: { name: analyzed.name, batch: analyzed.batch, layers: rehomeSharedWeights(layers), outputs }, folded, identities, dead }
}

/**
 * Keeps weight sharing valid after layers were removed: when the layer owning shared weights was
 * folded or pruned (an LSTM's first recurrent projection reads the zero initial state), the first
 * kept layer sharing them becomes their owner and the later ones share its weights instead.
 */
const rehomeSharedWeights = (layers: readonly Layer[]): Layer[] => {
  const kept = new Set(layers.map((layer) => layer.name))
  const newOwner = new Map<string, string>()
  return layers.map((layer) => {
    if (!("shareWeights" in layer) || layer.shareWeights === undefined || kept.has(layer.shareWeights)) return layer
    const owner = newOwner.get(layer.shareWeights)
    if (owner !== undefined) return { ...layer, shareWeights: owner }
    newOwner.set(layer.shareWeights, layer.name)
    const { shareWeights: _, ...owning } = layer
    return owning as Layer
  })
}
