/**
 * A Markdown table with padded columns, as a Markdown formatter would leave it.
 *
 * @example
 * markdownTable(["a", "b"], [["1", "2"]]) // "| a   | b   |\n| --- | --- |\n| 1   | 2   |"
 */
export const markdownTable = (header: readonly string[], rows: readonly (readonly string[])[]): string => {
  const widths = header.map((cell, j) => Math.max(3, cell.length, ...rows.map((row) => (row[j] ?? "").length)))
  const line = (cells: readonly string[]) => `| ${cells.map((cell, j) => cell.padEnd(widths[j] as number)).join(" | ")} |`
  return [line(header), line(widths.map((width) => "-".repeat(width))), ...rows.map(line)].join("\n")
}

/**
 * A number with fixed digits, or "–" when it is not finite (an infeasible design).
 *
 * @example
 * fixed(1.234, 2) // "1.23"
 */
export const fixed = (value: number, digits: number): string => (Number.isFinite(value) ? value.toFixed(digits) : "–")

/**
 * A ratio as `2.41x`, or "–".
 *
 * @example
 * times(2.414) // "2.41x"
 */
export const times = (value: number): string => (Number.isFinite(value) ? `${value.toFixed(2)}x` : "–")

/**
 * The geometric mean of the finite positive values (NaN when there are none).
 *
 * @example
 * geometricMean([1, 4]) // 2
 */
export const geometricMean = (values: readonly number[]): number => {
  const usable = values.filter((value) => Number.isFinite(value) && value > 0)
  return usable.length === 0 ? Number.NaN : Math.exp(usable.reduce((sum, value) => sum + Math.log(value), 0) / usable.length)
}
