import { inferOutputShape } from "../layer/infer.js"
import type { Layer } from "../layer/layer.js"
import { hasWeights, layerParameters } from "../layer/parameters.js"
import { formatShape, type TensorShape } from "../tensor/shape.js"
import { InvalidNetworkError, type NetworkIssue, networkIssue } from "./issue.js"

/**
 * A neural network as plain data: a DAG of named layers, each naming the layers it reads.
 * This is the form networks take in JSON files, in the zoo and in search spaces.
 */
export interface Network {
  readonly name: string
  /** Samples per inference; every layer's loop nest carries it as N. */
  readonly batch: number
  readonly layers: readonly Layer[]
  /**
   * Names of the layers whose results the network returns, as an exported graph declares them
   * (the logits of a classifier). When absent, every layer no other layer reads is an output.
   * Compiler passes (`foldAndPrune`) remove the work that reaches no output.
   */
  readonly outputs?: readonly string[]
}

/** A layer with its inferred shapes and parameter count. */
export interface AnalyzedLayer {
  readonly layer: Layer
  readonly inputShapes: readonly TensorShape[]
  readonly outputShape: TensorShape
  /** Size of the weight tensor the layer reads (plus bias; BN scale and shift). */
  readonly params: number
  /** False when the weights belong to another layer (`shareWeights`); totals skip them. */
  readonly ownsParams: boolean
}

/** A valid network with its layers in a topological order and every shape known. */
export interface AnalyzedNetwork {
  readonly name: string
  readonly batch: number
  readonly layers: readonly AnalyzedLayer[]
  /** The network's outputs: `Network.outputs` when given, else the layers no other layer reads. */
  readonly outputs: readonly string[]
}

/** The result of analyzing a network: the analyzed form, or every issue found. */
export type NetworkAnalysis =
  | { readonly ok: true; readonly network: AnalyzedNetwork }
  | { readonly ok: false; readonly issues: readonly NetworkIssue[] }

const NETWORK = "(network)"

/** Finds one cycle among `pending` layers (each with an unresolved input), in data-flow order. */
const findCycle = (pending: ReadonlySet<number>, layers: readonly Layer[], index: ReadonlyMap<string, number>): number[] => {
  // Walk backwards along inputs that are themselves pending; a walk that stays inside a finite set
  // must revisit a layer, and the part from the first visit on is a cycle.
  const start = pending.values().next().value as number
  const seenAt = new Map<number, number>()
  const path: number[] = []
  let current = start
  while (!seenAt.has(current)) {
    seenAt.set(current, path.length)
    path.push(current)
    const layer = layers[current] as Layer
    const next = layer.inputs.map((name) => index.get(name)).find((i) => i !== undefined && pending.has(i))
    if (next === undefined) return []
    current = next
  }
  const cycle = path.slice(seenAt.get(current)).reverse()
  // Start at the first-declared layer so the report does not depend on the walk.
  const first = cycle.indexOf(Math.min(...cycle))
  return [...cycle.slice(first), ...cycle.slice(0, first)]
}

/**
 * Checks a network and infers every shape. Never throws: an invalid network comes back with all
 * its issues (duplicate names, dangling inputs, cycles, wrong arity, non-positive sizes, shape
 * mismatches, indivisible groups, bad weight sharing), each naming the layer and the rule.
 *
 * @example
 * const analysis = analyzeNetwork(network)
 * if (analysis.ok) console.log(analysis.network.layers.length)
 * else for (const issue of analysis.issues) console.error(issue.message)
 */
