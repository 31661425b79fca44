import {
  type AnalyzedNetwork,
  analyzeNetwork,
  analyzeNetworkOrThrow,
  foldAndPrune,
  type LayerType,
  type LoopNest,
  layerFeatures,
  layerTypeOf,
  lowerNetwork,
  type Network,
} from "@cosearch/network"
import { type Dataset, datasetOf } from "../data/dataset.js"
import { SurrogateDataError } from "../data/errors.js"

/**
 * The layer groups the network featurizer aggregates by: `@cosearch/network`'s layer types
 * (conv, pointwise, depthwise, fc, matmul, pool, eltwise sums and products) plus `activation`
 * (element-wise functions and batch normalization, which an inference compiler fuses).
 */
export const networkLayerGroups = ["conv", "pointwise", "depthwise", "fc", "matmul", "pool", "eltwise", "activation"] as const

/** One of `networkLayerGroups`. */
export type NetworkLayerGroup = (typeof networkLayerGroups)[number]

const groupFields = ["layers", "ops", "parameterBytes", "activationBytes", "opsPerByte"] as const
const totalFields = [
  "total.layers",
  "total.macs",
  "total.parameterBytes",
  "total.activationBytes",
  "total.peakActivationBytes",
  "total.macsPerParameterByte",
  "total.macsPerActivationByte",
  "graph.inputBytes",
  "graph.outputBytes",
  "graph.edges",
  "graph.maxFanIn",
  "graph.branchingLayers",
  "graph.longestPath",
  "fold.removedLayers",
] as const

/** Number of position buckets of the graph encoding. */
export const NETWORK_POSITION_BUCKETS = 8
const bucketFields = ["macs", "activationBytes", "parameterBytes"] as const

/**
 * Upper bounds of the shape histogram's buckets (the last bucket is unbounded): output positions
 * `N x P x Q`, output channels `G x K` and reduction steps `C x R x S` of the conv-like layers.
 */
export const networkShapeBuckets = {
  positions: [1, 16, 64, 256, 1024, 4096, 16384],
  channels: [8, 16, 32, 64, 128, 256, 512],
  steps: [9, 32, 128, 512, 2048, 8192, 32768],
} as const
const shapeAxes = ["positions", "channels", "steps"] as const
const SHAPE_BUCKETS = 8
const shapeFields = ["layers", "macs"] as const

/**
 * The names of `networkFeatures`' values, in order:
 * - per layer group (`networkLayerGroups`): `<group>.layers`, `.ops` (MACs of conv-like layers,
 *   element operations of pooling and element-wise ones), `.parameterBytes`, `.activationBytes`
 *   (inputs and output), `.opsPerByte` (ops / (parameter + activation bytes));
 * - totals: layers, MACs, parameter and activation bytes, the largest single layer's activation
 *   bytes, MACs per parameter byte and per activation byte;
 * - graph: input and output bytes, edges, the largest fan-in, layers read by more than one
 *   layer, layers on the longest path, and the layers `foldAndPrune` removed;
 * - the graph encoding: the loop nests in topological order cut into `NETWORK_POSITION_BUCKETS`
 *   equal runs, with the MACs, activation bytes and parameter bytes of each run (`pos<b>.macs`...);
 * - the shape histogram: the conv-like layers (those with MACs) and their MACs by bucket
 *   (`networkShapeBuckets`) of output positions, output channels and reduction steps
 *   (`positions<b>.layers`, `positions<b>.macs`, `channels<b>...`, `steps<b>...`): how well a
 *   layer fills an array depends on these sizes, which totals hide.
 *
 * Bytes are at int8 (one byte per element), as the Edge TPU runs networks.
 */
export const networkFeatureNames: readonly string[] = [
  ...networkLayerGroups.flatMap((group) => groupFields.map((field) => `${group}.${field}`)),
  ...totalFields,
  ...Array.from({ length: NETWORK_POSITION_BUCKETS }, (_, b) => bucketFields.map((field) => `pos${b}.${field}`)).flat(),
  ...shapeAxes.flatMap((axis) =>
    Array.from({ length: SHAPE_BUCKETS }, (_, b) => shapeFields.map((field) => `${axis}${b}.${field}`)).flat(),
  ),
]

const GROUPS = networkLayerGroups.length
const GROUP_WIDTH = groupFields.length
const TOTALS = GROUPS * GROUP_WIDTH
const BUCKETS = TOTALS + totalFields.length
const SHAPES = BUCKETS + NETWORK_POSITION_BUCKETS * bucketFields.length

/** The bucket of `value` among ascending upper `bounds` (bounds.length for larger values). */
const bucketOf = (bounds: readonly number[], value: number): number => {
  let b = 0
  while (b < bounds.length && value > (bounds[b] as number)) b++
  return b
}

const groupIndex = (nest: LoopNest): number => {
  if (nest.kind === "eltwise" && nest.fn !== "add" && nest.fn !== "mul") return GROUPS - 1
  return networkLayerGroups.indexOf(layerTypeOf(nest) satisfies LayerType)
}

/** Ops, parameter bytes and activation bytes of one nest at one byte per element. */
const nestSizes = (nest: LoopNest): [ops: number, parameterBytes: number, activationBytes: number, macs: number] => {
  const conv = layerFeatures(nest, 1, "")
  if (conv !== undefined) return [conv.macs, conv.parameterBytes, conv.activationBytes, conv.macs]
  const { N, G, K, C, P, Q, R, S, H, W } = nest
  const output = N * G * K * P * Q
  const input = (nest.kind === "eltwise" ? N * K : N * G * C) * H * W * nest.operands
  const ops = nest.kind === "pool" ? output * R * S : output * Math.max(1, nest.operands - 1)
  return [ops, 0, input + output, 0]
}

