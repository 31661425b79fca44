import type { HierarchicalAccelerator } from "@cosearch/accelerator"
import { type AnalysedNetwork, type LoopNest, lowerNetwork } from "@cosearch/network"
import { dataflowNames } from "../dataflow/dataflow.js"
import { type MapLayerOptions, mapLayer, searchMappings } from "../mapper/map-layer.js"
import { acceleratorInfo } from "../mapping/analysis.js"
import { nestIsValid } from "../mapping/validate.js"
import { type NetworkInfeasible, type NetworkTotals, networkTotals } from "./evaluate-network.js"
import { combineLayers, handOffLevel, sumDataflows } from "./hand-off.js"
import { rowLength, writeRowFromSearch } from "./layer-row.js"
import { addShape, clearShapeMemo, findShape, makeShapeMemo, nextRow } from "./shape-memo.js"

/**
 * The result of `evaluateNetworkTotals`.
 *
 * @example
 * const result: NetworkTotalsResult = evaluateNetworkTotals(nests, maestro256Pe, { dataflow: "kcp_ws" })
 */
export type NetworkTotalsResult = NetworkTotals | NetworkInfeasible

/** The shapes mapped on `memoAccelerator` under the options below, and their rows. */
const memo = makeShapeMemo(rowLength(3))
let memoAccelerator: HierarchicalAccelerator | undefined
let memoDataflow: MapLayerOptions["dataflow"]
let memoObjective: MapLayerOptions["objective"]
let memoMaxMappings: number | undefined

/** Distinct shapes remembered before the memo starts afresh. */
const memoLimit = 4096

/** Points the memo at an accelerator and options, emptying it when either changed (or it is full). */
const useMemo = (accelerator: HierarchicalAccelerator, options: MapLayerOptions): void => {
  if (
    memoAccelerator === accelerator &&
    memoDataflow === options.dataflow &&
    memoObjective === options.objective &&
    memoMaxMappings === options.maxMappings &&
    memo.count < memoLimit
  )
    return
  clearShapeMemo(memo, rowLength(accelerator.levels.length))
  memoAccelerator = accelerator
  memoDataflow = options.dataflow
  memoObjective = options.objective
  memoMaxMappings = options.maxMappings
}

const compute: LoopNest[] = []
let offsets = new Int32Array(256)
const sums = new Float64Array(sumDataflows + dataflowNames.length)

/**
 * The totals of `evaluateNetwork` — cycles, compute cycles, energy, DRAM bytes, utilisation, the
 * dataflow per layer — without its per-layer records, and many times faster: each layer is
 * mapped by the same search as `mapLayer` (same options, same mapping chosen), but its cost is
 * written as a few numbers into reused typed arrays instead of a mapping, a validated record and
 * level records; the on-chip hand-off between layers is the same arithmetic. The totals equal
 * `evaluateNetwork`'s exactly, and an infeasible network gives the same reason and message.
 *
 * Layer shapes repeat (MobileNetV2's 53 compute layers have 31 distinct shapes), and the mapper's
 * result depends only on a layer's bounds, strides and dilations, the accelerator and the options:
 * so each distinct shape is mapped once per call, and remembered for the next calls as long as
 * they pass the same accelerator object and the same options (at most 4,096 shapes; a call with
 * another accelerator or other options starts afresh). Treat accelerator descriptions as
 * immutable, as everywhere in this package. Never throws.
 *
 * Pass lowered loop nests when evaluating the same network many times (lowering an analysed
 * network costs more than evaluating it).
 *
 * @example
 * const nests = lowerNetwork(analyseNetworkOrThrow(network))
 * const totals = evaluateNetworkTotals(nests, maestro256Pe, { dataflow: "kcp_ws" })
 * if (totals.feasible) console.log(totals.cycles, totals.energyPj, totals.utilization)
 */
export const evaluateNetworkTotals = (
  network: AnalysedNetwork | readonly LoopNest[],
  accelerator: HierarchicalAccelerator,
  options: MapLayerOptions = {},
): NetworkTotalsResult => {
  const nests = Array.isArray(network) ? (network as readonly LoopNest[]) : lowerNetwork(network as AnalysedNetwork)
  const info = acceleratorInfo(accelerator)
  if (info.issues.length > 0) return { feasible: false, reason: "accelerator", message: `accelerator: ${info.issues[0]?.message}` }
  const buffer = handOffLevel(accelerator)
  useMemo(accelerator, options)
  if (offsets.length < nests.length) offsets = new Int32Array(2 * nests.length)
  compute.length = 0
  for (const nest of nests) {
    if (nest.kind === "pool" || nest.kind === "eltwise") continue
    let at = findShape(memo, nest)
    if (at < 0) {
      const found = nestIsValid(nest) ? searchMappings(nest, accelerator, info, options) : undefined
      const dataflow = found === undefined ? -1 : found.dataflowIndex
      at = nextRow(memo)
      if (dataflow < 0 || !writeRowFromSearch(nest, accelerator, info, dataflow, buffer, memo.rows, at)) {
        // Not mapped: the mapper's own result says why (the slow path, once).
        const failed = mapLayer(nest, accelerator, options)
        const reason = failed.feasible ? "size" : failed.reason
        const message = failed.feasible ? `layer "${nest.layer}" could not be evaluated` : failed.message
        compute.length = 0
        return { feasible: false, reason, message, layer: nest.layer }
      }
      addShape(memo)
    }
    offsets[compute.length] = at
    compute.push(nest)
  }
  combineLayers(accelerator, info, compute, memo.rows, offsets, sums)
  compute.length = 0
  return networkTotals(accelerator, sums)
}