export const analyzeNetwork = (network: Network): NetworkAnalysis => {
  const issues: NetworkIssue[] = []
  const { layers } = network
  if (!(Number.isInteger(network.batch) && network.batch >= 1)) {
    issues.push(networkIssue(NETWORK, "network", "positive-size", `batch ${network.batch} must be a positive integer`))
  }
  const index = new Map<string, number>()
  layers.forEach((layer, i) => {
    if (layer.name.length === 0) {
      issues.push(networkIssue(`#${i}`, layer.op, "unique-name", "has an empty name"))
    } else if (index.has(layer.name)) {
      issues.push(networkIssue(layer.name, layer.op, "unique-name", `name is used by layers #${index.get(layer.name)} and #${i}`))
    } else {
      index.set(layer.name, i)
    }
  })
  if (!layers.some((layer) => layer.op === "input")) {
    issues.push(networkIssue(NETWORK, "network", "no-input", "has no input layer"))
  }

  // Kahn's algorithm over the edges whose source exists.
  const missing = new Array<number>(layers.length).fill(0)
  const readers: number[][] = layers.map(() => [])
  layers.forEach((layer, i) => {
    if (index.get(layer.name) !== i) return
    for (const input of layer.inputs) {
      const source = index.get(input)
      if (source === undefined) {
        const known = layers.length <= 12 ? `; known layers: ${[...index.keys()].join(", ")}` : ""
        issues.push(networkIssue(layer.name, layer.op, "dangling-input", `reads "${input}", which is not a layer of this network${known}`))
      } else {
        missing[i] = (missing[i] as number) + 1
        ;(readers[source] as number[]).push(i)
      }
    }
  })
  const order: number[] = []
  const ready: number[] = []
  layers.forEach((_, i) => {
    if (index.get(layers[i]?.name ?? "") === i && missing[i] === 0) ready.push(i)
  })
  while (ready.length > 0) {
    const i = ready.pop() as number
    order.push(i)
    for (const reader of readers[i] as number[]) {
      missing[reader] = (missing[reader] as number) - 1
      if (missing[reader] === 0) ready.push(reader)
    }
  }
  const pending = new Set<number>()
  layers.forEach((layer, i) => {
    if (index.get(layer.name) === i && (missing[i] as number) > 0) pending.add(i)
  })
  while (pending.size > 0) {
    const cycle = findCycle(pending, layers, index)
    if (cycle.length === 0) break
    const names = cycle.map((i) => (layers[i] as Layer).name)
    const head = layers[cycle[0] as number] as Layer
    issues.push(networkIssue(head.name, head.op, "cycle", `is on a cycle: ${[...names, names[0]].join(" -> ")}`))
    // Drop the cycle and everything that depends on it, then look for another.
    const stack = [...cycle]
    while (stack.length > 0) {
      const i = stack.pop() as number
      if (!pending.delete(i)) continue
      for (const reader of readers[i] as number[]) stack.push(reader)
    }
  }
  // Any topological order is valid; keep the one closest to declaration order for readable tables.
  const shapes = new Map<string, TensorShape>()
  const analyzed: AnalyzedLayer[] = []
  const byName = new Map<string, AnalyzedLayer>()
  for (const i of stableTopologicalOrder(order, layers, index)) {
    const layer = layers[i] as Layer
    const inputShapes: TensorShape[] = []
    let known = true
    for (const input of layer.inputs) {
      const shape = shapes.get(input)
      if (shape === undefined) known = false
      else inputShapes.push(shape)
    }
    if (!known) continue
    const inferred = inferOutputShape(layer, inputShapes)
    if (!inferred.ok) {
      issues.push(networkIssue(layer.name, layer.op, inferred.fault.rule, inferred.fault.detail))
      continue
    }
    shapes.set(layer.name, inferred.shape)
    const params = layerParameters(layer, inputShapes)
    let ownsParams = true
    if (hasWeights(layer) && "shareWeights" in layer && layer.shareWeights !== undefined) {
      ownsParams = false
      const owner = byName.get(layer.shareWeights)
      if (owner === undefined || owner.layer.op !== layer.op || !owner.ownsParams || owner.params !== params) {
        const found =
          owner === undefined
            ? "no earlier layer has that name"
            : `it is a ${owner.layer.op} with ${owner.params} parameters${owner.ownsParams ? "" : " that itself shares weights"}`
        issues.push(
          networkIssue(
            layer.name,
            layer.op,
            "shared-weights",
            `shares the weights of "${layer.shareWeights}", but ${found}; it needs an earlier ${layer.op} owning ${params} parameters (input ${formatShape(inputShapes[0] as TensorShape)})`,
          ),
        )
        continue
      }
    }
    const entry: AnalyzedLayer = { layer, inputShapes, outputShape: inferred.shape, params, ownsParams }
    analyzed.push(entry)
    byName.set(layer.name, entry)
  }
  for (const output of network.outputs ?? []) {
    if (!index.has(output))
      issues.push(networkIssue(output, "output", "dangling-output", "is named as an output, but no layer has that name"))
  }
  if (network.outputs !== undefined && network.outputs.length === 0) {
    issues.push(
      networkIssue(NETWORK, "network", "dangling-output", "names an empty list of outputs; omit the field to use every unread layer"),
    )
  }
  if (issues.length > 0) return { ok: false, issues }
  const read = new Set<string>()
  for (const layer of layers) for (const input of layer.inputs) read.add(input)
  const outputs = network.outputs ?? layers.filter((layer) => !read.has(layer.name)).map((layer) => layer.name)
  return { ok: true, network: { name: network.name, batch: network.batch, layers: analyzed, outputs } }
}

/** A topological order that keeps declaration order wherever dependencies allow. */
const stableTopologicalOrder = (order: readonly number[], layers: readonly Layer[], index: ReadonlyMap<string, number>): number[] => {
  const inOrder = new Set(order)
  const done = new Set<number>()
  const result: number[] = []
  const visit = (root: number): void => {
    // Iterative depth-first post-order over inputs, so deep networks do not overflow the stack.
    const stack: Array<[number, number]> = [[root, 0]]
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as [number, number]
      const [i, next] = top
      const inputs = (layers[i] as Layer).inputs
      if (next < inputs.length) {
        top[1] = next + 1
        const source = index.get(inputs[next] as string)
        if (source !== undefined && inOrder.has(source) && !done.has(source)) stack.push([source, 0])
      } else {
        stack.pop()
        if (!done.has(i)) {
          done.add(i)
          result.push(i)
        }
      }
    }
  }
  for (let i = 0; i < layers.length; i++) if (inOrder.has(i) && !done.has(i)) visit(i)
  return result
}

/**
 * Like `analyzeNetwork`, for callers at the edges that prefer an exception.
 *
 * @throws InvalidNetworkError listing every issue.
 */
export const analyzeNetworkOrThrow = (network: Network): AnalyzedNetwork => {
  const analysis = analyzeNetwork(network)
  if (!analysis.ok) throw new InvalidNetworkError(network.name, analysis.issues)
  return analysis.network
}

/**
 * The plain `Network` of an analyzed one: its layers in topological order and its outputs made
 * explicit.
 *
 * @example
 * const network = toNetwork(analyzeNetworkOrThrow(built))
 */
export const toNetwork = (analyzed: AnalyzedNetwork): Network => ({
  name: analyzed.name,
  batch: analyzed.batch,
  layers: analyzed.layers.map((entry) => entry.layer),
  outputs: analyzed.outputs,
})
