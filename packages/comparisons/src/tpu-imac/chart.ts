import type { Chart } from "@cosearch/report"
import type { TpuImacComparisonReport } from "./run.js"

/**
 * The TPU-IMAC comparison's chart: per network, the speedup of TPU-IMAC over the TPU alone and
 * the on-chip weight memory it saves (a factor), side by side.
 *
 * @example
 * writeFileSync("tpu-imac.svg", chartSvg(tpuImacChart(report)))
 */
export const tpuImacChart = (report: TpuImacComparisonReport): Chart => ({
  id: "tpu-imac-speedup",
  title: `TPU-IMAC over ${report.digitalUnit} alone: speedup and weight memory saved`,
  option: {
    animation: false,
    legend: { top: 42 },
    grid: { left: 70, right: 70, top: 90, bottom: 110 },
    xAxis: { type: "category", data: report.rows.map((row) => row.network), axisLabel: { rotate: 30, fontSize: 10 } },
    yAxis: [
      { type: "value", name: "speedup", nameLocation: "middle", nameGap: 40 },
      { type: "value", name: "weight memory reduction", nameLocation: "middle", nameGap: 45 },
    ],
    series: [
      {
        name: "speedup",
        type: "bar",
        yAxisIndex: 0,
        data: report.rows.map((row) => row.speedup),
        markLine: { silent: true, symbol: "none", lineStyle: { type: "dashed" }, data: [{ yAxis: 1, label: { formatter: "1x" } }] },
      },
      { name: "weight memory reduction", type: "bar", yAxisIndex: 1, data: report.rows.map((row) => row.memoryReduction) },
    ],
  },
})
