/**
 * `@cosearch/cost`: cost models of loop nests on accelerators. This first part is the systolic
 * array mode, whose cycle counts, utilisation, mapping efficiency and SRAM access counts are
 * SCALE-Sim v2's.
 *
 * @example
 * import { systolicNetworkCost } from "@cosearch/cost"
 * import { systolicPresets } from "@cosearch/accelerator"
 * import { analyseNetworkOrThrow, buildZooNetwork } from "@cosearch/network"
 * const built = buildZooNetwork("resnet18")
 * if (built.ok) console.log(systolicNetworkCost(analyseNetworkOrThrow(built.network), systolicPresets["systolic-32x32"]))
 *
 * @packageDocumentation
 */

export * from "./hierarchy/index.js"
export * from "./mapping/index.js"
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
