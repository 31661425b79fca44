import type { SystolicDataflow } from "./knobs.js"

/**
 * A systolic array as SCALE-Sim models it: a `rows x columns` grid of multiply-accumulate units
 * fed by three double-buffered SRAMs (input feature map, filter, output feature map) and a DRAM
 * interface. Plain, JSON-serializable data; `validateSystolicArray` checks it.
 *
 * Which operand is held in the PEs (the dataflow) decides which GEMM dimension maps to the rows,
 * which to the columns and which streams through in time; see docs/systolic.md.
 *
 * @example
 * const array: SystolicArray = {
 *   rows: 32, columns: 32, dataflow: "ws",
 *   ifmapSramBytes: 65536, filterSramBytes: 65536, ofmapSramBytes: 65536,
 *   dramBytesPerCycle: "calc", bytesPerElement: 1,
 * }
 */
export interface SystolicArray {
  /** A label for reports (a preset's name, a SCALE-Sim run name). */
  readonly name?: string
  /** PE rows (SCALE-Sim's `ArrayHeight`). */
  readonly rows: number
  /** PE columns (SCALE-Sim's `ArrayWidth`). */
  readonly columns: number
  /** The stationary operand: output (`os`), weight (`ws`) or input (`is`). */
  readonly dataflow: SystolicDataflow
  /** Input feature map SRAM, bytes (double-buffered, as in SCALE-Sim). */
  readonly ifmapSramBytes: number
  /** Filter SRAM, bytes. */
  readonly filterSramBytes: number
  /** Output feature map SRAM, bytes. */
  readonly ofmapSramBytes: number
  /**
   * DRAM interface bandwidth in bytes per cycle, or `"calc"` (SCALE-Sim's `CALC` mode: the
   * interface is assumed fast enough that the array never stalls). Absent means `"calc"`.
   */
  readonly dramBytesPerCycle?: number | "calc"
  /** Bytes per operand element (SCALE-Sim uses 1-byte words). */
  readonly bytesPerElement: number
  /** Clock frequency, MHz, to turn cycles into time. */
  readonly clockMhz?: number
}

/**
 * SCALE-Sim's dataflows: output, weight and input stationary.
 *
 * @example
 * for (const dataflow of systolicDataflows) console.log({ ...systolicPresets["systolic-32x32"], dataflow })
 */
export const systolicDataflows: readonly SystolicDataflow[] = ["os", "ws", "is"]

/**
 * Whether a value is one of SCALE-Sim's dataflows.
 *
 * @example
 * isSystolicDataflow("ws") // true
 * isSystolicDataflow("rs") // false
 */
export const isSystolicDataflow = (value: unknown): value is SystolicDataflow => value === "os" || value === "ws" || value === "is"
