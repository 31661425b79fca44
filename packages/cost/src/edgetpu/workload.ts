import type { EdgeTpuLayerClass } from "@cosearch/accelerator"
import {
  type AnalyzedNetwork,
  analyzeNetwork,
  foldAndPrune,
  type LoopNest,
  lowerNetwork,
  type Network,
  type NetworkIssue,
} from "@cosearch/network"

/**
 * The class an Edge TPU costs a loop nest as, or `fused` for batch normalization and activations,
 * which the compiler folds into the producing layer's weights and output stage. Softmax, layer
 * normalization, reductions over the channels and bilinear resizing are element-wise work of their
 * own (each reads and writes a whole tensor), costed as `eltwise`.
 *
 * @example
 * edgeTpuLayerClassOf(nest) // "depthwise" for a depthwise convolution
 */
const standalone: ReadonlySet<LoopNest["fn"]> = new Set(["add", "mul", "softmax", "normalize", "mean", "max", "interpolate"])

export const edgeTpuLayerClassOf = (nest: LoopNest): EdgeTpuLayerClass | "fused" => {
  switch (nest.kind) {
    case "conv":
      return nest.C === 1 && nest.G > 1 ? "depthwise" : "conv"
    case "matmul":
      return "fc"
    case "pool":
      return "pool"
    case "eltwise":
      return standalone.has(nest.fn) ? "eltwise" : "fused"
  }
}

/** One layer of a workload as the Edge TPU model reads it. */
export interface EdgeTpuWorkloadLayer {
  readonly nest: LoopNest
  readonly layerClass: EdgeTpuLayerClass
  /** Weight elements (0 for pooling and element-wise layers). */
  readonly weightElements: number
  /** Elements of every input activation the layer reads. */
  readonly inputElements: number
  readonly outputElements: number
}

/**
 * A network prepared once for many Edge TPU evaluations: folded and pruned as the compiler does
 * (`foldAndPrune`), lowered to loop nests, fused layers dropped, with the sizes the model needs.
 */
export interface EdgeTpuWorkload {
  readonly name: string
  readonly layers: readonly EdgeTpuWorkloadLayer[]
  /** Elements of the network's inputs and outputs, which cross the I/O link every inference. */
  readonly ioElements: number
  readonly macs: number
  /** Layers `foldAndPrune` removed (dead or constant), for reports. */
  readonly removedLayers: number
}

/** The workload, or the issues that make the network invalid. */
export type EdgeTpuWorkloadResult =
  | { readonly ok: true; readonly workload: EdgeTpuWorkload }
  | { readonly ok: false; readonly issues: readonly NetworkIssue[] }

const workloadOf = (analyzed: AnalyzedNetwork, removedLayers: number): EdgeTpuWorkload => {
  const layers: EdgeTpuWorkloadLayer[] = []
  let macs = 0
  for (const nest of lowerNetwork(analyzed)) {
    const layerClass = edgeTpuLayerClassOf(nest)
    if (layerClass === "fused") continue
    const { N, G, K, C, P, Q, R, S, H, W } = nest
    if (nest.kind === "conv" || nest.kind === "matmul") macs += N * G * K * C * P * Q * R * S
    layers.push({
      nest,
      layerClass,
      weightElements: nest.weights === "parameters" ? G * K * C * R * S : 0,
      // Element-wise nests carry their channels in K (G = C = 1); the others in G x C.
      inputElements: (nest.kind === "eltwise" ? N * K : N * G * C) * H * W * nest.operands,
      outputElements: N * G * K * P * Q,
    })
  }
  let ioElements = 0
  const outputs = new Set(analyzed.outputs)
  for (const entry of analyzed.layers) {
    const { h, w, c } = entry.outputShape
    if (entry.layer.op === "input" || outputs.has(entry.layer.name)) ioElements += analyzed.batch * h * w * c
  }
  return { name: analyzed.name, layers, ioElements, macs, removedLayers }
}

/**
 * Prepares a network for the Edge TPU model: analyze, fold constants and drop dead layers, analyze
 * again, lower. Never throws; an invalid network comes back with its issues.
 *
 * @example
 * const prepared = edgeTpuWorkload(buildZooNetwork("mobilenet_v2").network)
 * if (prepared.ok) evaluateEdgeTpu(prepared.workload, edgeTpuPresets["edgetpu-v1"])
 */
export const edgeTpuWorkload = (network: Network): EdgeTpuWorkloadResult => {
  const first = analyzeNetwork(network)
  if (!first.ok) return first
  const folded = foldAndPrune(first.network)
  const second = analyzeNetwork(folded.network)
  if (!second.ok) return second
  return { ok: true, workload: workloadOf(second.network, folded.dead.length + folded.folded.length + folded.identities.length) }
}
