/**
 * `@cosearch/cost`: the cost models of every accelerator kind — the Edge TPU template, the
 * hierarchical model (storage levels, mappings, dataflow presets, a bounded mapper, whole networks
 * with on-chip activation hand-off, Timeloop/Accelergy import, export and accounting), SCALE-Sim's systolic arrays, IMAC crossbars, the CPU roofline —
 * joined with their templates into one record per kind and registered once (`acceleratorKinds`);
 * `costOn`, the one cost entry point for every kind; the heterogeneous scheduler.
 *
 * @example
 * import { acceleratorKinds, costOn } from "@cosearch/cost"
 * import { analyzeNetworkOrThrow, buildZooNetwork } from "@cosearch/network"
 * const built = buildZooNetwork("resnet18")
 * const unit = acceleratorKinds.preset("eyeriss-v1-like")
 * if (built.ok && unit !== undefined) console.log(costOn(unit, analyzeNetworkOrThrow(built.network), { dataflow: "rs" }).totals) // MAESTRO's row-stationary
 *
 * @packageDocumentation
 */

export * from "./calibration/index.js"
export * from "./cpu/index.js"
export * from "./edgetpu/index.js"
export * from "./hierarchical/index.js"
export { hierarchicalCost, hierarchicalKind } from "./hierarchical/kind.js"
export * from "./imac/index.js"
export {
  type DataflowFamilyName,
  type DataflowName,
  dataflowFamilyNames,
  dataflowNames,
  type FixedMapping,
  type FixedMappings,
  isDataflowName,
  isMaestroDataflowName,
  type MaestroDataflowName,
  type MapLayerOptions,
  type MapperObjective,
  maestroDataflowNames,
  mapperObjectives,
  type NetworkOptions,
} from "./kind/cost-options.js"
export type {
  AcceleratorKind,
  CostFailure,
  CostModel,
  CostOptions,
  CostResult,
  CostTotals,
  DataflowChoice,
  DataflowRule,
  LayerCost,
  LayerCostSink,
  NoDataflow,
  ObjectiveRule,
  SharedCapacity,
} from "./kind/kind.js"
export { type CostOptionIssue, type KindFileReader, type KindRegistry, kindRegistry, type UnitRead } from "./kinds/kind-registry.js"
export { acceleratorKinds, acceleratorPreset, builtInKinds, costOn, scheduleNetwork, systemProblem } from "./kinds/registry.js"
export { feasibleCost, feasibleLayer, infeasibleCost } from "./result/cost-result.js"
export { loweredNests } from "./result/lowered-nests.js"
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
  scheduleNetworkOf,
  systemProblemOf,
} from "./system/schedule-network.js"
export { systolicCost, systolicKind } from "./systolic/kind.js"
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
