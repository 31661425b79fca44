import type { Chart } from "@cosearch/report"
import type { MensaComparisonConfig } from "./config.js"
import { mensaPaper } from "./paper.js"
import type { MensaComparisonReport } from "./run.js"

/**
 * The Mensa comparison's chart: per network, the system's energy efficiency (top) and throughput
 * (bottom) over each baseline, on a log scale, with parity (1x) and the paper's averages marked.
 *
 * @example
 * writeFileSync("mensa.svg", chartSvg(mensaChart(config, report), { width: 1000, height: 640 }))
 */
export const mensaChart = (config: MensaComparisonConfig, report: MensaComparisonReport): Chart => {
  // A zoo spec with arguments is labeled by its name, marked as sized (the tables give it whole).
  const networks = report.rows.map((row) => (row.network.includes(":") ? `${row.network.split(":")[0]} (sized)` : row.network))
  const panel = (index: number, name: string) => ({
    x: { type: "category", gridIndex: index, data: networks, axisLabel: { rotate: 30, fontSize: 10, show: index === 1 } },
    y: { type: "log", gridIndex: index, name, nameLocation: "middle", nameGap: 40, logBase: 10 },
  })
  const [efficiency, throughput] = [panel(0, "energy efficiency ratio"), panel(1, "throughput ratio")]
  const series = config.baselines.flatMap((baseline, b) => {
    const published = mensaPaper[baseline]
    const marks = (value: number | undefined) => ({
      silent: true,
      symbol: "none",
      lineStyle: { type: "dashed" },
      data: [
        { yAxis: 1, label: { formatter: "1x" } },
        ...(value === undefined ? [] : [{ yAxis: value, label: { formatter: `paper ${value}x` } }]),
      ],
    })
    return [
      {
        name: `over ${baseline}`,
        type: "bar",
        xAxisIndex: 0,
        yAxisIndex: 0,
        data: report.rows.map((row) => row.efficiencyRatios[b] ?? null),
        markLine: marks(published?.efficiency),
      },
      {
        name: `over ${baseline}`,
        type: "bar",
        xAxisIndex: 1,
        yAxisIndex: 1,
        data: report.rows.map((row) => row.throughputRatios[b] ?? null),
        markLine: marks(published?.throughput),
      },
    ]
  })
  return {
    id: "mensa-ratios",
    title: `${config.system}: energy efficiency and throughput over each baseline`,
    option: {
      animation: false,
      legend: { top: 42 },
      grid: [
        { left: 70, right: 190, top: 90, height: "34%" },
        { left: 70, right: 190, top: "56%", bottom: 70 },
      ],
      xAxis: [efficiency.x, throughput.x],
      yAxis: [efficiency.y, throughput.y],
      series,
    },
  }
}
