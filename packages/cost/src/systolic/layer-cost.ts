import type { SystolicArray } from "@cosearch/accelerator"
import type { LoopNest } from "@cosearch/network"
import type { SystolicInfeasible, SystolicInfeasibleReason, SystolicLayerResult } from "./result.js"

const infeasible = (reason: SystolicInfeasibleReason, message: string): SystolicInfeasible => ({ feasible: false, reason, message })

const count = (value: number): boolean => Number.isInteger(value) && value >= 1

/**
 * Why the array cannot be used by the cycle model, or `undefined`. Only what the model reads is
 * checked (rows, columns, dataflow); `validateSystolicArray` checks everything.
 *
 * @example
 * systolicArrayFault({ ...systolicPresets["systolic-32x32"], rows: 0 })?.message // "a 0x32 array: ..."
 */
export const systolicArrayFault = (array: SystolicArray): SystolicInfeasible | undefined => {
  if (!count(array.rows) || !count(array.columns)) {
    return infeasible("array", `a ${array.rows}x${array.columns} array: rows and columns must be positive integers`)
  }
  if (array.dataflow !== "os" && array.dataflow !== "ws" && array.dataflow !== "is") {
    return infeasible("array", `dataflow ${JSON.stringify(array.dataflow)} is not one of os, ws, is`)
  }
  return undefined
}

/** Why the nest cannot run on the array, or `undefined`. */
const nestFault = (nest: LoopNest): SystolicInfeasible | undefined => {
  if (nest.kind !== "conv" && nest.kind !== "matmul") {
    return infeasible("kind", `layer "${nest.layer}" is a ${nest.kind} nest (${nest.op}); only conv and matmul nests run on the array`)
  }
  const { N, G, K, C, P, Q, R, S } = nest
  if (!(count(N) && count(G) && count(K) && count(C) && count(P) && count(Q) && count(R) && count(S))) {
    const bounds = `N=${N} G=${G} K=${K} C=${C} P=${P} Q=${Q} R=${R} S=${S}`
    return infeasible("nest", `layer "${nest.layer}": loop bounds ${bounds} must all be positive integers`)
  }
  return undefined
}

/**
 * The cost of a conv or matmul loop nest on a systolic array, with SCALE-Sim v2's cycle model:
 * each of the nest's `G` groups is a GEMM of `M = N·P·Q` output pixels, a window of
 * `W = C·R·S` and `F = K` filters, run one after another. The dataflow maps two of M, W, F onto
 * the rows and columns (`Sr`, `Sc`) and streams the third (`T`):
 *
 * | dataflow | Sr | Sc | T | cycles per fold                   |
 * | -------- | -- | -- | - | --------------------------------- |
 * | os       | M  | F  | W | T + rows + columns − 2            |
 * | ws       | W  | F  | M | T + 2·rows + columns − 2          |
 * | is       | W  | M  | F | T + 2·rows + columns − 2          |
 *
 * and a group takes `ceil(Sr/rows)·ceil(Sc/columns)` folds times that, minus 1. Utilization,
 * mapping efficiency and SRAM access counts follow SCALE-Sim's definitions (docs/systolic.md).
 *
 * Never throws and never returns NaN: a zero-size array, an unknown dataflow, a non-integer loop
 * bound or a pooling/element-wise nest give `{ feasible: false, reason, message }`. One object
 * is allocated per call.
 *
 * @example
 * const cost = systolicLayerCost(nest, { ...systolicPresets["systolic-32x32"], dataflow: "ws" })
 * if (cost.feasible) console.log(cost.cycles, cost.utilization)
 * else console.log(cost.reason, cost.message)
 */
