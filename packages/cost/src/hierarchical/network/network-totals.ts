import type { HierarchicalAccelerator } from "@cosearch/accelerator"
import { type AnalyzedNetwork, type LoopNest, lowerNetwork } from "@cosearch/network"
import { dataflowNames, isMaestroDataflowName, type MapLayerOptions, type NetworkOptions } from "../../kind/cost-options.js"
import { type AcceleratorInfo, acceleratorInfo } from "../kernel/accelerator-info.js"
import { type IdentityRing, identityRing } from "../kernel/identity-ring.js"
import { mapLayer } from "../mapper/map-layer.js"
import { searchMappings } from "../mapper/search.js"
import { nestIsValid } from "../mapping/validate.js"
import { evaluateNetwork, type NetworkInfeasible, type NetworkTotals, networkTotals } from "./evaluate-network.js"
import { combineLayers, handOffElements, handOffLevel, sumLayout } from "./hand-off.js"
import { rowLength, writeRowFromMapped, writeRowFromSearch } from "./layer-row.js"
import { addShape, clearShapeMemo, findShape, makeShapeMemo, nextRow, reserveRows, type ShapeMemo } from "./shape-memo.js"

/**
 * The result of `evaluateNetworkTotals`.
 *
 * @example
 * const result: NetworkTotalsResult = evaluateNetworkTotals(nests, maestro256Pe, { dataflow: "kc-partitioned" })
 */
export type NetworkTotalsResult = NetworkTotals | NetworkInfeasible

/**
 * What a network's nests come to before any accelerator: its compute nests, one nest of each
 * distinct shape (first occurrences, in order), and each compute nest's shape among them.
 */
interface NetworkPlan {
  readonly compute: readonly LoopNest[]
  readonly distinct: readonly LoopNest[]
  /** 1 when the distinct nest can be mapped (`nestIsValid`). */
  readonly valid: Uint8Array
  readonly shapeOf: Int32Array
  /** The compute nests' `handOffElements`. */
  readonly handed: Float64Array
}

/**
 * What `evaluateNetworkTotals` keeps from one call to the next: the memo of the shapes mapped on
 * one accelerator under one set of options, and its working arrays.
 */
interface TotalsState {
  /** The shapes mapped on `accelerator` under the options below, and their rows. */
  readonly memo: ShapeMemo
  accelerator: HierarchicalAccelerator | undefined
  dataflow: MapLayerOptions["dataflow"]
  objective: MapLayerOptions["objective"]
  maxMappings: number | undefined
  /**
   * The network plan whose distinct shapes' rows the memo holds in order (the row of its `d`-th
   * shape at `d * memo.stride`) without the shapes stored: a call on an accelerator new to the
   * memo writes the rows so, with no hashing, and the shapes are stored (`storePending`) only when
   * a call brings another network on the same accelerator. While set, the memo stores no shape.
   */
  pending: NetworkPlan | undefined
  /** The plans of the last networks evaluated, by the identity of their nest arrays. */
  readonly plans: IdentityRing<readonly LoopNest[], NetworkPlan>
  /** The memo `planOf` finds a network's distinct shapes with. */
  readonly planShapes: ShapeMemo
  /** Per compute layer, the offset of its row; per distinct shape, its row (grown as needed). */
  offsets: Int32Array
  shapeRows: Int32Array
  /** What `combineLayers` sums. */
  readonly sums: Float64Array
}

/**
 * The one `TotalsState`: module-level, since the memo must outlive a call, and a `const` whose
 * arrays are replaced in place when they grow, so that V8 folds the binding into the code.
 */
const state: TotalsState = {
  memo: makeShapeMemo(rowLength(3)),
  accelerator: undefined,
  dataflow: undefined,
  objective: undefined,
  maxMappings: undefined,
  pending: undefined,
  plans: identityRing<readonly LoopNest[], NetworkPlan>(4),
  planShapes: makeShapeMemo(1),
  offsets: new Int32Array(256),
  shapeRows: new Int32Array(64),
  sums: new Float64Array(sumLayout.dataflows + dataflowNames.length + 1),
}

/** Distinct shapes remembered before the memo starts afresh. */
const memoLimit = 4096

/** Points the memo at an accelerator and options, emptying it when either changed (or it is full). */
const useMemo = (accelerator: HierarchicalAccelerator, options: MapLayerOptions): void => {
  const st = state
  if (
    st.accelerator === accelerator &&
    st.dataflow === options.dataflow &&
    st.objective === options.objective &&
    st.maxMappings === options.maxMappings &&
    st.memo.count < memoLimit
  )
    return
  clearShapeMemo(st.memo, rowLength(accelerator.levels.length))
  st.pending = undefined
  st.accelerator = accelerator
  st.dataflow = options.dataflow
  st.objective = options.objective
  st.maxMappings = options.maxMappings
}

const planOf = (nests: readonly LoopNest[]): NetworkPlan => {
  const { plans, planShapes } = state
  const cached = plans.get(nests)
  if (cached !== undefined) return cached
  const compute: LoopNest[] = []
  const distinct: LoopNest[] = []
  const shapes: number[] = []
  clearShapeMemo(planShapes, 1)
  for (const nest of nests) {
    if (nest.kind === "pool" || nest.kind === "eltwise") continue
    let at = findShape(planShapes, nest)
    if (at < 0) {
      at = nextRow(planShapes)
      planShapes.rows[at] = distinct.length
      addShape(planShapes)
      distinct.push(nest)
    }
    compute.push(nest)
    shapes.push(planShapes.rows[at] ?? 0)
  }
  const valid = Uint8Array.from(distinct, (nest) => (nestIsValid(nest) ? 1 : 0))
  const plan = { compute, distinct, valid, shapeOf: Int32Array.from(shapes), handed: handOffElements(compute) }
  plans.set(nests, plan)
  return plan
}

