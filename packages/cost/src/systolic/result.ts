import type { SystolicDataflow } from "@cosearch/accelerator"

/**
 * The cost of one conv or matmul loop nest on a systolic array, as SCALE-Sim v2 counts it. All
 * counts cover every group and the whole batch; all ratios are fractions (SCALE-Sim prints
 * percentages). See docs/systolic.md for the equations.
 *
 * @example
 * const cost = systolicLayerCost(nest, array)
 * if (cost.feasible) console.log(cost.cycles, cost.folds, (100 * cost.utilization).toFixed(2) + "%")
 */
export interface SystolicLayerCost {
  readonly feasible: true
  /** The nest's layer. */
  readonly layer: string
  readonly dataflow: SystolicDataflow
  /** SCALE-Sim's `total_cycles`: compute cycles plus stall cycles. */
  readonly cycles: number
  /** Cycles of the folds, fill and drain included, with no memory stalls. */
  readonly computeCycles: number
  /** Memory stall cycles: 0, as in SCALE-Sim's `CALC` bandwidth mode (stalls are not modeled). */
  readonly stallCycles: number
  /** Independent GEMMs run one after another (the nest's groups). */
  readonly groups: number
  /** Per group: the operand dimension mapped onto the array rows (SCALE-Sim's `Sr`). */
  readonly spatialRows: number
  /** Per group: the operand dimension mapped onto the array columns (`Sc`). */
  readonly spatialColumns: number
  /** Per group: the dimension streamed through the array in time (`T`). */
  readonly temporal: number
  /** Per group: `ceil(Sr / rows)` and `ceil(Sc / columns)`. */
  readonly rowFolds: number
  readonly columnFolds: number
  /** Folds over all groups: `groups x rowFolds x columnFolds`. */
  readonly folds: number
  /** Cycles of one fold, pipeline fill and drain included. */
  readonly cyclesPerFold: number
  /** Multiply-accumulates. */
  readonly macs: number
  /** SCALE-Sim's `overall_util`: `macs / (cycles x rows x columns)`. */
  readonly utilization: number
  /** SCALE-Sim's `mapping_efficiency`: mean over folds of the share of PEs holding work. */
  readonly mappingEfficiency: number
  /** SCALE-Sim's `compute_util`: mean over folds of the PE-busy share of SCALE-Sim's fold length. */
  readonly computeUtilization: number
  /** SRAM accesses by the array (SCALE-Sim's `sram_ifmap_reads`, ...), in elements. */
  readonly sramIfmapReads: number
  readonly sramFilterReads: number
  readonly sramOfmapWrites: number
}

/**
 * Why a nest or array cannot be costed.
 *
 * @example
 * const cost = systolicLayerCost(nest, array)
 * if (!cost.feasible && cost.reason === "kind") console.log("not on the array:", nest.layer)
 */
export type SystolicInfeasibleReason =
  /** Rows or columns not a positive integer, or an unknown dataflow. */
  | "array"
  /** A loop bound that is not a positive integer. */
  | "nest"
  /** A pooling or element-wise nest: it does not run on the array. */
  | "kind"
  /** Counts beyond 2^53, where numbers stop being exact. */
  | "size"

/**
 * A nest or array that cannot be costed, with the reason and a sentence naming the values.
 *
 * @example
 * systolicLayerCost(nest, { ...array, rows: 0 }) // { feasible: false, reason: "array", message: "a 0x32 array: ..." }
 */
export interface SystolicInfeasible {
  readonly feasible: false
  readonly reason: SystolicInfeasibleReason
  readonly message: string
}

/**
 * The result of `systolicLayerCost`: the cost, or why there is none.
 *
 * @example
 * const result: SystolicLayerResult = systolicLayerCost(nest, array)
 * const cycles = result.feasible ? result.cycles : Number.POSITIVE_INFINITY
 */
export type SystolicLayerResult = SystolicLayerCost | SystolicInfeasible
