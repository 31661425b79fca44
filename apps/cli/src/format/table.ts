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
 * spaces between columns and no trailing spaces.
 *
 * @example
 * formatTable([{ header: "name", align: "left", cell: (r: { n: string }) => r.n }], [{ n: "conv" }])
 * // "name\n----\nconv"
 */
export const formatTable = <Row>(columns: readonly Column<Row>[], rows: readonly Row[]): string => {
  const cells = rows.map((row) => columns.map((column) => column.cell(row)))
  const widths = columns.map((column, i) => Math.max(column.header.length, ...cells.map((line) => line[i]?.length ?? 0)))
  const render = (line: readonly string[]): string =>
    line
      .map((text, i) => {
        const width = widths[i] ?? 0
        return columns[i]?.align === "right" ? text.padStart(width) : text.padEnd(width)
      })
      .join("  ")
      .trimEnd()
  const header = render(columns.map((column) => column.header))
  const rule = render(widths.map((width) => "-".repeat(width)))
  return [header, rule, ...cells.map(render)].join("\n")
}
