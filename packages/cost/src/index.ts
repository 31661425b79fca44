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
export {
  type DataflowName,
  type DataflowTemplate,
  dataflowNames,
  dataflowTemplates,
  isDataflowName,
} from "./hierarchical/dataflow/dataflow.js"
export * from "./hierarchical/kernel/index.js"
export { type MapLayerOptions, type MapLayerResult, type MappedLayer, mapLayer } from "./hierarchical/mapper/map-layer.js"
export { isBetter, type MapperObjective, mapperObjectives } from "./hierarchical/mapper/objective.js"
export * from "./hierarchical/mapping/index.js"
export {
  evaluateNetwork,
  type NetworkCost,
  type NetworkInfeasible,
  type NetworkLayerCost,
  type NetworkResult,
  type NetworkTotals,
} from "./hierarchical/network/evaluate-network.js"
export { evaluateNetworkTotals, type NetworkTotalsResult } from "./hierarchical/network/network-totals.js"
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