export const systolicLayerCost = (nest: LoopNest, array: SystolicArray): SystolicLayerResult => {
  const fault = systolicArrayFault(array) ?? nestFault(nest)
  if (fault !== undefined) return fault
  const { rows, columns, dataflow } = array
  const groups = nest.G
  const pixels = nest.N * nest.P * nest.Q
  const window = nest.C * nest.R * nest.S
  const filters = nest.K
  // SCALE-Sim's operand dimensions per dataflow (systolic_compute_{os,ws,is}.set_params).
  const sr = dataflow === "os" ? pixels : window
  const sc = dataflow === "is" ? pixels : filters
  const t = dataflow === "os" ? window : dataflow === "ws" ? pixels : filters
  const rowFolds = Math.ceil(sr / rows)
  const columnFolds = Math.ceil(sc / columns)
  const foldsPerGroup = rowFolds * columnFolds
  // Fill and drain per fold: OS skews both operands in and the outputs out; WS and IS first load
  // the stationary operand (rows cycles), then stream, then drain the partial sums.
  const fill = dataflow === "os" ? rows + columns - 2 : 2 * rows + columns - 2
  const cyclesPerFold = t + fill
  const cycles = groups * (foldsPerGroup * cyclesPerFold - 1)
  const macs = groups * pixels * window * filters
  if (!(cycles <= Number.MAX_SAFE_INTEGER && macs <= Number.MAX_SAFE_INTEGER)) {
    return infeasible("size", `layer "${nest.layer}": ${macs} MACs in ${cycles} cycles is beyond exact arithmetic (2^53)`)
  }
  const pes = rows * columns
  const mappingEfficiency = (sr * sc) / (foldsPerGroup * pes)
  // SCALE-Sim measures compute_util against a per-fold length of its own (the demand matrix it
  // builds the per-fold figures from): T + rows + columns − 2 (os), T + 2·rows + 2·columns − 3 (ws, is).
  const utilFold = dataflow === "os" ? cyclesPerFold : t + 2 * rows + 2 * columns - 3
  // SRAM accesses per group (SCALE-Sim counts each fold's operand slice; OS also adds rows +
  // columns per fold to the ofmap writes).
  const ifmap = dataflow === "is" ? pixels * window : columnFolds * pixels * window
  const filter = dataflow === "ws" ? window * filters : (dataflow === "os" ? rowFolds : columnFolds) * window * filters
  const ofmap = dataflow === "os" ? pixels * filters + foldsPerGroup * (rows + columns) : rowFolds * pixels * filters
  return {
    feasible: true,
    layer: nest.layer,
    dataflow,
    cycles,
    computeCycles: cycles,
    stallCycles: 0,
    groups,
    spatialRows: sr,
    spatialColumns: sc,
    temporal: t,
    rowFolds,
    columnFolds,
    folds: groups * foldsPerGroup,
    cyclesPerFold,
    macs,
    // SCALE-Sim reports a one-line run (a 1x1 array, one fold, T = 1) as 0 cycles and then
    // divides by zero; here that MAC takes its one cycle.
    utilization: macs / (Math.max(cycles, 1) * pes),
    mappingEfficiency,
    computeUtilization: (mappingEfficiency * t) / utilFold,
    sramIfmapReads: groups * ifmap,
    sramFilterReads: groups * filter,
    sramOfmapWrites: groups * ofmap,
  }
}

/**
 * Only the cycles of `systolicLayerCost` (SCALE-Sim's `total_cycles`), allocating nothing: for
 * searches that need no more. `Infinity` when the nest or array is infeasible.
 *
 * @example
 * const total = nests.reduce((sum, nest) => sum + systolicLayerCycles(nest, array), 0)
 */
export const systolicLayerCycles = (nest: LoopNest, array: SystolicArray): number => {
  const { rows, columns, dataflow } = array
  if (!count(rows) || !count(columns) || (nest.kind !== "conv" && nest.kind !== "matmul")) return Number.POSITIVE_INFINITY
  const { N, G, K, C, P, Q, R, S } = nest
  if (!(count(N) && count(G) && count(K) && count(C) && count(P) && count(Q) && count(R) && count(S))) return Number.POSITIVE_INFINITY
  const pixels = N * P * Q
  const window = C * R * S
  let sr: number
  let sc: number
  let t: number
  let fill: number
  if (dataflow === "os") {
    sr = pixels
    sc = K
    t = window
    fill = rows + columns - 2
  } else if (dataflow === "ws") {
    sr = window
    sc = K
    t = pixels
    fill = 2 * rows + columns - 2
  } else if (dataflow === "is") {
    sr = window
    sc = pixels
    t = K
    fill = 2 * rows + columns - 2
  } else {
    return Number.POSITIVE_INFINITY
  }
  return G * (Math.ceil(sr / rows) * Math.ceil(sc / columns) * (t + fill) - 1)
}
