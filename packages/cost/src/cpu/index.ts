/**
 * The CPU cost model (docs/heterogeneous.md): a roofline per layer with per-class efficiencies,
 * DRAM traffic beyond the L2 and static power, per layer and per network.
 *
 * @example
 * import { cpuNetworkCost } from "@cosearch/cost"
 * cpuNetworkCost(nests, cpuPresets["cortex-a53"])
 */

export * from "./calibration/index.js"
export { cpuCost, cpuKind } from "./kind.js"
export {
  type CpuLayerCost,
  type CpuLayerOptions,
  cpuActivationBytes,
  cpuLayerClassOf,
  cpuLayerCost,
  cpuWeightBytes,
} from "./layer-cost.js"
export { type CpuNetworkCost, cpuNetworkCost } from "./network-cost.js"
export { cpuPrunedNests } from "./pruned-nests.js"
