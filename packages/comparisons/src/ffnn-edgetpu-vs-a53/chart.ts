import type { Chart } from "@cosearch/report"
import { chartFileName } from "../kit/chart-file.js"
import type { FfnnCell, FfnnPlatformReport } from "./run.js"

/**
 * The decision chart's file name beside a report: the report's name with `.svg` for `.md`.
 *
 * @example
 * decisionChartName("ffnn-edgetpu-vs-a53.md") // "ffnn-edgetpu-vs-a53.svg"
 */
export const decisionChartName = chartFileName

const colors = { edgetpu: "#9ecae1", cpu: "#fdae6b" } as const

/** The size the decision chart is drawn at: wide enough for both panels' cells and labels. */
export const decisionChartSize = (report: FfnnPlatformReport) => {
  const widths = new Set(report.cells.map((cell) => cell.width)).size
  const depths = new Set(report.cells.map((cell) => cell.depth)).size
  return { width: Math.max(640, 2 * widths * 64 + 200), height: Math.max(320, depths * 34 + 190) }
}

/**
 * The decision chart: two heatmaps (latency, energy per inference), hidden layers down and widths
 * across, each cell colored by the platform that wins and labeled with the CPU / Edge TPU ratio
 * (above 1: the Edge TPU wins). An ECharts option, drawn to SVG beside the report.
 *
 * @example
 * writeFileSync("ffnn.svg", chartSvg(decisionChart(report, "coral", "cortex-a53"), decisionChartSize(report)))
 */
export const decisionChart = (report: FfnnPlatformReport, edgetpu: string, cpu: string): Chart => {
  const widths = [...new Set(report.cells.map((cell) => cell.width))].sort((a, b) => a - b)
  const depths = [...new Set(report.cells.map((cell) => cell.depth))].sort((a, b) => a - b)
  const panel = (metric: (cell: FfnnCell) => { ratio: number; winner: "edgetpu" | "cpu" }) =>
    report.cells.map((cell) => {
      const { ratio, winner } = metric(cell)
      // [width, depth, winner (1: the Edge TPU), ratio]: the visual map colors by the winner.
      return {
        value: [widths.indexOf(cell.width), depths.indexOf(cell.depth), winner === "edgetpu" ? 1 : 0, ratio],
        label: { show: true, formatter: `${ratio >= 10 ? ratio.toFixed(0) : ratio.toFixed(2)}x`, fontSize: 11 },
      }
    })
  const axes = (index: number, title: string) => ({
    x: {
      type: "category",
      gridIndex: index,
      data: widths.map(String),
      name: "hidden units per layer",
      nameLocation: "middle",
      nameGap: 26,
      position: "top",
    },
    y: {
      type: "category",
      gridIndex: index,
      data: depths.map(String),
      name: index === 0 ? "layers" : "",
      nameLocation: "middle",
      nameGap: 30,
      inverse: true,
    },
    title: { text: title, left: index === 0 ? "27%" : "77%", top: 38, textAlign: "center", textStyle: { fontSize: 14 } },
  })
  const [latency, energy] = [axes(0, "latency per inference"), axes(1, "energy per inference")]
  return {
    id: "ffnn-decision",
    title: `Decision chart: ${edgetpu} vs ${cpu} by FFNN width and depth`,
    option: {
      animation: false,
      grid: [
        { left: 70, right: "53%", top: 110, bottom: 50 },
        { left: "55%", right: 20, top: 110, bottom: 50 },
      ],
      xAxis: [latency.x, energy.x],
      yAxis: [latency.y, energy.y],
      visualMap: {
        type: "piecewise",
        dimension: 2,
        orient: "horizontal",
        left: "center",
        bottom: 8,
        pieces: [
          { value: 1, color: colors.edgetpu, label: `${edgetpu} wins` },
          { value: 0, color: colors.cpu, label: `${cpu} wins; labels: ${cpu} / ${edgetpu}` },
        ],
      },
      series: [
        {
          name: "latency",
          type: "heatmap",
          xAxisIndex: 0,
          yAxisIndex: 0,
          data: panel((cell) => ({ ratio: cell.cpu.latencySeconds / cell.edgetpu.latencySeconds, winner: cell.fasterOn })),
        },
        {
          name: "energy",
          type: "heatmap",
          xAxisIndex: 1,
          yAxisIndex: 1,
          data: panel((cell) => ({ ratio: cell.cpu.energyPj / cell.edgetpu.energyPj, winner: cell.cheaperOn })),
        },
      ],
      title: [latency.title, energy.title],
    },
  }
}
