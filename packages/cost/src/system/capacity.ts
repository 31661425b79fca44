import { type AcceleratorUnit, type HeterogeneousSystem, templateOf } from "@cosearch/accelerator"
import type { AnalyzedNetwork } from "@cosearch/network"
import type { AcceleratorKind } from "../kind/kind.js"
import { loweredNests } from "../result/lowered-nests.js"
import type { CostTable } from "../schedule/problem.js"

/**
 * A unit whose layers share a fixed capacity: the IMAC unit's crossbars, which hold the weights
 * of every layer placed on it at once (weights stay resident; nothing is reloaded between
 * layers or inferences). Layers that share one weight tensor (`shareWeights`: the steps of an
 * unrolled recurrence) share its crossbars: a group is charged once when any of its layers is
 * placed on the unit.
 */
export interface UnitCapacity {
  /** The unit's index in the system. */
  readonly unit: number
  /** What the unit holds: its crossbar count. */
  readonly capacity: number
  /** Per layer of the schedule graph, what the layer's weights take on the unit (0 for layers without weights there). */
  readonly demand: Float64Array
  /** Per layer of the schedule graph, its weight group: the index of the layer owning the weights it reads (itself when it owns them). */
  readonly group: Int32Array
}

/**
 * The shared capacities of a system's units for a network: one entry per unit whose kind has a
 * shared capacity (`CostModel.capacity`: the IMAC unit's crossbars), each layer's demand what its
 * weights take there (`imacCrossbarsOf`), layers grouped by the weights they read.
 * @internal
 */
export const unitCapacities = (
  system: HeterogeneousSystem<AcceleratorUnit>,
  kinds: readonly AcceleratorKind[],
  analyzed: AnalyzedNetwork,
  index: ReadonlyMap<string, number>,
): UnitCapacity[] => {
  const group = new Int32Array(index.size).map((_, i) => i)
  for (const entry of analyzed.layers) {
    const row = index.get(entry.layer.name)
    const owner = "shareWeights" in entry.layer && entry.layer.shareWeights !== undefined ? index.get(entry.layer.shareWeights) : undefined
    if (row !== undefined && owner !== undefined) group[row] = owner
  }
  // An owner may itself share (a chain of tied layers): follow to the root.
  for (let i = 0; i < group.length; i++) {
    let root = group[i] as number
    while (group[root] !== root) root = group[root] as number
    group[i] = root
  }
  const capacities: UnitCapacity[] = []
  system.units.forEach((unit, u) => {
    const shared = (templateOf(kinds, unit.kind) as AcceleratorKind | undefined)?.cost.capacity
    if (shared === undefined) return
    const demand = new Float64Array(index.size)
    for (const nest of loweredNests(analyzed)) {
      const taken = shared.demand(nest, unit.accelerator)
      const row = index.get(nest.layer)
      if (taken !== undefined && row !== undefined) demand[row] = taken
    }
    capacities.push({ unit: u, capacity: shared.total(unit.accelerator), demand, group })
  })
  return capacities
}

/** An exceeded capacity: the unit, the weight groups placed on it and the crossbars they need together. */
export interface ExceededCapacity {
  readonly capacity: UnitCapacity
  /** The weight groups (owner layer indices) with a layer on the unit and a demand there. */
  readonly groups: number[]
  readonly used: number
}

/**
 * The first capacity an assignment exceeds, with the weight groups placed on that unit, or
 * `undefined`. A group's demand is its largest layer's (they read the same tensor).
 * @internal
 */
export const exceededCapacity = (capacities: readonly UnitCapacity[], assignment: readonly number[]): ExceededCapacity | undefined => {
  for (const capacity of capacities) {
    const demandOf = new Map<number, number>()
    assignment.forEach((unit, layer) => {
      const demand = capacity.demand[layer] ?? 0
      if (unit !== capacity.unit || demand <= 0) return
      const group = capacity.group[layer] ?? layer
      demandOf.set(group, Math.max(demandOf.get(group) ?? 0, demand))
    })
    let used = 0
    for (const demand of demandOf.values()) used += demand
    if (used > capacity.capacity) return { capacity, groups: [...demandOf.keys()], used }
  }
  return undefined
}

/**
 * A copy of a cost table with the given layers forbidden on one unit (`Infinity` in both costs).
 * @internal
 */
export const forbidLayers = (costs: CostTable, layers: readonly number[], unit: number): CostTable => {
  const latencySeconds = Float64Array.from(costs.latencySeconds)
  const energyPj = Float64Array.from(costs.energyPj)
  for (const layer of layers) {
    latencySeconds[layer * costs.units + unit] = Number.POSITIVE_INFINITY
    energyPj[layer * costs.units + unit] = Number.POSITIVE_INFINITY
  }
  return { units: costs.units, latencySeconds, energyPj }
}

/** The layers of a weight group (every layer whose group is `group`). @internal */
export const groupLayers = (capacity: UnitCapacity, group: number): number[] => {
  const layers: number[] = []
  capacity.group.forEach((g, layer) => {
    if (g === group) layers.push(layer)
  })
  return layers
}
