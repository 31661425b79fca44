/**
 * The IMAC cost model (docs/heterogeneous.md): fully connected layers on crossbars with resident
 * weights, per layer and per network, and the weight memory IMAC saves a digital accelerator.
 *
 * @example
 * import { imacNetworkCost } from "@cosearch/cost"
 * imacNetworkCost(nests, defaultImacAccelerator)
 */
export { imacCost, imacKind } from "./kind.js"
export {
  type ImacInfeasible,
  type ImacInfeasibleReason,
  type ImacLayerCost,
  type ImacLayerResult,
  type ImacMatrix,
  imacCrossbarsOf,
  imacLayerCost,
  imacMatrixOf,
} from "./layer-cost.js"
export { type ImacWeightMemory, imacWeightMemory } from "./memory.js"
export { type ImacNetworkCost, type ImacNetworkInfeasible, type ImacNetworkResult, imacNetworkCost } from "./network-cost.js"
