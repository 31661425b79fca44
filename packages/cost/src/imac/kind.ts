import { type ImacAccelerator, imacArea, imacTemplate } from "@cosearch/accelerator"
import { type LoopNest, loopNestMacs } from "@cosearch/network"
import type { AcceleratorKind, CostModel, LayerCost } from "../kind/kind.js"
import { feasibleCost, feasibleLayer, infeasibleCost } from "../result/cost-result.js"
import { loweredNests } from "../result/lowered-nests.js"
import { imacCrossbarsOf, imacLayerCost, imacMatrixOf } from "./layer-cost.js"
import { imacNetworkCost } from "./network-cost.js"

const INFEASIBLE = Number.POSITIVE_INFINITY

/**
 * The IMAC model as a kind's cost (`imacNetworkCost`, docs/heterogeneous.md): fully connected
 * layers on crossbars with resident weights; a network with any other compute layer, or whose
 * weights need more crossbars than the unit has, is infeasible. No cycles and no utilization
 * (`null`). Per-layer records give each dense layer's crossbar operations as its accesses; fused
 * layers (free) are left out. The scheduler's column: each layer alone (`imacLayerCost`), the
 * crossbars a capacity the layers placed on the unit share. No dataflow and no mapper objective.
 *
 * @example
 * imacCost.network({ kind: "imac", name: "imac", accelerator: defaultImacAccelerator }, analyzed, { layers: true })
 */
export const imacCost: CostModel<"imac", ImacAccelerator> = {
  network: (unit, network, options) => {
    const nests = loweredNests(network)
    const cost = imacNetworkCost(nests, unit.accelerator)
    if (!cost.feasible) return infeasibleCost(unit, network, cost.layer ?? "(accelerator)", cost.reason, cost.message)
    let macs = 0
    for (const nest of nests) macs += loopNestMacs(nest)
    const totals = {
      macs,
      cycles: null,
      latencyMs: cost.latencySeconds * 1e3,
      energyMj: cost.energyPj / 1e9,
      areaMm2: imacArea(unit.accelerator).totalMm2,
      utilization: null,
    }
    if (options.layers !== true) return feasibleCost(unit, network, totals)
    const layers: LayerCost[] = []
    cost.layers.forEach((layer, i) => {
      if (layer.feasible && !layer.fused)
        layers.push(
          feasibleLayer(layer.layer, null, loopNestMacs(nests[i] as LoopNest), null, null, layer.energyPj, {
            crossbarOps: layer.crossbarOps,
          }),
        )
    })
    return feasibleCost(unit, network, totals, layers)
  },
  layersAlone: (unit, network, set) => {
    for (const nest of loweredNests(network)) {
      const cost = imacLayerCost(nest, unit.accelerator)
      if (cost.feasible) set(nest.layer, cost.latencySeconds, cost.energyPj)
      else set(nest.layer, INFEASIBLE, INFEASIBLE)
    }
  },
  dataflow: { none: "runs dense layers on its crossbars" },
  capacity: {
    total: (unit) => unit.crossbarCount,
    demand: (nest, unit) => {
      const matrix = imacMatrixOf(nest)
      return matrix === undefined ? undefined : imacCrossbarsOf(matrix, unit)
    },
  },
}

/**
 * The IMAC kind: `imacTemplate` (the `imac` preset, validation, area, the `imac-knobs` space) and
 * `imacCost`.
 *
 * @example
 * costOn({ kind: "imac", name: "imac", accelerator: defaultImacAccelerator }, analyzed).feasible
 */
export const imacKind: AcceleratorKind<"imac", ImacAccelerator> = { ...imacTemplate, cost: imacCost }
