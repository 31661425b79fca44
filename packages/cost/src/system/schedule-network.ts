import { type AcceleratorUnit, type HeterogeneousSystem, resolveSystem, templateOf } from "@cosearch/accelerator"
import { type AnalyzedNetwork, analyzeNetwork, type Network } from "@cosearch/network"
import type { MapLayerOptions } from "../kind/cost-options.js"
import type { AcceleratorKind } from "../kind/kind.js"
import type { CostTable, ScheduleObjective, ScheduleProblem } from "../schedule/problem.js"
import { type Schedule, type ScheduleOptions, schedule } from "../schedule/schedule.js"
import { transferModel } from "../schedule/transfer.js"
import { type ExceededCapacity, exceededCapacity, forbidLayers, groupLayers, type UnitCapacity, unitCapacities } from "./capacity.js"
import { scheduleGraphOf } from "./schedule-graph.js"

/** Options of `systemProblem` and `scheduleNetwork`. */
export interface SystemScheduleOptions extends ScheduleOptions {
  /** Bytes per activation element crossing between units; default 1 (int8). */
  readonly bytesPerElement?: number
  /** How hierarchical units map their layers; default `{ maxMappings: 32 }` with every dataflow. */
  readonly mapper?: MapLayerOptions
}

/** A network's scheduling problem on a system, or why there is none. */
export type SystemProblemResult =
  | { readonly ok: true; readonly problem: ScheduleProblem; readonly capacities: readonly UnitCapacity[] }
  | { readonly ok: false; readonly issues: readonly string[] }

/**
 * Fills one unit's column of a cost table: per layer (by name, through `index`) seconds and pJ
 * of the layer alone on the unit, from its kind's `layersAlone`; layers the kind does not touch
 * keep 0.
 */
const fillUnitCosts = (
  kind: AcceleratorKind,
  unit: AcceleratorUnit,
  analyzed: AnalyzedNetwork,
  index: ReadonlyMap<string, number>,
  costs: CostTable,
  column: number,
  mapper: MapLayerOptions,
): void => {
  const set = (layer: string, seconds: number, pj: number): void => {
    const row = index.get(layer)
    if (row === undefined) return
    costs.latencySeconds[row * costs.units + column] = seconds
    costs.energyPj[row * costs.units + column] = pj
  }
  kind.cost.layersAlone(unit, analyzed, set, mapper)
}

/**
 * The scheduling problem of a network on a system whose units are of `kinds` (a registry's:
 * `acceleratorKinds.systemProblem`, or `systemProblem` for the built-in kinds): the network's
 * schedule graph, the cost table from each unit's kind (per layer, the layer alone;
 * docs/scheduling.md), the transfer model of the system's links and default paths, and the shared
 * capacities of its units (the IMAC crossbars each layer takes; `scheduleNetwork` keeps their sum
 * within the unit). Units naming a preset are spelled out first (`resolveSystem`). Never throws:
 * an invalid network or system comes back with its issues' messages.
 *
 * @example
 * const built = systemProblemOf(acceleratorKinds.kinds, network, system)
 * if (built.ok) schedule(built.problem, "energy")
 */
export const systemProblemOf = (
  kinds: readonly AcceleratorKind[],
  network: Network,
  given: HeterogeneousSystem<AcceleratorUnit>,
  options: SystemScheduleOptions = {},
): SystemProblemResult => {
  const read = resolveSystem(given, kinds)
  if (!read.ok) return { ok: false, issues: read.issues.map((issue) => issue.message) }
  const system = read.system
  const analysis = analyzeNetwork(network)
  if (!analysis.ok) return { ok: false, issues: analysis.issues.map((issue) => issue.message) }
  const graph = scheduleGraphOf(analysis.network, options.bytesPerElement ?? 1)
  const index = new Map(graph.layers.map((name, i) => [name, i]))
  const units = system.units.length
  const costs: CostTable = {
    units,
    latencySeconds: new Float64Array(graph.layers.length * units),
    energyPj: new Float64Array(graph.layers.length * units),
  }
  const mapper = options.mapper ?? { maxMappings: 32 }
  system.units.forEach((unit, u) => {
    fillUnitCosts(templateOf(kinds, unit.kind) as AcceleratorKind, unit, analysis.network, index, costs, u, mapper)
  })
  const capacities = unitCapacities(system, kinds, analysis.network, index)
  return { ok: true, problem: { graph, costs, transfers: transferModel(system) }, capacities }
}

/** A network's schedule on a system, with each layer's unit by name. */
export type NetworkScheduleResult =
  | {
      readonly ok: true
      readonly schedule: Schedule
      /** The problem as scheduled: the cost table with any cells the capacity repair forbade. */
      readonly problem: ScheduleProblem
      /** Layer name to unit name. */
      readonly placement: ReadonlyMap<string, string>
    }
  | { readonly ok: false; readonly issues: readonly string[] }

/** Up to this many weight groups over a capacity, the repair reschedules each removal; beyond, it keeps the best by saving per crossbar at once. */
const exactRepairGroups = 8