/**
 * The fixed-length feature vector of a network (`networkFeatureNames`), computed on the network as
 * an inference compiler leaves it: `foldAndPrune` removes constant and dead work first (an NB201
 * cell's `none` edges and the nodes they starve), so two networks that run the same work get the
 * same features. Writes into `out` at `offset` when given.
 *
 * @example
 * const features = networkFeatures(analyzeNetworkOrThrow(nb201(parseNb201Arch("..."), { resolution: 32, classes: 10 })))
 */
export const networkFeatures = (analyzed: AnalyzedNetwork, out?: Float64Array, offset = 0): Float64Array => {
  const width = networkFeatureNames.length
  const vector = out ?? new Float64Array(width)
  if (vector.length < offset + width) {
    throw new RangeError(`networkFeatures: out has ${vector.length} slots, ${offset + width} needed (offset ${offset} + ${width} features)`)
  }
  vector.fill(0, offset, offset + width)
  const folded = foldAndPrune(analyzed)
  const network = analyzeNetworkOrThrow(folded.network)
  const nests = lowerNetwork(network)

  let macs = 0
  let parameterBytes = 0
  let activationBytes = 0
  let peakActivationBytes = 0
  nests.forEach((nest, i) => {
    const [ops, parameters, activations, nestMacs] = nestSizes(nest)
    const base = offset + groupIndex(nest) * GROUP_WIDTH
    vector[base] = (vector[base] as number) + 1
    vector[base + 1] = (vector[base + 1] as number) + ops
    vector[base + 2] = (vector[base + 2] as number) + parameters
    vector[base + 3] = (vector[base + 3] as number) + activations
    macs += nestMacs
    parameterBytes += parameters
    activationBytes += activations
    if (activations > peakActivationBytes) peakActivationBytes = activations
    const bucket = offset + BUCKETS + Math.floor((i * NETWORK_POSITION_BUCKETS) / nests.length) * bucketFields.length
    vector[bucket] = (vector[bucket] as number) + nestMacs
    vector[bucket + 1] = (vector[bucket + 1] as number) + activations
    vector[bucket + 2] = (vector[bucket + 2] as number) + parameters
    if (nestMacs > 0) {
      const shape = [nest.N * nest.P * nest.Q, nest.G * nest.K, nest.C * nest.R * nest.S]
      shapeAxes.forEach((axis, a) => {
        const slot = offset + SHAPES + (a * SHAPE_BUCKETS + bucketOf(networkShapeBuckets[axis], shape[a] as number)) * shapeFields.length
        vector[slot] = (vector[slot] as number) + 1
        vector[slot + 1] = (vector[slot + 1] as number) + nestMacs
      })
    }
  })
  for (let g = 0; g < GROUPS; g++) {
    const base = offset + g * GROUP_WIDTH
    const bytes = (vector[base + 2] as number) + (vector[base + 3] as number)
    vector[base + 4] = bytes === 0 ? 0 : (vector[base + 1] as number) / bytes
  }

  // Graph structure of the folded network.
  const depth = new Map<string, number>()
  const readers = new Map<string, number>()
  const outputs = new Set(network.outputs)
  let edges = 0
  let maxFanIn = 0
  let longestPath = 0
  let inputBytes = 0
  let outputBytes = 0
  for (const { layer, outputShape } of network.layers) {
    const elements = network.batch * outputShape.h * outputShape.w * outputShape.c
    if (layer.op === "input") inputBytes += elements
    if (outputs.has(layer.name)) outputBytes += elements
    edges += layer.inputs.length
    if (layer.inputs.length > maxFanIn) maxFanIn = layer.inputs.length
    let d = 0
    for (const input of layer.inputs) {
      d = Math.max(d, depth.get(input) ?? 0)
      readers.set(input, (readers.get(input) ?? 0) + 1)
    }
    const own = layer.op === "input" ? 0 : d + 1
    depth.set(layer.name, own)
    if (own > longestPath) longestPath = own
  }
  let branching = 0
  for (const count of readers.values()) if (count > 1) branching++

  const totals = [
    nests.length,
    macs,
    parameterBytes,
    activationBytes,
    peakActivationBytes,
    parameterBytes === 0 ? 0 : macs / parameterBytes,
    activationBytes === 0 ? 0 : macs / activationBytes,
    inputBytes,
    outputBytes,
    edges,
    maxFanIn,
    branching,
    longestPath,
    folded.folded.length + folded.dead.length + folded.identities.length,
  ]
  vector.set(totals, offset + TOTALS)
  return vector
}

/**
 * A dataset of networks and their measured (or modeled) targets: each network analyzed and
 * featurized with `networkFeatures`. Throws naming the network when one is invalid.
 *
 * @example
 * const data = networkDataset([mobilenetV2(), resnet18()], [6.1, 9.8])
 */
export const networkDataset = (networks: readonly Network[], targets: ArrayLike<number>): Dataset => {
  const rows = networks.map((network, i) => {
    const analysis = analyzeNetwork(network)
    if (!analysis.ok) throw new SurrogateDataError(`networks[${i}] ("${network.name}") is invalid: ${analysis.issues[0]?.message}`)
    return networkFeatures(analysis.network)
  })
  return datasetOf(networkFeatureNames, rows, targets)
}
