/**
 * One row of a SCALE-Sim topology file, as read (sizes in elements, inputs already padded).
 *
 * @example
 * const parsed = parseScaleSimTopology(text)
 * if (parsed.ok) for (const row of parsed.rows) console.log(row.line, row.name, row.filters)
 */
export interface ScaleSimTopologyRow {
  /** The row's line in the file, from 1. */
  readonly line: number
  readonly name: string
  readonly ifmapHeight: number
  readonly ifmapWidth: number
  readonly filterHeight: number
  readonly filterWidth: number
  readonly channels: number
  readonly filters: number
  readonly strideHeight: number
  readonly strideWidth: number
  /** The name contains `DP`: SCALE-Sim runs the row as one single-channel layer per channel. */
  readonly depthwise: boolean
}

/**
 * A problem in a topology file: line and column (both from 1) and a message naming them.
 *
 * @example
 * const error: TopologyError = { line: 2, column: 5, message: 'line 2, column 5 (Filter Width): "x3" is not a positive integer' }
 */
export interface TopologyError {
  readonly line: number
  readonly column: number
  readonly message: string
}

/**
 * The fields of a topology row, in order; the ninth (stride along the width) is optional.
 *
 * @example
 * topologyColumns[3] // "Filter Height", the name of column 4
 */
export const topologyColumns = [
  "Layer name",
  "IFMAP Height",
  "IFMAP Width",
  "Filter Height",
  "Filter Width",
  "Channels",
  "Num Filter",
  "Strides",
  "Stride Width",
] as const

const isCount = (field: string): boolean => /^\+?\d+$/.test(field) && Number(field) >= 1

const at = (line: number, column: number, message: string): TopologyError => ({
  line,
  column,
  message: `line ${line}, column ${column}${column <= topologyColumns.length ? ` (${topologyColumns[column - 1]})` : ""}: ${message}`,
})

/** Splits a line into trimmed fields, dropping the one empty field a trailing comma leaves. */
const fieldsOf = (text: string): string[] => {
  const fields = text.split(",").map((field) => field.trim())
  if (fields.length > 1 && fields[fields.length - 1] === "") fields.pop()
  return fields
}

const readRow = (fields: readonly string[], line: number, errors: TopologyError[]): ScaleSimTopologyRow | undefined => {
  if (fields.length < 8 || fields.length > 9) {
    const column = fields.length < 8 ? fields.length + 1 : 10
    errors.push(
      at(line, column, `expected 8 fields (${topologyColumns.slice(0, 8).join(", ")}) or 9 (with Stride Width), got ${fields.length}`),
    )
    return undefined
  }
  const before = errors.length
  const name = fields[0] ?? ""
  if (name === "") errors.push(at(line, 1, "the layer name is empty"))
  const values = fields.slice(1).map((field, i) => {
    if (!isCount(field)) errors.push(at(line, i + 2, `${JSON.stringify(field)} is not a positive integer`))
    return Number(field)
  })
  const [ifmapHeight = 0, ifmapWidth = 0, filterHeight = 0, filterWidth = 0, channels = 0, filters = 0, strideHeight = 0] = values
  const strideWidth = values[7] ?? strideHeight
  if (errors.length > before) return undefined
  if (filterHeight > ifmapHeight) errors.push(at(line, 4, `${filterHeight} is larger than the IFMAP height ${ifmapHeight}`))
  if (filterWidth > ifmapWidth) errors.push(at(line, 5, `${filterWidth} is larger than the IFMAP width ${ifmapWidth}`))
  if (errors.length > before) return undefined
  const depthwise = name.includes("DP")
  return { line, name, ifmapHeight, ifmapWidth, filterHeight, filterWidth, channels, filters, strideHeight, strideWidth, depthwise }
}

/**
 * Reads the rows of a SCALE-Sim topology CSV. Blank lines are skipped; the first non-blank line
 * is a header when its second field is not a number (SCALE-Sim always skips the first line; a
 * file without a header is read whole here). Never throws: returns the rows or every error.
 *
 * @example
 * readTopologyRows("Layer, H, W, R, S, C, K, Stride,\nconv1, 8, 8, 3, 3, 4, 16, 1,\n") // { ok: true, rows: [{ name: "conv1", ... }] }
 */
export const readTopologyRows = (
  text: string,
): { readonly ok: true; readonly rows: ScaleSimTopologyRow[] } | { readonly ok: false; readonly errors: TopologyError[] } => {
  const rows: ScaleSimTopologyRow[] = []
  const errors: TopologyError[] = []
  let first = true
  const lines = text.split(/\r?\n/)
  lines.forEach((raw, index) => {
    if (raw.trim() === "") return
    const fields = fieldsOf(raw)
    const header = first && !/^\+?\d+$/.test(fields[1] ?? "")
    first = false
    if (header) return
    const row = readRow(fields, index + 1, errors)
    if (row !== undefined) rows.push(row)
  })
  if (errors.length === 0 && rows.length === 0) errors.push(at(Math.max(1, lines.length), 1, "the file has no layer rows"))
  return errors.length > 0 ? { ok: false, errors } : { ok: true, rows }
}
