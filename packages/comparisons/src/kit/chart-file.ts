import { type Chart, type ChartSize, chartSvg } from "@cosearch/report"
import type { ComparisonFile } from "../kind/comparison-kind.js"

/**
 * The name of a report's chart beside it: the report's name with `.svg` for `.md`.
 *
 * @example
 * chartFileName("mensa.md") // "mensa.svg"
 */
export const chartFileName = (outName: string): string => `${outName.replace(/\.md$/, "")}.svg`

/**
 * A comparison's chart as the SVG file beside its report, drawn by ECharts (`chartSvg` of
 * `@cosearch/report`, the library the study reports use).
 *
 * @example
 * const file = chartFile("mensa.md", mensaChart(report))
 */
export const chartFile = (outName: string, chart: Chart, size?: ChartSize): ComparisonFile => ({
  name: chartFileName(outName),
  text: chartSvg(chart, size),
})
