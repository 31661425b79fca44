/**
 * The hierarchical analytical cost model: a loop nest on a `HierarchicalAccelerator` under a
 * `Mapping` → accesses per level and operand, cycles, utilisation, energy (docs/cost-model.md).
 *
 * @example
 * import { evaluateMapping } from "@cosearch/cost"
 * const cost = evaluateMapping(nest, accelerator, mapping)
 */
export { evaluateMapping } from "./evaluate.js"
export type { EnergyBreakdown, LevelCost, MappingCost, MappingInfeasible, MappingResult, OperandCounts } from "./result.js"
