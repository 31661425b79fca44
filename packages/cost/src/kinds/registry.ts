import type { AcceleratorUnit, HeterogeneousSystem } from "@cosearch/accelerator"
import type { AnalyzedNetwork, Network } from "@cosearch/network"
import { cpuKind } from "../cpu/kind.js"
import { edgeTpuKind } from "../edgetpu/kind.js"
import { hierarchicalKind } from "../hierarchical/kind.js"
import { imacKind } from "../imac/kind.js"
import type { AcceleratorKind, CostOptions, CostResult } from "../kind/kind.js"
import type { ScheduleObjective } from "../schedule/problem.js"
import type { NetworkScheduleResult, SystemProblemResult, SystemScheduleOptions } from "../system/schedule-network.js"
import { systolicKind } from "../systolic/kind.js"
import { type KindRegistry, kindRegistry } from "./kind-registry.js"

/**
 * The built-in accelerator kinds, in listing order: one line per kind. A new kind is a folder in
 * `@cosearch/accelerator` (its template), a folder here (its `kind.ts`) and its line below.
 *
 * @example
 * builtInKinds.map((kind) => kind.kind) // ["edgetpu", "hierarchical", "systolic", "imac", "cpu"]
 */
export const builtInKinds: readonly AcceleratorKind[] = [edgeTpuKind, hierarchicalKind, systolicKind, imacKind, cpuKind]

/**
 * The registry of the built-in kinds: what everything that takes an accelerator reads by default
 * (the CLI, the engine's evaluators and spaces, systems, the surrogate's samples).
 *
 * @example
 * acceleratorKinds.preset("cortex-a53")?.kind // "cpu"
 * acceleratorKinds.systemPreset("mensa")?.units.length // 3
 */
export const acceleratorKinds: KindRegistry = kindRegistry(builtInKinds)

/**
 * The cost of one network on one accelerator unit, the one cost entry point for every kind
 * (`acceleratorKinds.costOn`; a registry of other kinds has its own): the unit's kind's cost
 * model, totals only by default (each kind's fastest path: search loops ask for nothing else),
 * every layer's record with `layers: true`. An infeasible network comes back with the layer at
 * fault and the kind's reason. The unit is trusted: check documents with `decode` first.
 *
 * @example
 * const result = costOn({ kind: "hierarchical", name: "eyeriss", accelerator: eyerissV1Like }, analyzed, { dataflow: "row-stationary", layers: true })
 * if (result.feasible) console.log(result.totals.latencyMs, result.layers.length)
 */
export const costOn = (unit: AcceleratorUnit, network: AnalyzedNetwork, options?: CostOptions): CostResult =>
  acceleratorKinds.costOn(unit, network, options)

/**
 * An accelerator preset of any built-in kind as a unit named after it, or `undefined`.
 *
 * @example
 * acceleratorPreset("coral") // { kind: "edgetpu", name: "coral", accelerator: edgeTpuPresets.coral }
 */
export const acceleratorPreset = (name: string): AcceleratorUnit | undefined => acceleratorKinds.preset(name)

/**
 * The scheduling problem of a network on a system of built-in kinds (`systemProblemOf`).
 *
 * @example
 * const built = systemProblem(network, systemPresets.mensa)
 * if (built.ok) schedule(built.problem, "energy")
 */
export const systemProblem = (
  network: Network,
  system: HeterogeneousSystem<AcceleratorUnit>,
  options?: SystemScheduleOptions,
): SystemProblemResult => acceleratorKinds.systemProblem(network, system, options)

/**
 * Schedules a network on a system of built-in kinds end to end (`scheduleNetworkOf`).
 *
 * @example
 * const result = scheduleNetwork(buildZooNetwork("resnet18").network, systemPresets["tpu-imac"], "latency")
 * if (result.ok) console.log(result.placement.get("fc"), result.schedule.throughputPerSecond)
 */
export const scheduleNetwork = (
  network: Network,
  system: HeterogeneousSystem<AcceleratorUnit>,
  objective: ScheduleObjective,
  options?: SystemScheduleOptions,
): NetworkScheduleResult => acceleratorKinds.scheduleNetwork(network, system, objective, options)
