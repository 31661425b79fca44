import {
  acceleratorAreaMm2,
  type EdgeTpuAccelerator,
  type SystolicDataflow,
  systolicAreaMm2,
  systolicDataflows,
} from "@cosearch/accelerator"
import {
  type DataflowName,
  type EdgeTpuWorkloadResult,
  edgeTpuWorkload,
  evaluateEdgeTpu,
  evaluateNetwork,
  type MapperObjective,
  systolicNetworkCost,
} from "@cosearch/cost"
import { type AnalysedNetwork, toNetwork } from "@cosearch/network"
import type { AcceleratorTarget } from "./accelerator-target.js"

/**
 * One layer of `cosearch evaluate --json`.
 *
 * @example
 * const layer: LayerRecord = { name: "conv1", dataflow: "rs", macs: 118013952, cycles: 602112, utilization: 0.97,
 *   energyPj: 3.5e8, accesses: { DRAM: 1e6 }, feasible: true, reason: null }
 */
export interface LayerRecord {
  readonly name: string
  readonly dataflow: string | null
  readonly macs: number | null
  readonly cycles: number | null
  readonly utilization: number | null
  readonly energyPj: number | null
  /** Reads plus writes per storage level (hierarchical) or SRAM accesses per operand (systolic). */
  readonly accesses: Readonly<Record<string, number>> | null
  readonly feasible: boolean
  readonly reason: string | null
  readonly message?: string
}

/**
 * What `cosearch evaluate` prints for one network: one JSON line with `--json`.
 *
 * @example
 * console.log(JSON.stringify(record))
 */
export interface EvaluationRecord {
  readonly network: string
  readonly accelerator: string
  readonly feasible: boolean
  readonly layers: readonly LayerRecord[]
  readonly totals: {
    readonly macs: number
    readonly cycles: number
    readonly latencyMs: number | null
    readonly energyMj: number | null
    readonly areaMm2: number | null
    readonly utilization: number
  } | null
}

/**
 * The dataflow flag: a preset name or `auto`.
 *
 * @example
 * const choice: DataflowChoice = "auto"
 */
export type DataflowChoice = DataflowName | "auto"

/**
 * Evaluates one network on one accelerator: the mapper and the hand-off model for a hierarchical
 * accelerator, SCALE-Sim's model for a systolic array (`auto` there picks the fastest of os, ws
 * and is for the whole network; the systolic mode models no energy; its area is the 45 nm model's,
 * `systolicAreaMm2`). An infeasible network comes
 * back with `feasible: false`, the layer that failed and why, and no totals.
 *
 * @example
 * const record = evaluationRecord(network, target, "rs", "latency")
 */
