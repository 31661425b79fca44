import { type EdgeTpuAccelerator, edgeTpuTemplate } from "@cosearch/accelerator"
import { type AnalyzedNetwork, toNetwork } from "@cosearch/network"
import type { AcceleratorKind, CostModel, LayerCostSink } from "../kind/kind.js"
import { feasibleCost, feasibleLayer, infeasibleCost } from "../result/cost-result.js"
import { loweredNests } from "../result/lowered-nests.js"
import { type EdgeTpuEvaluateOptions, type EdgeTpuResult, evaluateEdgeTpu } from "./evaluate.js"
import { type EdgeTpuWorkloadResult, edgeTpuWorkload } from "./workload.js"

/** Workloads by analyzed network: a network costed on many designs is prepared once. */
const workloads = new WeakMap<AnalyzedNetwork, EdgeTpuWorkloadResult>()

/**
 * The Edge TPU workload of an analyzed network (`edgeTpuWorkload`), prepared once per network
 * object (treat both as immutable).
 *
 * @example
 * const prepared = edgeTpuWorkloadOf(analyzed)
 * if (prepared.ok) evaluateEdgeTpu(prepared.workload, edgeTpuPresets.coral)
 */
export const edgeTpuWorkloadOf = (network: AnalyzedNetwork): EdgeTpuWorkloadResult => {
  let prepared = workloads.get(network)
  if (prepared === undefined) {
    prepared = edgeTpuWorkload(toNetwork(network))
    workloads.set(network, prepared)
  }
  return prepared
}

const totalsOnly: EdgeTpuEvaluateOptions = {}
const withLayers: EdgeTpuEvaluateOptions = { layers: true }
const INFEASIBLE = Number.POSITIVE_INFINITY

/**
 * The scheduler's Edge TPU column: the per-layer records of `evaluateEdgeTpu` (cycles / clock,
 * energy), with parameters cached in layer order as if the unit ran the whole network; the
 * per-inference overhead and the I/O of the network's inputs and outputs are left out (transfers
 * are the scheduler's). When the whole network does not fit (instruction or activation memory),
 * each layer is costed alone and the ones that do not fit are infeasible; over the area budget,
 * every layer is. A network the Edge TPU compiler model cannot prepare runs nowhere on the unit.
 */
const layersAlone = (accelerator: EdgeTpuAccelerator, network: AnalyzedNetwork, set: LayerCostSink): void => {
  const prepared = edgeTpuWorkloadOf(network)
  if (!prepared.ok) {
    for (const nest of loweredNests(network)) set(nest.layer, INFEASIBLE, INFEASIBLE)
    return
  }
  const { workload } = prepared
  const record = (result: EdgeTpuResult): void => {
    if (result.feasible) for (const layer of result.layers) set(layer.name, layer.cycles / accelerator.clockHz, layer.energyPj)
  }
  const whole = evaluateEdgeTpu(workload, accelerator, withLayers)
  if (whole.feasible || whole.reason === "area") {
    if (whole.feasible) record(whole)
    else for (const layer of workload.layers) set(layer.nest.layer, INFEASIBLE, INFEASIBLE)
    return
  }
  for (const layer of workload.layers) {
    const alone = evaluateEdgeTpu({ ...workload, layers: [layer], ioElements: 0 }, accelerator, withLayers)
    if (alone.feasible) record(alone)
    else set(layer.nest.layer, INFEASIBLE, INFEASIBLE)
  }
}

/**
 * The Edge TPU template's cost model (docs/edgetpu.md): the network as its compiler leaves it
 * (`edgeTpuWorkload`, prepared once per network object), `evaluateEdgeTpu` on it (per-layer
 * records only when asked: one line per costed layer, its class as the dataflow and the bytes it
 * streams over I/O as its accesses), and the template's own infeasibility reasons. No dataflow
 * and no mapper objective.
 *
 * @example
 * edgeTpuCost.network({ kind: "edgetpu", name: "coral", accelerator: edgeTpuPresets.coral }, analyzed, {})
 */
export const edgeTpuCost: CostModel<"edgetpu", EdgeTpuAccelerator> = {
  network: (unit, network, options) => {
    const prepared = edgeTpuWorkloadOf(network)
    if (!prepared.ok) {
      const issue = prepared.issues[0]
      return infeasibleCost(unit, network, issue?.layer ?? "(network)", issue?.rule ?? "network", issue?.message ?? "")
    }
    const layers = options.layers === true
    const cost = evaluateEdgeTpu(prepared.workload, unit.accelerator, layers ? withLayers : totalsOnly)
    if (!cost.feasible) return infeasibleCost(unit, network, "(accelerator)", cost.reason, cost.message)
    const totals = {
      macs: cost.macs,
      cycles: cost.cycles,
      latencyMs: cost.latencyMs,
      energyMj: cost.energyPj / 1e9,
      areaMm2: cost.areaMm2,
      utilization: cost.utilization,
    }
    if (!layers) return feasibleCost(unit, network, totals)
    return feasibleCost(
      unit,
      network,
      totals,
      cost.layers.map((layer) =>
        feasibleLayer(layer.name, layer.layerClass, layer.macs, layer.cycles, layer.utilization, layer.energyPj, {
          ioStreamedBytes: layer.streamedBytes,
        }),
      ),
    )
  },
  layersAlone: (unit, network, set) => layersAlone(unit.accelerator, network, set),
  dataflow: { none: "splits every layer its own way" },
}

/**
 * The Edge TPU kind: `edgeTpuTemplate` (presets, validation, area, the `edgetpu-knobs` and
 * `apollo-edgetpu-knobs` spaces) and `edgeTpuCost`.
 *
 * @example
 * costOn({ kind: "edgetpu", name: "coral", accelerator: edgeTpuPresets.coral }, analyzed).totals?.latencyMs
 */
export const edgeTpuKind: AcceleratorKind<"edgetpu", EdgeTpuAccelerator> = { ...edgeTpuTemplate, cost: edgeTpuCost }
