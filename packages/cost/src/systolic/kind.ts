import {
  eyerissRelativeEnergy,
  macEnergyPj45nm,
  precisionOfBytes,
  type SystolicArray,
  type SystolicDataflow,
  systolicAreaMm2,
  systolicDataflows,
  systolicTemplate,
} from "@cosearch/accelerator"
import type { AcceleratorKind, CostModel } from "../kind/kind.js"
import { feasibleCost, feasibleLayer, infeasibleCost } from "../result/cost-result.js"
import { loweredNests } from "../result/lowered-nests.js"
import { systolicLayerCost } from "./layer-cost.js"
import { type SystolicNetworkResult, systolicNetworkCost } from "./network-cost.js"

const INFEASIBLE = Number.POSITIVE_INFINITY

/**
 * SCALE-Sim's model as a kind's cost (docs/systolic.md): `systolicNetworkCost` under the array's
 * own dataflow, another one asked, or `auto` (the fastest of os, ws and is for the whole
 * network); per-layer records give each layer's SRAM accesses per operand. SCALE-Sim models no
 * energy, and the latency needs the array's `clockMhz`. The scheduler's column: SCALE-Sim's
 * cycles per conv and matmul layer at the unit's clock, and energy as MACs x the 45 nm MAC energy
 * plus SRAM element accesses x 6 MACs (Eyeriss's buffer ratio). Only the latency objective.
 *
 * @example
 * systolicCost.network({ kind: "systolic", name: "s", accelerator: systolicPresets["systolic-32x32"] }, analyzed, { dataflow: "auto" })
 */
export const systolicCost: CostModel<"systolic", SystolicArray> = {
  network: (unit, network, options) => {
    const array = unit.accelerator
    const dataflow = options.dataflow ?? array.dataflow
    const nests = loweredNests(network)
    let best: SystolicNetworkResult | undefined
    for (const flow of dataflow === "auto" ? systolicDataflows : [dataflow as SystolicDataflow]) {
      const cost = systolicNetworkCost(nests, { ...array, dataflow: flow })
      if (best === undefined || (cost.feasible && (!best.feasible || cost.cycles < best.cycles))) best = cost
    }
    if (best === undefined || !best.feasible)
      return infeasibleCost(unit, network, best?.layer ?? "(array)", best?.reason ?? "shape", best?.message ?? "")
    const clock = array.clockMhz
    const totals = {
      macs: best.macs,
      cycles: best.cycles,
      latencyMs: clock !== undefined && clock > 0 ? best.cycles / clock / 1000 : null,
      energyMj: null,
      areaMm2: systolicAreaMm2(array),
      utilization: best.utilization,
    }
    if (options.layers !== true) return feasibleCost(unit, network, totals)
    return feasibleCost(
      unit,
      network,
      totals,
      best.layers.map((layer) =>
        feasibleLayer(layer.layer, layer.dataflow, layer.macs, layer.cycles, layer.utilization, null, {
          ifmapSramReads: layer.sramIfmapReads,
          filterSramReads: layer.sramFilterReads,
          ofmapSramWrites: layer.sramOfmapWrites,
        }),
      ),
    )
  },
  layersAlone: (unit, network, set) => {
    const array = unit.accelerator
    const hz = (array.clockMhz ?? Number.NaN) * 1e6
    const macPj = macEnergyPj45nm[precisionOfBytes(array.bytesPerElement)]
    for (const nest of loweredNests(network)) {
      if (nest.kind !== "conv" && nest.kind !== "matmul") continue
      const cost = systolicLayerCost(nest, array)
      if (!cost.feasible) {
        set(nest.layer, INFEASIBLE, INFEASIBLE)
        continue
      }
      const sram = cost.sramIfmapReads + cost.sramFilterReads + cost.sramOfmapWrites
      set(nest.layer, cost.cycles / hz, cost.macs * macPj + sram * macPj * eyerissRelativeEnergy.buffer)
    }
  },
  dataflow: { choices: systolicDataflows, default: (array) => array.dataflow, runs: "runs os, ws or is (or auto)" },
  objective: { choices: ["latency"], needs: "an energy model", note: "the systolic mode models cycles only" },
}

/**
 * The systolic kind: `systolicTemplate` (presets, validation, area, the `systolic-knobs` space,
 * SCALE-Sim `.cfg` files) and `systolicCost`.
 *
 * @example
 * costOn({ kind: "systolic", name: "systolic-32x32", accelerator: systolicPresets["systolic-32x32"] }, analyzed).totals?.cycles
 */
export const systolicKind: AcceleratorKind<"systolic", SystolicArray> = { ...systolicTemplate, cost: systolicCost }