export const evaluationRecord = (
  network: AnalysedNetwork,
  target: AcceleratorTarget,
  dataflow: DataflowChoice,
  objective: MapperObjective,
): EvaluationRecord => {
  const base = { network: network.name, accelerator: target.name }
  if (target.kind === "edgetpu") return edgeTpuRecord(network, target.accelerator, base)
  if (target.kind === "hierarchical") {
    const { accelerator } = target
    const cost = evaluateNetwork(network, accelerator, { dataflow, objective })
    if (!cost.feasible)
      return { ...base, feasible: false, layers: [failed(cost.layer ?? "(accelerator)", cost.reason, cost.message)], totals: null }
    const pes = accelerator.array.x * accelerator.array.y * accelerator.array.macsPerPe
    return {
      ...base,
      feasible: true,
      layers: cost.layers.map(({ mapped, cycles, energyPj }) => ({
        name: mapped.layer,
        dataflow: mapped.dataflow,
        macs: mapped.macs,
        cycles,
        utilization: mapped.macs / (cycles * pes),
        energyPj,
        accesses: Object.fromEntries(mapped.levels.map((level) => [level.name, sum(level.reads) + sum(level.writes)])),
        feasible: true,
        reason: null,
      })),
      totals: {
        macs: cost.macs,
        cycles: cost.cycles,
        latencyMs: cost.latencyMs ?? null,
        energyMj: cost.energyPj / 1e9,
        areaMm2: acceleratorAreaMm2(accelerator),
        utilization: cost.utilization,
      },
    }
  }
  const flows = dataflow === "auto" ? systolicDataflows : [dataflow as SystolicDataflow]
  let best: ReturnType<typeof systolicNetworkCost> | undefined
  for (const flow of flows) {
    const cost = systolicNetworkCost(network, { ...target.array, dataflow: flow })
    if (best === undefined || (cost.feasible && (!best.feasible || cost.cycles < best.cycles))) best = cost
  }
  if (best === undefined || !best.feasible) {
    const reason = best?.reason ?? "shape"
    return { ...base, feasible: false, layers: [failed(best?.layer ?? "(array)", reason, best?.message ?? "")], totals: null }
  }
  const { array } = target
  const clock = array.clockMhz
  return {
    ...base,
    feasible: true,
    layers: best.layers.map((layer) => ({
      name: layer.layer,
      dataflow: layer.dataflow,
      macs: layer.macs,
      cycles: layer.cycles,
      utilization: layer.utilization,
      energyPj: null,
      accesses: { ifmapSramReads: layer.sramIfmapReads, filterSramReads: layer.sramFilterReads, ofmapSramWrites: layer.sramOfmapWrites },
      feasible: true,
      reason: null,
    })),
    totals: {
      macs: best.macs,
      cycles: best.cycles,
      latencyMs: clock !== undefined && clock > 0 ? best.cycles / clock / 1000 : null,
      energyMj: null,
      areaMm2: systolicAreaMm2(array),
      utilization: best.utilization,
    },
  }
}

const sum = (counts: { readonly weights: number; readonly inputs: number; readonly outputs: number }): number =>
  counts.weights + counts.inputs + counts.outputs

const failed = (name: string, reason: string, message: string): LayerRecord => ({
  name,
  dataflow: null,
  macs: null,
  cycles: null,
  utilization: null,
  energyPj: null,
  accesses: null,
  feasible: false,
  reason,
  message,
})

/** Workloads by analysed network: a study that costs one network on many designs prepares it once. */
const workloads = new WeakMap<AnalysedNetwork, EdgeTpuWorkloadResult>()
const preparedWorkload = (network: AnalysedNetwork): EdgeTpuWorkloadResult => {
  let prepared = workloads.get(network)
  if (prepared === undefined) {
    prepared = edgeTpuWorkload(toNetwork(network))
    workloads.set(network, prepared)
  }
  return prepared
}

/**
 * The Edge TPU template's record: the network as its compiler leaves it (constants folded, dead
 * layers dropped), one line per costed layer, and the template's own infeasibility reasons.
 */
const edgeTpuRecord = (
  network: AnalysedNetwork,
  accelerator: EdgeTpuAccelerator,
  base: { readonly network: string; readonly accelerator: string },
): EvaluationRecord => {
  const prepared = preparedWorkload(network)
  if (!prepared.ok) {
    const issue = prepared.issues[0]
    return {
      ...base,
      feasible: false,
      layers: [failed(issue?.layer ?? "(network)", issue?.rule ?? "network", issue?.message ?? "")],
      totals: null,
    }
  }
  const cost = evaluateEdgeTpu(prepared.workload, accelerator, { layers: true })
  if (!cost.feasible) return { ...base, feasible: false, layers: [failed("(accelerator)", cost.reason, cost.message)], totals: null }
  return {
    ...base,
    feasible: true,
    layers: cost.layers.map((layer) => ({
      name: layer.name,
      dataflow: layer.layerClass,
      macs: layer.macs,
      cycles: layer.cycles,
      utilization: layer.utilization,
      energyPj: layer.energyPj,
      accesses: { ioStreamedBytes: layer.streamedBytes },
      feasible: true,
      reason: null,
    })),
    totals: {
      macs: cost.macs,
      cycles: cost.cycles,
      latencyMs: cost.latencyMs,
      energyMj: cost.energyPj / 1e9,
      areaMm2: cost.areaMm2,
      utilization: cost.utilization,
    },
  }
}
