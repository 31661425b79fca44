import type { HeterogeneousSystem } from "@cosearch/accelerator"
import { type AnalysedNetwork, lowerNetwork } from "@cosearch/network"
import { imacCrossbarsOf, imacMatrixOf } from "../imac/layer-cost.js"
import type { CostTable } from "../schedule/problem.js"

/**
 * A unit whose layers share a fixed capacity: the IMAC unit's crossbars, which hold the weights
 * of every layer placed on it at once (weights stay resident; nothing is reloaded between
 * layers or inferences).
 */
export interface UnitCapacity {
  /** The unit's index in the system. */
  readonly unit: number
  /** What the unit holds: its crossbar count. */
  readonly capacity: number
  /** Per layer of the schedule graph, what the layer takes on the unit (0 for layers without weights there). */
  readonly demand: Float64Array
}

/**
 * The shared capacities of a system's units for a network: one entry per IMAC unit, each layer's
 * demand its crossbars (`imacCrossbarsOf`). Other kinds have no shared capacity here.
 * @internal
 */
export const unitCapacities = (
  system: HeterogeneousSystem,
  analysed: AnalysedNetwork,
  index: ReadonlyMap<string, number>,
): UnitCapacity[] => {
  const capacities: UnitCapacity[] = []
  system.units.forEach((unit, u) => {
    if (unit.kind !== "imac") return
    const demand = new Float64Array(index.size)
    for (const nest of lowerNetwork(analysed)) {
      const matrix = imacMatrixOf(nest)
      const row = index.get(nest.layer)
      if (matrix !== undefined && row !== undefined) demand[row] = imacCrossbarsOf(matrix, unit.accelerator)
    }
    capacities.push({ unit: u, capacity: unit.accelerator.crossbarCount, demand })
  })
  return capacities
}

/**
 * The first capacity an assignment exceeds, with the layers placed on that unit, or `undefined`.
 * @internal
 */
export const exceededCapacity = (
  capacities: readonly UnitCapacity[],
  assignment: readonly number[],
): { readonly capacity: UnitCapacity; readonly layers: number[] } | undefined => {
  for (const capacity of capacities) {
    let used = 0
    const layers: number[] = []
    assignment.forEach((unit, layer) => {
      const demand = capacity.demand[layer] ?? 0
      if (unit === capacity.unit && demand > 0) {
        used += demand
        layers.push(layer)
      }
    })
    if (used > capacity.capacity) return { capacity, layers }
  }
  return undefined
}

/**
 * A copy of a cost table with one layer forbidden on one unit (`Infinity` in both costs).
 * @internal
 */
export const forbidLayer = (costs: CostTable, layer: number, unit: number): CostTable => {
  const latencySeconds = Float64Array.from(costs.latencySeconds)
  const energyPj = Float64Array.from(costs.energyPj)
  latencySeconds[layer * costs.units + unit] = Number.POSITIVE_INFINITY
  energyPj[layer * costs.units + unit] = Number.POSITIVE_INFINITY
  return { units: costs.units, latencySeconds, energyPj }
}
