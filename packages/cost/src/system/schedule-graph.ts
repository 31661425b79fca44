import type { AnalyzedNetwork } from "@cosearch/network"
import type { ScheduleGraph, ScheduleTensor } from "../schedule/problem.js"

/**
 * The schedule graph of an analyzed network: every layer but the inputs, in the analysis's
 * topological order; one tensor per layer output (`bytesPerElement` per element), the inputs'
 * tensors starting at home, the network's outputs returning there.
 *
 * @example
 * const graph = scheduleGraphOf(analyzeNetworkOrThrow(network))
 */
export const scheduleGraphOf = (analyzed: AnalyzedNetwork, bytesPerElement = 1): ScheduleGraph => {
  const layers: string[] = []
  const index = new Map<string, number>()
  for (const entry of analyzed.layers)
    if (entry.layer.op !== "input") {
      index.set(entry.layer.name, layers.length)
      layers.push(entry.layer.name)
    }
  const readers = new Map<string, Set<number>>()
  for (const entry of analyzed.layers) {
    const reader = index.get(entry.layer.name)
    if (reader === undefined) continue
    for (const input of entry.layer.inputs) {
      const set = readers.get(input) ?? new Set<number>()
      set.add(reader)
      readers.set(input, set)
    }
  }
  const outputs = new Set(analyzed.outputs)
  const tensors: ScheduleTensor[] = analyzed.layers.map((entry) => {
    const { h, w, c } = entry.outputShape
    return {
      bytes: analyzed.batch * h * w * c * bytesPerElement,
      producer: index.get(entry.layer.name) ?? -1,
      consumers: [...(readers.get(entry.layer.name) ?? [])],
      output: outputs.has(entry.layer.name),
    }
  })
  return { layers, tensors }
}
