import { type HeterogeneousSystem, validateSystem } from "@cosearch/accelerator"
import { analyseNetwork, type Network } from "@cosearch/network"
import type { MapLayerOptions } from "../mapper/map-layer.js"
import type { CostTable, ScheduleObjective, ScheduleProblem } from "../schedule/problem.js"
import { type Schedule, type ScheduleOptions, schedule } from "../schedule/schedule.js"
import { transferModel } from "../schedule/transfer.js"
import { exceededCapacity, forbidLayer, type UnitCapacity, unitCapacities } from "./capacity.js"
import { scheduleGraphOf } from "./schedule-graph.js"
import { fillUnitCosts } from "./unit-costs.js"

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
 * The scheduling problem of a network on a system: the network's schedule graph, the cost table
 * from each unit's template (per layer, the layer alone; docs/scheduling.md) and the transfer
 * model of the system's links and default paths, and the shared capacities of its IMAC units (each
 * layer's crossbars; `scheduleNetwork` keeps their sum within the unit). Never throws: an invalid
 * network or system comes back with its issues' messages.
 *
 * @example
 * const built = systemProblem(network, system)
 * if (built.ok) schedule(built.problem, "energy")
 */
export const systemProblem = (network: Network, system: HeterogeneousSystem, options: SystemScheduleOptions = {}): SystemProblemResult => {
  const systemIssues = validateSystem(system)
  if (systemIssues.length > 0) return { ok: false, issues: systemIssues.map((issue) => issue.message) }
  const analysis = analyseNetwork(network)
  if (!analysis.ok) return { ok: false, issues: analysis.issues.map((issue) => issue.message) }
  const graph = scheduleGraphOf(analysis.network, options.bytesPerElement ?? 1)
  const index = new Map(graph.layers.map((name, i) => [name, i]))
  const units = system.units.length
  const costs: CostTable = {
    units,
    latencySeconds: new Float64Array(graph.layers.length * units),
    energyPj: new Float64Array(graph.layers.length * units),
  }
  system.units.forEach((unit, u) => {
    fillUnitCosts(unit, analysis.network, index, { ...costs, unit: u }, options.mapper ?? { maxMappings: 32 })
  })
  const capacities = unitCapacities(system, analysis.network, index)
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

/**
 * Schedules a network on a heterogeneous system end to end: `systemProblem`, then `schedule`.
 * An IMAC unit holds the weights of all the layers placed on it at once, so their crossbars
 * must fit its count together: while they do not, the placed layer whose removal raises the
 * objective least (each candidate rescheduled) is forbidden there and the network rescheduled —
 * a greedy repair, not an exact knapsack (docs/scheduling.md). Never throws.
 *
 * @example
 * const result = scheduleNetwork(buildZooNetwork("resnet18").network, system, "latency")
 * if (result.ok) console.log(result.placement.get("fc"), result.schedule.throughputPerSecond)
 */
export const scheduleNetwork = (
  network: Network,
  system: HeterogeneousSystem,
  objective: ScheduleObjective,
  options: SystemScheduleOptions = {},
): NetworkScheduleResult => {
  const built = systemProblem(network, system, options)
  if (!built.ok) return built
  let problem = built.problem
  let best = schedule(problem, objective, options)
  // Shared capacity (IMAC crossbars): while the layers on a unit need more than it holds, forbid
  // there the one layer whose removal costs least (each candidate rescheduled), and reschedule.
  for (let over = exceededCapacity(built.capacities, best.assignment); over !== undefined; ) {
    let chosen: { problem: ScheduleProblem; best: Schedule } | undefined
    for (const layer of over.layers) {
      const candidate = { ...problem, costs: forbidLayer(problem.costs, layer, over.capacity.unit) }
      const rescheduled = schedule(candidate, objective, options)
      if (chosen === undefined || rescheduled.value < chosen.best.value) chosen = { problem: candidate, best: rescheduled }
    }
    if (chosen === undefined) break
    problem = chosen.problem
    best = chosen.best
    over = exceededCapacity(built.capacities, best.assignment)
  }
  const placement = new Map(problem.graph.layers.map((layer, i) => [layer, system.units[best.assignment[i] ?? 0]?.name ?? ""]))
  return { ok: true, schedule: best, problem, placement }
}
