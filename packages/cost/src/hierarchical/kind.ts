import { acceleratorAreaMm2, type HierarchicalAccelerator, hierarchicalTemplate, macCount } from "@cosearch/accelerator"
import { dataflowNames } from "../kind/cost-options.js"
import type { AcceleratorKind, CostModel, CostTotals } from "../kind/kind.js"
import { feasibleCost, feasibleLayer, infeasibleCost } from "../result/cost-result.js"
import { loweredNests } from "../result/lowered-nests.js"
import type { EnergyBreakdown } from "./kernel/result.js"
import { mapLayer } from "./mapper/map-layer.js"
import { evaluateNetwork, type NetworkTotals } from "./network/evaluate-network.js"
import { evaluateNetworkTotals } from "./network/network-totals.js"
import { timeloopAcceleratorReader } from "./timeloop/files.js"

const INFEASIBLE = Number.POSITIVE_INFINITY

/**
 * Static energy of `cycles` on an accelerator, pJ: `staticPowerW x cycles / clock` (0 without
 * static power; docs/energy.md).
 */
const staticPj = (accelerator: HierarchicalAccelerator, cycles: number): number =>
  accelerator.staticPowerW === undefined || accelerator.staticPowerW === 0
    ? 0
    : (accelerator.staticPowerW * 1e12 * cycles) / ((accelerator.clockMhz ?? Number.NaN) * 1e6)

/** A network's totals as `costOn` reports them. */
const totalsOf = (totals: NetworkTotals, accelerator: HierarchicalAccelerator): CostTotals => ({
  macs: totals.macs,
  cycles: totals.cycles,
  latencyMs: totals.latencyMs ?? null,
  energyMj: (totals.energyPj + staticPj(accelerator, totals.cycles)) / 1e9,
  areaMm2: acceleratorAreaMm2(accelerator),
  utilization: totals.utilization,
})

const sum = (counts: { readonly weights: number; readonly inputs: number; readonly outputs: number }): number =>
  counts.weights + counts.inputs + counts.outputs

/**
 * A mapped layer's energy per storage level, with its MACs', the on-chip network's and the static
 * energy (`static`, when the accelerator has static power). The
 * hand-off between layers (an activation kept on chip) takes off-chip traffic off the layer's
 * energy, `layerPj`: that saving comes off the off-chip level, so the parts sum to `layerPj` plus
 * the static energy.
 */
const energyByLevel = (
  mapped: { readonly levels: readonly { readonly name: string; readonly energyPj: number }[]; readonly energy: EnergyBreakdown },
  layerPj: number,
  offChip: string | undefined,
  leakagePj: number,
): Record<string, number> => {
  const parts: Record<string, number> = {}
  for (const level of mapped.levels) parts[level.name] = level.energyPj
  const saved = mapped.energy.totalPj - layerPj
  if (offChip !== undefined && saved !== 0) parts[offChip] = (parts[offChip] ?? 0) - saved
  parts.MACs = mapped.energy.macPj
  if (mapped.energy.networkPj !== 0) parts.network = mapped.energy.networkPj
  if (leakagePj !== 0) parts.static = leakagePj
  return parts
}

/**
 * The hierarchical model's cost (docs/cost-model.md): the mapper on every conv and matmul layer
 * under the dataflow (a preset, or `auto`: every one) and objective asked, with the on-chip
 * hand-off between layers. Totals alone come from `evaluateNetworkTotals` (the shape memo; the
 * same numbers as `evaluateNetwork`, many times faster); per-layer records from `evaluateNetwork`
 * (each layer's dataflow, and its reads plus writes per storage level as its accesses). The
 * scheduler's column: `mapLayer` on each conv and matmul layer alone (no hand-off between units'
 * layers), seconds at the unit's clock.
 *
 * @example
 * hierarchicalCost.network({ kind: "hierarchical", name: "eyeriss", accelerator: eyerissV1Like }, analyzed, { dataflow: "row-stationary" })
 */
export const hierarchicalCost: CostModel<"hierarchical", HierarchicalAccelerator> = {
  network: (unit, network, options) => {
    const { accelerator } = unit
    // The options are the mapper's (its defaults: auto, latency), passed on as they are.
    if (options.layers !== true) {
      const totals = evaluateNetworkTotals(loweredNests(network), accelerator, options)
      if (!totals.feasible) return infeasibleCost(unit, network, totals.layer ?? "(accelerator)", totals.reason, totals.message)
      return feasibleCost(unit, network, totalsOf(totals, accelerator))
    }
    const cost = evaluateNetwork(loweredNests(network), accelerator, options)
    if (!cost.feasible) return infeasibleCost(unit, network, cost.layer ?? "(accelerator)", cost.reason, cost.message)
    const pes = macCount(accelerator)
    const offChip = accelerator.levels.find((level) => level.offChip === true)?.name
    return feasibleCost(
      unit,
      network,
      totalsOf(cost, accelerator),
      cost.layers.map(({ mapped, cycles, energyPj }) =>
        feasibleLayer(
          mapped.layer,
          mapped.dataflow,
          mapped.macs,
          cycles,
          mapped.macs / (cycles * pes),
          energyPj + staticPj(accelerator, cycles),
          Object.fromEntries(mapped.levels.map((level) => [level.name, sum(level.reads) + sum(level.writes)])),
          energyByLevel(mapped, energyPj, offChip, staticPj(accelerator, cycles)),
        ),
      ),
    )
  },
  layersAlone: (unit, network, set, mapper) => {
    const hz = (unit.accelerator.clockMhz ?? Number.NaN) * 1e6
    for (const nest of loweredNests(network)) {
      if (nest.kind !== "conv" && nest.kind !== "matmul") continue
      const mapped = mapLayer(nest, unit.accelerator, mapper)
      if (mapped.feasible) set(nest.layer, mapped.cycles / hz, mapped.energy.totalPj + staticPj(unit.accelerator, mapped.cycles))
      else set(nest.layer, INFEASIBLE, INFEASIBLE)
    }
  },
  dataflow: { choices: dataflowNames, default: () => "auto", runs: `runs ${dataflowNames.join(", ")} (or auto)` },
}

/**
 * The hierarchical kind: `hierarchicalTemplate` (presets, validation, area) and `hierarchicalCost`.
 *
 * @example
 * costOn({ kind: "hierarchical", name: "eyeriss-v1-like", accelerator: eyerissV1Like }, analyzed, { layers: true })
 */
export const hierarchicalKind: AcceleratorKind<"hierarchical", HierarchicalAccelerator> = {
  ...hierarchicalTemplate,
  // MAESTRO's hardware files (the template's), and Timeloop's YAML (read here: YAML is this package's).
  readers: [...hierarchicalTemplate.readers, timeloopAcceleratorReader],
  cost: hierarchicalCost,
}
