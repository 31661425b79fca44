import type { AnalysedNetwork } from "@cosearch/network"
import type { ScheduleGraph, ScheduleTensor } from "../schedule/problem.js"

/**
 * The schedule graph of an analysed network: every layer but the inputs, in the analysis's
 * topological order; one tensor per layer output (`bytesPerElement` per element), the inputs'
 * tensors starting at home, the network's outputs returning there.
 *
 * @example
 * const graph = scheduleGraphOf(analyseNetworkOrThrow(network))
 */
export const scheduleGraphOf = (analysed: AnalysedNetwork, bytesPerElement = 1): ScheduleGraph => {
  const layers: string[] = []
  const index = new Map<string, number>()
  for (const entry of analysed.layers)
    if (entry.layer.op !== "input") {
      index.set(entry.layer.name, layers.length)
      layers.push(entry.layer.name)
    }
  const readers = new Map<string, Set<number>>()
  for (const entry of analysed.layers) {
    const reader = index.get(entry.layer.name)
    if (reader === undefined) continue
    for (const input of entry.layer.inputs) {
      const set = readers.get(input) ?? new Set<number>()
      set.add(reader)
      readers.set(input, set)
    }
  }
  const outputs = new Set(analysed.outputs)
  const tensors: ScheduleTensor[] = analysed.layers.map((entry) => {
    const { h, w, c } = entry.outputShape
    return {
      bytes: analysed.batch * h * w * c * bytesPerElement,
      producer: index.get(entry.layer.name) ?? -1,
      consumers: [...(readers.get(entry.layer.name) ?? [])],
      output: outputs.has(entry.layer.name),
    }
  })
  return { layers, tensors }
}