/**
 * Schedules a network on a heterogeneous system whose units are of `kinds` end to end (a
 * registry's: `acceleratorKinds.scheduleNetwork`, or `scheduleNetwork` for the built-in kinds):
 * `systemProblemOf`, then `schedule`.
 * An IMAC unit holds the weights of all the layers placed on it at once (a recurrence's steps
 * share one tensor and are charged once), so their crossbars must fit its count together. While
 * they do not, a greedy repair (docs/scheduling.md), not an exact knapsack: with at most
 * `exactRepairGroups` weight groups on the unit, the group whose removal raises the objective
 * least (each candidate rescheduled) is forbidden there; with more, the groups are ranked by what
 * the unit saves them per crossbar against their best other unit (transfers not counted) and all
 * but the best that fit are forbidden at once. Then the network is rescheduled. Each round
 * forbids at least one group, so the repair ends. Never throws.
 *
 * @example
 * const result = scheduleNetworkOf(acceleratorKinds.kinds, buildZooNetwork("resnet18").network, system, "latency")
 * if (result.ok) console.log(result.placement.get("fc"), result.schedule.throughputPerSecond)
 */
export const scheduleNetworkOf = (
  kinds: readonly AcceleratorKind[],
  network: Network,
  system: HeterogeneousSystem<AcceleratorUnit>,
  objective: ScheduleObjective,
  options: SystemScheduleOptions = {},
): NetworkScheduleResult => {
  const built = systemProblemOf(kinds, network, system, options)
  if (!built.ok) return built
  let problem = built.problem
  let best = schedule(problem, objective, options)
  for (let over = exceededCapacity(built.capacities, best.assignment); over !== undefined; ) {
    const forbidden =
      over.groups.length <= exactRepairGroups
        ? leastCostlyRemoval(problem, over, objective, options)
        : groupsBeyondCapacity(problem.costs, best, over, objective)
    // Only cells not forbidden yet: a schedule that still places a forbidden layer there (no unit
    // can run it) is infeasible, and forbidding it again would loop.
    const { costs } = problem
    const unit = over.capacity.unit
    const fresh = forbidden.filter((layer) => Number.isFinite(costs.latencySeconds[layer * costs.units + unit]))
    if (fresh.length === 0) break
    problem = { ...problem, costs: forbidLayers(costs, fresh, unit) }
    best = schedule(problem, objective, options)
    over = exceededCapacity(built.capacities, best.assignment)
  }
  const placement = new Map(problem.graph.layers.map((layer, i) => [layer, system.units[best.assignment[i] ?? 0]?.name ?? ""]))
  return { ok: true, schedule: best, problem, placement }
}

/** The layers of the group whose removal from the unit raises the objective least, each candidate rescheduled. */
const leastCostlyRemoval = (
  problem: ScheduleProblem,
  over: ExceededCapacity,
  objective: ScheduleObjective,
  options: SystemScheduleOptions,
): number[] => {
  let chosen: { layers: number[]; value: number } | undefined
  for (const group of over.groups) {
    const layers = groupLayers(over.capacity, group)
    const candidate = { ...problem, costs: forbidLayers(problem.costs, layers, over.capacity.unit) }
    const value = schedule(candidate, objective, options).value
    if (chosen === undefined || value < chosen.value) chosen = { layers, value }
  }
  return chosen?.layers ?? []
}

/**
 * The layers of every group placed on the unit except those kept: groups ranked by the unit's
 * saving per crossbar (the sum over their layers there of the best other unit's cost minus this
 * one's, in the objective's terms; for EDP the first-order change of log EDP, latency and energy
 * each relative to the schedule's total), kept in that order while they fit.
 */
const groupsBeyondCapacity = (costs: CostTable, current: Schedule, over: ExceededCapacity, objective: ScheduleObjective): number[] => {
  const { capacity } = over
  const unit = capacity.unit
  const weightOf = (latency: number, energy: number): number =>
    objective === "latency"
      ? latency
      : objective === "energy"
        ? energy
        : latency / Math.max(current.latencySeconds, Number.MIN_VALUE) + energy / Math.max(current.energyPj, Number.MIN_VALUE)
  const ranked = over.groups.map((group) => {
    let saving = 0
    let demand = 0
    current.assignment.forEach((placed, layer) => {
      if (placed !== unit || capacity.group[layer] !== group) return
      demand = Math.max(demand, capacity.demand[layer] ?? 0)
      const here = weightOf(costs.latencySeconds[layer * costs.units + unit] ?? 0, costs.energyPj[layer * costs.units + unit] ?? 0)
      let elsewhere = Number.POSITIVE_INFINITY
      for (let other = 0; other < costs.units; other++)
        if (other !== unit)
          elsewhere = Math.min(
            elsewhere,
            weightOf(costs.latencySeconds[layer * costs.units + other] ?? 0, costs.energyPj[layer * costs.units + other] ?? 0),
          )
      saving += elsewhere - here
    })
    return { group, perCrossbar: saving / Math.max(demand, 1), demand }
  })
  ranked.sort((a, b) => b.perCrossbar - a.perCrossbar || a.group - b.group)
  let used = 0
  const forbidden: number[] = []
  for (const entry of ranked) {
    if (used + entry.demand <= capacity.capacity) used += entry.demand
    else forbidden.push(...groupLayers(capacity, entry.group))
  }
  return forbidden
}
