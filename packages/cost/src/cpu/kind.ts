import { type CpuAccelerator, cpuTemplate } from "@cosearch/accelerator"
import { type LoopNest, loopNestMacs } from "@cosearch/network"
import type { AcceleratorKind, CostModel, LayerCost } from "../kind/kind.js"
import { feasibleCost, feasibleLayer } from "../result/cost-result.js"
import { cpuNetworkCost } from "./network-cost.js"
import { cpuPrunedNests } from "./pruned-nests.js"

/** MACs of a network's nests. */
const networkMacs = (nests: readonly LoopNest[]): number => {
  let macs = 0
  for (const nest of nests) macs += loopNestMacs(nest)
  return macs
}

/**
 * The CPU roofline as a kind's cost (`cpuNetworkCost`, docs/heterogeneous.md): latency and energy
 * of the layers one after another, dead and constant layers pruned first (`cpuPrunedNests`: they
 * cost nothing); a CPU runs every layer. It models neither cycles, utilization
 * nor area (`null`). Per-layer records give each costed layer's class as its dataflow and the
 * bytes it moves to or from DRAM; fused layers (free) are left out. The scheduler's column: each
 * layer's roofline, the weights cached in L2 when the whole network's fit. No dataflow and no
 * mapper objective.
 *
 * @example
 * cpuCost.network({ kind: "cpu", name: "cortex-a53", accelerator: cpuPresets["cortex-a53"] }, analyzed, {})
 */
export const cpuCost: CostModel<"cpu", CpuAccelerator> = {
  network: (unit, network, options) => {
    const nests = cpuPrunedNests(network)
    const cost = cpuNetworkCost(nests, unit.accelerator)
    const totals = {
      macs: networkMacs(nests),
      cycles: null,
      latencyMs: cost.latencySeconds * 1e3,
      energyMj: cost.energyPj / 1e9,
      areaMm2: null,
      utilization: null,
    }
    if (options.layers !== true) return feasibleCost(unit, network, totals)
    const layers: LayerCost[] = []
    cost.layers.forEach((layer, i) => {
      if (layer.layerClass !== "fused")
        layers.push(
          feasibleLayer(layer.layer, layer.layerClass, loopNestMacs(nests[i] as LoopNest), null, null, layer.energyPj, {
            dramBytes: layer.dramBytes,
          }),
        )
    })
    return feasibleCost(unit, network, totals, layers)
  },
  layersAlone: (unit, network, set) => {
    for (const layer of cpuNetworkCost(cpuPrunedNests(network), unit.accelerator).layers)
      set(layer.layer, layer.latencySeconds, layer.energyPj)
  },
  dataflow: { none: "costs every layer as a roofline" },
}

/**
 * The CPU kind: `cpuTemplate` (the `cortex-a53` preset, validation; no area model) and `cpuCost`.
 *
 * @example
 * costOn({ kind: "cpu", name: "cortex-a53", accelerator: cpuPresets["cortex-a53"] }, analyzed).totals?.latencyMs
 */
export const cpuKind: AcceleratorKind<"cpu", CpuAccelerator> = { ...cpuTemplate, cost: cpuCost }
