/**
 * The hierarchical (Timeloop-like) cost model: a loop nest on a `HierarchicalAccelerator` under a
 * `Mapping` (per storage level the temporal factors and loop order, and the spatial factors over
 * the PE array) → accesses per level and operand, cycles, utilization and energy
 * (docs/cost-model.md); the mappings' validation, eight dataflow families and a bounded
 * deterministic mapper, MAESTRO's dataflows (its directives as mappings, evaluated as MAESTRO
 * does), whole networks with on-chip activation hand-off, and Timeloop/Accelergy descriptions
 * read (`readTimeloopSpec`), written (`timeloopSpecYaml`, ...) and counted as Timeloop counts
 * (`timeloopAccounting`). Which folder holds what: README.md beside this file.
 *
 * @example
 * import { evaluateMapping, mapLayer, validateMapping } from "@cosearch/cost"
 * validateMapping(nest, accelerator, mapping) // [] when valid
 * const cost = evaluateMapping(nest, accelerator, mapping)
 * const mapped = mapLayer(nest, accelerator, { dataflow: "row-stationary" })
 */
export { type DataflowTemplate, dataflowTemplates } from "./dataflow/dataflow.js"
export { evaluateMapping } from "./kernel/evaluate.js"
export type { EnergyBreakdown, LevelCost, MappingCost, MappingInfeasible, MappingResult, OperandCounts } from "./kernel/result.js"
export { type MaestroDataflow, maestroDataflows } from "./maestro/dataflows.js"
export { type DirectiveMapping, mappingFromDirectives } from "./maestro/directive-mapping.js"
export {
  type DirectiveAccounting,
  type DirectiveCost,
  type DirectiveResult,
  evaluateDirectives,
  maestroEvaluated,
} from "./maestro/evaluate-directives.js"
export { directivesFromMapping, type MappingDirectives } from "./maestro/mapping-directives.js"
export { fixedLayer, fixedMappingOf } from "./mapper/fixed-layer.js"
export { type MapLayerResult, type MappedLayer, mapLayer } from "./mapper/map-layer.js"
export { isBetter } from "./mapper/objective.js"
export type { MappingIssue, MappingIssueReason } from "./mapping/issues.js"
export {
  type Dimension,
  type DimensionFactors,
  dimensionIndex,
  dimensions,
  factorOf,
  isRelevant,
  type LevelMapping,
  type Mapping,
} from "./mapping/mapping.js"
export { validateMapping } from "./mapping/validate.js"
export {
  evaluateNetwork,
  type NetworkCost,
  type NetworkInfeasible,
  type NetworkLayerCost,
  type NetworkResult,
  type NetworkTotals,
} from "./network/evaluate-network.js"
export { evaluateNetworkTotals, type NetworkTotalsResult } from "./network/network-totals.js"
export { type TimeloopCost, type TimeloopLevelCost, type TimeloopResult, timeloopAccounting } from "./timeloop/accounting.js"
export type { TimeloopActionEnergies, TimeloopErt } from "./timeloop/ert.js"
export { readTimeloopMapping, readTimeloopProblem, timeloopAcceleratorReader } from "./timeloop/files.js"
export type { TimeloopConstraint } from "./timeloop/mapping.js"
export { readTimeloopSpec, type TimeloopInput, type TimeloopRead, type TimeloopSpec } from "./timeloop/spec.js"
export {
  type TimeloopSpecInput,
  type TimeloopWritten,
  timeloopArchitectureYaml,
  timeloopErtYaml,
  timeloopMappingYaml,
  timeloopProblemYaml,
  timeloopSpecYaml,
} from "./timeloop/writer.js"
export type { TimeloopSource } from "./timeloop/yaml-read.js"
