import type { HeterogeneousSystem } from "@cosearch/accelerator"
import { acceleratorKinds, type ScheduleObjective, scheduleNetwork } from "@cosearch/cost"
import { buildZooNetwork, type Network } from "@cosearch/network"

/**
 * A network's schedule on a system, in the units the comparisons report.
 *
 * @example
 * systemFigures(zooNetwork("resnet18"), namedSystem("mensa"), "edp").latencySeconds
 */
export interface SystemFigures {
  readonly feasible: boolean
  readonly latencySeconds: number
  readonly energyPj: number
  /** Pipelined: consecutive inferences overlap on different units (docs/scheduling.md). */
  readonly throughputPerSecond: number
  /** Layer name to unit name. */
  readonly placement: ReadonlyMap<string, string>
}

/**
 * A zoo network by spec; the comparison configs check their specs when decoded, so a failure here is a bug.
 *
 * @example
 * const network = zooNetwork("mobilenet_v2")
 */
export const zooNetwork = (spec: string): Network => {
  const built = buildZooNetwork(spec)
  if (!built.ok) throw new Error(built.message)
  return built.network
}

/**
 * A system by name (`acceleratorKinds.systemPreset`: the built-in kinds' units); the comparison configs check their names when decoded.
 *
 * @example
 * const mensa = namedSystem("mensa")
 */
export const namedSystem = (name: string): HeterogeneousSystem => {
  const system = acceleratorKinds.systemPreset(name) as HeterogeneousSystem | undefined
  if (system === undefined) throw new Error(`"${name}" is not a system`)
  return system
}

/**
 * Schedules a network on a system (`scheduleNetwork`) and returns the figures, infinite when a
 * layer runs nowhere.
 *
 * @example
 * systemFigures(zooNetwork("resnet18"), namedSystem("mensa"), "edp").throughputPerSecond
 */
export const systemFigures = (network: Network, system: HeterogeneousSystem, objective: ScheduleObjective): SystemFigures => {
  const result = scheduleNetwork(network, system, objective)
  if (!result.ok) throw new Error(result.issues.join("; "))
  const { schedule } = result
  return {
    feasible: schedule.feasible,
    latencySeconds: schedule.latencySeconds,
    energyPj: schedule.energyPj,
    throughputPerSecond: schedule.feasible ? schedule.throughputPerSecond : 0,
    placement: result.placement,
  }
}

/**
 * A system's figures as plain data (without the placement map), for JSON.
 *
 * @example
 * JSON.stringify(plainFigures("mensa", systemFigures(zooNetwork("resnet18"), namedSystem("mensa"), "edp")))
 */
export const plainFigures = (system: string, figures: SystemFigures) => ({
  system,
  feasible: figures.feasible,
  latencySeconds: figures.latencySeconds,
  energyPj: figures.energyPj,
  throughputPerSecond: figures.throughputPerSecond,
})
