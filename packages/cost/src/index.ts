/**
 * `@cosearch/cost`: cost models of loop nests on accelerators — the hierarchical model (storage
 * levels, mappings, eight dataflow presets, a bounded mapper, whole networks with on-chip
 * activation hand-off) and the systolic-array mode, whose cycle counts, utilisation, mapping
 * efficiency and SRAM access counts are SCALE-Sim v2's.
 *
 * @example
 * import { evaluateNetwork } from "@cosearch/cost"
 * import { eyerissV1Like } from "@cosearch/accelerator"
 * import { analyseNetworkOrThrow, buildZooNetwork } from "@cosearch/network"
 * const built = buildZooNetwork("resnet18")
 * if (built.ok) console.log(evaluateNetwork(analyseNetworkOrThrow(built.network), eyerissV1Like, { dataflow: "rs" }))
 *
 * @packageDocumentation
 */

export * from "./cpu/index.js"
export * from "./edgetpu/index.js"
export * from "./hierarchical/index.js"
export * from "./imac/index.js"
export { type AssignmentCost, assignmentCost, assignmentObjective } from "./schedule/assignment.js"
export {
  type CostTable,
  isChainGraph,
  type ScheduleGraph,
  type ScheduleObjective,
  type ScheduleProblem,
  type ScheduleTensor,
  scheduleObjectives,
  type TransferModel,
} from "./schedule/problem.js"
export { type Schedule, type ScheduleOptions, schedule } from "./schedule/schedule.js"
export { type SystemTopology, transferModel } from "./schedule/transfer.js"
export type { UnitCapacity } from "./system/capacity.js"
export { scheduleGraphOf } from "./system/schedule-graph.js"
export {
  type NetworkScheduleResult,
  type SystemProblemResult,
  type SystemScheduleOptions,
  scheduleNetwork,
  systemProblem,
} from "./system/schedule-network.js"
export { systolicArrayFault, systolicLayerCost, systolicLayerCycles } from "./systolic/layer-cost.js"
export {
  type SystolicNetworkCost,
  type SystolicNetworkResult,
  type SystolicSkippedNest,
  systolicNetworkCost,
} from "./systolic/network-cost.js"
export type {
  SystolicInfeasible,
  SystolicInfeasibleReason,
  SystolicLayerCost,
  SystolicLayerResult,
} from "./systolic/result.js"
