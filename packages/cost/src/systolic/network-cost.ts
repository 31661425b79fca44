import type { SystolicArray, SystolicDataflow } from "@cosearch/accelerator"
import { type AnalyzedNetwork, type LoopNest, type LoopNestKind, lowerNetwork } from "@cosearch/network"
import { systolicArrayFault, systolicLayerCost } from "./layer-cost.js"
import type { SystolicInfeasible, SystolicLayerCost } from "./result.js"

/**
 * A nest that does not run on the array (pooling, element-wise): 0 cycles, listed for reports.
 *
 * @example
 * const cost = systolicNetworkCost(network, array)
 * if (cost.feasible) for (const skipped of cost.skipped) console.log(skipped.layer, skipped.kind)
 */
export interface SystolicSkippedNest {
  readonly layer: string
  readonly op: string
  readonly kind: LoopNestKind
}

/**
 * The cost of a whole network on a systolic array: sums over its conv and matmul nests.
 *
 * @example
 * const cost = systolicNetworkCost(network, array)
 * if (cost.feasible) console.log(cost.cycles, cost.layers.length, cost.skipped.length)
 */
export interface SystolicNetworkCost {
  readonly feasible: true
  readonly dataflow: SystolicDataflow
  /** Sum of the layers' SCALE-Sim `total_cycles` (layers run one after another). */
  readonly cycles: number
  readonly computeCycles: number
  readonly stallCycles: number
  readonly macs: number
  /** `macs / (cycles x rows x columns)`; 0 when nothing runs on the array. */
  readonly utilization: number
  /** Layers' mapping efficiencies weighted by their cycles; 0 when nothing runs on the array. */
  readonly mappingEfficiency: number
  readonly sramIfmapReads: number
  readonly sramFilterReads: number
  readonly sramOfmapWrites: number
  /** One entry per conv or matmul nest, in network order. */
  readonly layers: readonly SystolicLayerCost[]
  /** Pooling and element-wise nests: not run on the array, counted as 0 cycles. */
  readonly skipped: readonly SystolicSkippedNest[]
}

/**
 * The result of `systolicNetworkCost`: the cost, or why it cannot be had (an invalid array, or
 * the first nest that cannot be costed, named by `layer`).
 *
 * @example
 * const result: SystolicNetworkResult = systolicNetworkCost(network, array)
 * if (!result.feasible) console.error(result.layer ?? "(array)", result.message)
 */
export type SystolicNetworkResult = SystolicNetworkCost | (SystolicInfeasible & { readonly layer?: string })

/**
 * The cost of a network (analyzed, or already lowered to loop nests) on a systolic array:
 * `systolicLayerCost` for every conv and matmul nest, summed; layers run one after another, as
 * SCALE-Sim runs a topology. Pooling and element-wise nests do not run on the array: they add 0
 * cycles and are listed in `skipped`. An invalid array, or a nest that cannot be costed, makes
 * the whole network infeasible, naming the layer. Never throws.
 *
 * @example
 * const cost = systolicNetworkCost(analyzeNetworkOrThrow(network), systolicPresets["systolic-32x32"])
 * if (cost.feasible) console.log(cost.cycles, cost.utilization, cost.skipped.length)
 */
export const systolicNetworkCost = (network: AnalyzedNetwork | readonly LoopNest[], array: SystolicArray): SystolicNetworkResult => {
  const arrayFault = systolicArrayFault(array)
  if (arrayFault !== undefined) return arrayFault
  const nests = isNestList(network) ? network : lowerNetwork(network)
  const layers: SystolicLayerCost[] = []
  const skipped: SystolicSkippedNest[] = []
  let cycles = 0
  let macs = 0
  let weightedMapping = 0
  let ifmap = 0
  let filter = 0
  let ofmap = 0
  for (const nest of nests) {
    if (nest.kind === "pool" || nest.kind === "eltwise") {
      skipped.push({ layer: nest.layer, op: nest.op, kind: nest.kind })
      continue
    }
    const cost = systolicLayerCost(nest, array)
    if (!cost.feasible) return { ...cost, layer: nest.layer }
    layers.push(cost)
    cycles += cost.cycles
    macs += cost.macs
    weightedMapping += cost.mappingEfficiency * cost.cycles
    ifmap += cost.sramIfmapReads
    filter += cost.sramFilterReads
    ofmap += cost.sramOfmapWrites
  }
  if (!(cycles <= Number.MAX_SAFE_INTEGER && macs <= Number.MAX_SAFE_INTEGER)) {
    return { feasible: false, reason: "size", message: `${macs} MACs in ${cycles} cycles is beyond exact arithmetic (2^53)` }
  }
  const busy = Math.max(cycles, 1) * array.rows * array.columns
  return {
    feasible: true,
    dataflow: array.dataflow,
    cycles,
    computeCycles: cycles,
    stallCycles: 0,
    macs,
    utilization: macs / busy,
    mappingEfficiency: cycles > 0 ? weightedMapping / cycles : 0,
    sramIfmapReads: ifmap,
    sramFilterReads: filter,
    sramOfmapWrites: ofmap,
    layers,
    skipped,
  }
}

const isNestList = (network: AnalyzedNetwork | readonly LoopNest[]): network is readonly LoopNest[] => Array.isArray(network)
