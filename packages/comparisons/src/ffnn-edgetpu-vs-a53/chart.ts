import type { FfnnCell, FfnnPlatformReport } from "./run.js"
import { svgDocument, svgRect, svgText } from "./svg.js"

/**
 * The decision chart's file name beside a report: the report's name with `.svg` for `.md`.
 *
 * @example
 * decisionChartName("ffnn-edgetpu-vs-a53.md") // "ffnn-edgetpu-vs-a53.svg"
 */
export const decisionChartName = (outName: string): string => `${outName.replace(/\.md$/, "")}.svg`

const colors = { edgetpu: "#9ecae1", cpu: "#fdae6b" } as const
const cellWidth = 64
const cellHeight = 30
const left = 70
const top = 60

/** One panel: depth rows x width columns, colored by the winner, labeled with cpu / edgetpu. */
const panel = (
  report: FfnnPlatformReport,
  widths: readonly number[],
  depths: readonly number[],
  x0: number,
  title: string,
  metric: (cell: FfnnCell) => { ratio: number; winner: "edgetpu" | "cpu" },
): string[] => {
  const elements = [svgText(x0 + (widths.length * cellWidth) / 2, top - 34, title, { anchor: "middle", size: 14, weight: "bold" })]
  widths.forEach((width, i) => {
    elements.push(svgText(x0 + i * cellWidth + cellWidth / 2, top - 8, String(width), { anchor: "middle" }))
  })
  depths.forEach((depth, j) => {
    elements.push(svgText(x0 - 8, top + j * cellHeight + cellHeight / 2 + 4, String(depth), { anchor: "end" }))
    widths.forEach((width, i) => {
      const cell = report.cells.find((candidate) => candidate.width === width && candidate.depth === depth)
      if (cell === undefined) return
      const { ratio, winner } = metric(cell)
      const x = x0 + i * cellWidth
      const y = top + j * cellHeight
      elements.push(svgRect(x, y, cellWidth, cellHeight, colors[winner]))
      elements.push(
        svgText(x + cellWidth / 2, y + cellHeight / 2 + 4, `${ratio >= 10 ? ratio.toFixed(0) : ratio.toFixed(2)}x`, {
          anchor: "middle",
          size: 11,
        }),
      )
    })
  })
  elements.push(
    svgText(x0 + (widths.length * cellWidth) / 2, top + depths.length * cellHeight + 18, "hidden units per layer", { anchor: "middle" }),
  )
  return elements
}

/**
 * The decision chart as SVG: two panels (latency, energy), hidden layers down and widths across,
 * each cell colored by the platform that wins and labeled with the A53 / Edge TPU ratio (above
 * 1: the Edge TPU wins).
 *
 * @example
 * writeFileSync("docs/comparisons/ffnn-edgetpu-vs-a53.svg", decisionChartSvg(report, "coral", "cortex-a53"))
 */
export const decisionChartSvg = (report: FfnnPlatformReport, edgetpu: string, cpu: string): string => {
  const widths = [...new Set(report.cells.map((cell) => cell.width))].sort((a, b) => a - b)
  const depths = [...new Set(report.cells.map((cell) => cell.depth))].sort((a, b) => a - b)
  const panelWidth = widths.length * cellWidth
  const second = left + panelWidth + left
  const height = top + depths.length * cellHeight + 70
  const legendY = height - 22
  const elements = [
    svgText(14, top + (depths.length * cellHeight) / 2, "layers", { anchor: "start" }),
    ...panel(report, widths, depths, left, "latency per inference", (cell) => ({
      ratio: cell.cpu.latencySeconds / cell.edgetpu.latencySeconds,
      winner: cell.fasterOn,
    })),
    ...panel(report, widths, depths, second, "energy per inference", (cell) => ({
      ratio: cell.cpu.energyPj / cell.edgetpu.energyPj,
      winner: cell.cheaperOn,
    })),
    svgRect(left, legendY - 11, 14, 14, colors.edgetpu),
    svgText(left + 20, legendY, `${edgetpu} wins`),
    svgRect(left + 140, legendY - 11, 14, 14, colors.cpu),
    svgText(left + 160, legendY, `${cpu} wins; labels: ${cpu} / ${edgetpu}`),
  ]
  return svgDocument(second + panelWidth + 20, height, `Decision chart: ${edgetpu} vs ${cpu} by FFNN width and depth`, elements)
}
