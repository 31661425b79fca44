import type { AcceleratorUnit } from "@cosearch/accelerator"
import type { AnalyzedNetwork } from "@cosearch/network"
import type { CostResult, CostTotals, LayerCost } from "../kind/kind.js"

/** The `layers` of a totals-only result: one shared empty list. */
const noLayers: readonly LayerCost[] = Object.freeze([])

/**
 * A feasible `CostResult` of a unit and a network: its totals, and its layers when given.
 *
 * @example
 * return feasibleCost(unit, network, totals, options.layers === true ? records : undefined)
 */
export const feasibleCost = (
  unit: AcceleratorUnit,
  network: AnalyzedNetwork,
  totals: CostTotals,
  layers: readonly LayerCost[] = noLayers,
): CostResult => ({ network: network.name, accelerator: unit.name, kind: unit.kind, feasible: true, layers, totals })

/**
 * The record of a layer that ran: its figures (`null` where the kind has none), in the order every
 * kind's records share.
 *
 * @example
 * feasibleLayer("fc1/dense", "fc", 65536, null, null, 5.4e6, { dramBytes: 65536 })
 */
export const feasibleLayer = (
  name: string,
  dataflow: string | null,
  macs: number | null,
  cycles: number | null,
  utilization: number | null,
  energyPj: number | null,
  accesses: Readonly<Record<string, number>> | null,
  energyByLevel?: Readonly<Record<string, number>>,
): LayerCost => ({
  name,
  dataflow,
  macs,
  cycles,
  utilization,
  energyPj,
  accesses,
  ...(energyByLevel === undefined ? {} : { energyByLevel }),
  feasible: true,
  reason: null,
})

/**
 * An infeasible `CostResult`: the failure, and the failing layer's record as its one layer.
 *
 * @example
 * return infeasibleCost(unit, network, cost.layer ?? "(accelerator)", cost.reason, cost.message)
 */
export const infeasibleCost = (
  unit: AcceleratorUnit,
  network: AnalyzedNetwork,
  layer: string,
  reason: string,
  message: string,
): CostResult => ({
  network: network.name,
  accelerator: unit.name,
  kind: unit.kind,
  feasible: false,
  layers: [
    {
      name: layer,
      dataflow: null,
      macs: null,
      cycles: null,
      utilization: null,
      energyPj: null,
      accesses: null,
      feasible: false,
      reason,
      message,
    },
  ],
  totals: null,
  failure: { layer, reason, message },
})
