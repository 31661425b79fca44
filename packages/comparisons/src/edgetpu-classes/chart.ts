import type { Chart } from "@cosearch/report"
import type { ClassComparisonReport } from "./report.js"

/**
 * The Edge TPU classes' chart: per class, the median latency (top) and energy (bottom, diamonds) over the
 * random networks it runs, with the 10th and 90th percentiles as markers, on log scales.
 *
 * @example
 * writeFileSync("edgetpu-classes.svg", chartSvg(classChart(report)))
 */
export const classChart = (report: ClassComparisonReport): Chart => {
  const classes = report.classes.map((summary) => summary.accelerator)
  const panel = (
    index: number,
    pick: (summary: ClassComparisonReport["classes"][number]) => { p10: number; median: number; p90: number },
  ) => [
    {
      name: "median",
      type: "scatter",
      symbol: "diamond",
      symbolSize: 16,
      xAxisIndex: index,
      yAxisIndex: index,
      data: report.classes.map((summary) => pick(summary).median),
    },
    {
      name: "10th percentile",
      type: "scatter",
      symbol: "triangle",
      xAxisIndex: index,
      yAxisIndex: index,
      data: report.classes.map((summary) => pick(summary).p10),
    },
    {
      name: "90th percentile",
      type: "scatter",
      symbol: "triangle",
      symbolRotate: 180,
      xAxisIndex: index,
      yAxisIndex: index,
      data: report.classes.map((summary) => pick(summary).p90),
    },
  ]
  return {
    id: "edgetpu-classes",
    title: `Edge TPU classes on ${report.networks.toLocaleString("en-US")} random networks`,
    option: {
      animation: false,
      legend: { top: 42 },
      grid: [
        { left: 80, right: 30, top: 90, height: "32%" },
        { left: 80, right: 30, top: "55%", bottom: 50 },
      ],
      xAxis: [
        { type: "category", gridIndex: 0, data: classes, axisLabel: { show: false } },
        { type: "category", gridIndex: 1, data: classes },
      ],
      yAxis: [
        { type: "log", gridIndex: 0, name: "latency ms", nameLocation: "middle", nameGap: 50 },
        { type: "log", gridIndex: 1, name: "energy mJ", nameLocation: "middle", nameGap: 50 },
      ],
      series: [...panel(0, (summary) => summary.latencyMs), ...panel(1, (summary) => summary.energyMj)],
    },
  }
}
