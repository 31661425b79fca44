import { terminalSafe } from "../cli/terminal-safe.js"

/**
 * One column of a text table: its header, its alignment and how to render a row's cell.
 *
 * @example
 * const macs: Column<LayerCounts> = { header: "MACs", align: "right", cell: (layer) => groupDigits(layer.macs) }
 */
export interface Column<Row> {
  readonly header: string
  readonly align: "left" | "right"
  readonly cell: (row: Row) => string
}

/**
 * Renders rows as an aligned text table: a header line, a rule, then one line per row, with two
 * spaces between columns and no trailing spaces. Headers and cells are made `terminalSafe`, with
 * newlines and tabs written `\n` and `\t`, so that user-provided text keeps the table's lines.
 *
 * @example
 * formatTable([{ header: "name", align: "left", cell: (r: { n: string }) => r.n }], [{ n: "conv" }])
 * // "name\n----\nconv"
 */
export const formatTable = <Row>(columns: readonly Column<Row>[], rows: readonly Row[]): string => {
  const safe = (text: string): string => terminalSafe(text).replaceAll("\n", "\\n").replaceAll("\t", "\\t")
  const cells = rows.map((row) => columns.map((column) => safe(column.cell(row))))
  const headers = columns.map((column) => safe(column.header))
  const widths = headers.map((header, i) => Math.max(header.length, ...cells.map((line) => line[i]?.length ?? 0)))
  const render = (line: readonly string[]): string =>
    line
      .map((text, i) => {
        const width = widths[i] ?? 0
        return columns[i]?.align === "right" ? text.padStart(width) : text.padEnd(width)
      })
      .join("  ")
      .trimEnd()
  const header = render(headers)
  const rule = render(widths.map((width) => "-".repeat(width)))
  return [header, rule, ...cells.map(render)].join("\n")
}
