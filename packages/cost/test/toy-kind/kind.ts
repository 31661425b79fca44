/**
 * The cost side of the toy kind, written as a contributor writes `packages/cost/src/<kind>/kind.ts`:
 * the network's cost for `costOn` and each layer alone for the scheduler, joined with the template.
 */
import {
  type AcceleratorKind,
  type CostModel,
  feasibleCost,
  feasibleLayer,
  infeasibleCost,
  type LayerCost,
  loweredNests,
} from "@cosearch/cost"
import { loopNestMacs } from "@cosearch/network"
import { type ToyAccelerator, toyTemplate } from "./template.js"

const INFEASIBLE = Number.POSITIVE_INFINITY

/** The toy's cost model: conv and matmul layers one after another; no dataflow, no objective. */
export const toyCost: CostModel<"toy", ToyAccelerator> = {
  network: (unit, network, options) => {
    const toy = unit.accelerator
    let macs = 0
    let cycles = 0
    const layers: LayerCost[] = []
    for (const nest of loweredNests(network)) {
      if (nest.kind !== "conv" && nest.kind !== "matmul") continue
      const layerMacs = loopNestMacs(nest)
      if (layerMacs > toy.maxLayerMacs)
        return infeasibleCost(unit, network, nest.layer, "too-big", `${layerMacs} MACs; the toy takes ${toy.maxLayerMacs}`)
      const layerCycles = Math.ceil(layerMacs / toy.macsPerCycle)
      macs += layerMacs
      cycles += layerCycles
      if (options.layers === true)
        layers.push(
          feasibleLayer(
            nest.layer,
            null,
            layerMacs,
            layerCycles,
            layerMacs / (layerCycles * toy.macsPerCycle),
            layerMacs * toy.pjPerMac,
            null,
          ),
        )
    }
    const totals = {
      macs,
      cycles,
      latencyMs: cycles / toy.clockMhz / 1000,
      energyMj: (macs * toy.pjPerMac) / 1e9,
      areaMm2: toy.macsPerCycle * toy.mm2PerMac,
      utilization: macs / (cycles * toy.macsPerCycle),
    }
    return feasibleCost(unit, network, totals, options.layers === true ? layers : undefined)
  },
  layersAlone: (unit, network, set) => {
    const toy = unit.accelerator
    for (const nest of loweredNests(network)) {
      if (nest.kind !== "conv" && nest.kind !== "matmul") continue
      const layerMacs = loopNestMacs(nest)
      if (layerMacs > toy.maxLayerMacs) set(nest.layer, INFEASIBLE, INFEASIBLE)
      else set(nest.layer, Math.ceil(layerMacs / toy.macsPerCycle) / (toy.clockMhz * 1e6), layerMacs * toy.pjPerMac)
    }
  },
  dataflow: { none: "runs every layer on its one array" },
}

/** The toy kind: its template and its cost model. */
export const toyKind: AcceleratorKind<"toy", ToyAccelerator> = { ...toyTemplate, cost: toyCost }