/** Stores the shapes of the `pending` plan for the rows the memo holds (the `d`-th at row `d`). */
const storePending = (): void => {
  const distinct = state.pending?.distinct ?? []
  state.pending = undefined
  for (const nest of distinct) {
    findShape(state.memo, nest)
    addShape(state.memo)
  }
}

/**
 * Writes a layer's row at `at`: the mapper's best mapping (from its working arrays), or the one
 * mapping of a MAESTRO dataflow (from its record: one evaluation, nothing searched). False when
 * it cannot be mapped.
 */
const writeRow = (
  nest: LoopNest,
  valid: boolean,
  accelerator: HierarchicalAccelerator,
  info: AcceleratorInfo,
  options: MapLayerOptions,
  buffer: number,
  rows: Float64Array,
  at: number,
): boolean => {
  if (!valid) return false
  const { dataflow } = options
  if (isMaestroDataflowName(dataflow)) {
    const mapped = mapLayer(nest, accelerator, options)
    if (mapped.feasible) writeRowFromMapped(mapped, buffer, rows, at)
    return mapped.feasible
  }
  const found = searchMappings(nest, accelerator, info, { ...options, dataflow: dataflow ?? "auto" })
  return found.dataflowIndex >= 0 && writeRowFromSearch(nest, accelerator, info, found.dataflowIndex, buffer, rows, at)
}

/**
 * The totals of `evaluateNetwork` — cycles, compute cycles, energy, DRAM bytes, utilization, the
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
 * Pass lowered loop nests when evaluating the same network many times (lowering an analyzed
 * network costs more than evaluating it): which nests are compute layers and which share a shape
 * is worked out once per nest array (kept for the last four arrays; treat them as immutable).
 *
 * @example
 * const nests = lowerNetwork(analyzeNetworkOrThrow(network))
 * const totals = evaluateNetworkTotals(nests, maestro256Pe, { dataflow: "kc-partitioned" })
 * if (totals.feasible) console.log(totals.cycles, totals.energyPj, totals.utilization)
 */
export const evaluateNetworkTotals = (
  network: AnalyzedNetwork | readonly LoopNest[],
  accelerator: HierarchicalAccelerator,
  options: NetworkOptions = {},
): NetworkTotalsResult => {
  // Fixed mappings: the per-layer path, whose totals are the same.
  if (options.mappings !== undefined) {
    const cost = evaluateNetwork(network, accelerator, options)
    if (!cost.feasible) return cost
    const { layers: _layers, skipped: _skipped, ...totals } = cost
    return totals
  }
  const nests = Array.isArray(network) ? (network as readonly LoopNest[]) : lowerNetwork(network as AnalyzedNetwork)
  const info = acceleratorInfo(accelerator)
  if (info.issues.length > 0) return { feasible: false, reason: "accelerator", message: `accelerator: ${info.issues[0]?.message}` }
  const buffer = handOffLevel(accelerator)
  useMemo(accelerator, options)
  const plan = planOf(nests)
  const { compute, distinct, valid, shapeOf, handed } = plan
  const st = state
  const { memo } = st
  if (st.offsets.length < compute.length) st.offsets = new Int32Array(2 * compute.length)
  if (st.shapeRows.length < distinct.length) st.shapeRows = new Int32Array(2 * distinct.length)
  const { offsets, shapeRows } = st
  // Rows by shape: all in the memo's rows in order when the memo was just emptied (or holds this
  // network's rows so), else looked up and added shape by shape.
  if (st.pending !== undefined && st.pending !== plan) storePending()
  const pending = st.pending
  const inOrder = pending === plan || memo.count === 0
  if (inOrder) reserveRows(memo, distinct.length)
  for (let d = 0; d < distinct.length; d++) {
    const nest = distinct[d] as LoopNest
    let at = inOrder ? d * memo.stride : findShape(memo, nest)
    if (pending !== plan && (inOrder || at < 0)) {
      if (!inOrder) at = nextRow(memo)
      if (!writeRow(nest, valid[d] === 1, accelerator, info, options, buffer, memo.rows, at)) {
        // Not mapped: the mapper's own result says why (the slow path, once). The first nest of
        // the first shape that fails is the first layer that fails.
        const failed = mapLayer(nest, accelerator, options)
        const reason = failed.feasible ? "size" : failed.reason
        const message = failed.feasible ? `layer "${nest.layer}" could not be evaluated` : failed.message
        return { feasible: false, reason, message, layer: nest.layer }
      }
      if (!inOrder) addShape(memo)
    }
    shapeRows[d] = at
  }
  if (inOrder) st.pending = plan
  for (let i = 0; i < compute.length; i++) offsets[i] = shapeRows[shapeOf[i] ?? 0] ?? 0
  combineLayers(info, buffer, handed, memo.rows, offsets, st.sums)
  return networkTotals(accelerator, st.sums)
}
