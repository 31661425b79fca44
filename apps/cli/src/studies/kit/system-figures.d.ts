import { type HeterogeneousSystem } from "@cosearch/accelerator"
import { type ScheduleObjective } from "@cosearch/cost"
import { type Network } from "@cosearch/network"
/** A network's schedule on a system, in the units the studies report. */
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
 * A zoo network by spec; the study configs check their specs when decoded, so a failure here is a bug.
 *
 * @example
 * const network = zooNetwork("mobilenet_v2")
 */
export declare const zooNetwork: (spec: string) => Network
/**
 * A system by name (`systemPreset`); the study configs check their names when decoded.
 *
 * @example
 * const mensa = namedSystem("mensa")
 */
export declare const namedSystem: (name: string) => HeterogeneousSystem
/**
 * Schedules a network on a system (`scheduleNetwork`) and returns the figures, infinite when a
 * layer runs nowhere.
 *
 * @example
 * systemFigures(zooNetwork("resnet18"), namedSystem("mensa"), "edp").throughputPerSecond
 */
export declare const systemFigures: (network: Network, system: HeterogeneousSystem, objective: ScheduleObjective) => SystemFigures
//# sourceMappingURL=system-figures.d.ts.map
