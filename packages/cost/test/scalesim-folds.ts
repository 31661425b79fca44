// A slow, fold-by-fold re-derivation of SCALE-Sim v2's compute model, written from the way its
// systolic_compute_{os,ws,is} modules build their demand matrices (one matrix line per cycle),
// to check the closed forms of systolicLayerCost on many shapes. Nothing here is SCALE-Sim's code.
import type { SystolicDataflow } from "@cosearch/accelerator"

/** What the fold-by-fold walk finds. */
export interface FoldWalk {
  readonly cycles: number
  readonly mappingEfficiency: number
  readonly computeUtilization: number
  readonly sramIfmapReads: number
  readonly sramFilterReads: number
  readonly sramOfmapWrites: number
}

/**
 * Walks the folds of one GEMM (M pixels, W window, F filters) on a rows x columns array. For each
 * fold it counts the lines of the three demand matrices SCALE-Sim builds — stream, padding
 * prefix and suffix, plus (lines added by a skew) the width of the skewed matrix minus one — and
 * requires them equal (SCALE-Sim asserts this). Total cycles are the lines minus one: the memory
 * model reports the cycle of the last ofmap line, counting from 0.
 */
export const walkFolds = (dataflow: SystolicDataflow, M: number, W: number, F: number, rows: number, columns: number): FoldWalk => {
  // Operand dimensions: which matrix dimension lies along the rows, the columns, and time.
  const [sr, sc, t] = dataflow === "os" ? [M, F, W] : dataflow === "ws" ? [W, F, M] : [W, M, F]
  let lines = 0
  let mapping = 0
  let compute = 0
  let ifmap = 0
  let filter = 0
  let ofmap = 0
  let folds = 0
  for (let c0 = 0; c0 < sc; c0 += columns) {
    for (let r0 = 0; r0 < sr; r0 += rows) {
      const rowsUsed = Math.min(rows, sr - r0)
      const columnsUsed = Math.min(columns, sc - c0)
      let ifmapLines: number
      let filterLines: number
      let ofmapLines: number
      let foldLength: number
      if (dataflow === "os") {
        // ifmap: T stream lines + (columns - 1) drain lines, skewed across the rows.
        ifmapLines = t + (columns - 1) + (rows - 1)
        // filter: T stream lines + (rows - 1) drain lines, skewed across the columns.
        filterLines = t + (rows - 1) + (columns - 1)
        // ofmap: (T - 1) waiting lines + one line per array row, skewed across the columns.
        ofmapLines = t - 1 + rows + (columns - 1)
        foldLength = t - 1 + rows + columns - 1
        ifmap += t * rowsUsed
        filter += t * columnsUsed
        ofmap += rowsUsed * columnsUsed + rows + columns
      } else {
        // The stationary operand is loaded for `rows` lines, then T lines stream.
        // ws: ifmap = rows load + T + (columns - 1) drain, skewed across the rows;
        //     filter = rows (the loaded block, padded) + (rows + columns + T - 2), not skewed;
        //     ofmap = (2 rows - 1) waiting + T, skewed across the columns.
        // is: ifmap = rows (the loaded block, padded) + (rows + columns + T - 2), not skewed;
        //     filter = rows load + T + (columns - 1) drain, skewed across the rows;
        //     ofmap as in ws.
        const skewedStream = rows + t + (columns - 1) + (rows - 1)
        const loadedBlock = rows + (rows + columns + t - 2)
        ifmapLines = dataflow === "ws" ? skewedStream : loadedBlock
        filterLines = dataflow === "ws" ? loadedBlock : skewedStream
        ofmapLines = 2 * rows - 1 + t + (columns - 1)
        // SCALE-Sim's per-fold length for compute_util: the loaded-block matrix's lines plus its width - 1.
        foldLength = loadedBlock + columns - 1
        if (dataflow === "ws") {
          ifmap += t * rowsUsed
          filter += rowsUsed * columnsUsed
        } else {
          ifmap += rowsUsed * columnsUsed
          filter += t * rowsUsed
        }
        ofmap += t * columnsUsed
      }
      if (ifmapLines !== filterLines || filterLines !== ofmapLines) throw new Error("demand matrices out of step")
      lines += ofmapLines
      mapping += (rowsUsed * columnsUsed) / (rows * columns)
      compute += (rowsUsed * columnsUsed * t) / (rows * columns * foldLength)
      folds++
    }
  }
  return {
    cycles: lines - 1,
    mappingEfficiency: mapping / folds,
    computeUtilization: compute / folds,
    sramIfmapReads: ifmap,
    sramFilterReads: filter,
    sramOfmapWrites: ofmap,
  }
}
