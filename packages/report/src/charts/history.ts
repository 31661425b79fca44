import { bestSoFar } from "../analysis/progress.js"
import type { ReportStudy } from "../data/report-study.js"
import type { Chart } from "./chart.js"
import { bigSeries, gridLayout, objectiveName, stepPoints, studyColor } from "./style.js"

/**
 * The optimisation history: one grid per objective, side by side; per study its feasible trials'
 * values over trial number (`<study>: <metric>`, points) and the best-so-far (`<study>: best
 * <metric>`, a step line, its points where it changes).
 *
 * @example
 * const chart = historyChart([study])
 */
export const historyChart = (studies: readonly ReportStudy[]): Chart => {
  const first = studies[0]
  const k = first?.objectives.length ?? 0
  const series: Record<string, unknown>[] = []
  studies.forEach((study, s) => {
    const progress = bestSoFar(
      study.objectives.map((objective) => objective.direction),
      study.trials,
    )
    const color = studyColor(s)
    progress.forEach((objective, m) => {
      if (m >= k) return
      const metric = study.objectives[m]?.metric ?? `objective ${m + 1}`
      series.push({
        name: `${study.name}: ${metric}`,
        type: "scatter",
        xAxisIndex: m,
        yAxisIndex: m,
        symbolSize: 3,
        itemStyle: { color, opacity: 0.4 },
        ...bigSeries,
        data: objective.numbers.map((number, i) => [number, objective.values[i] as number]),
      })
      series.push({
        name: `${study.name}: best ${metric}`,
        type: "line",
        step: "end",
        xAxisIndex: m,
        yAxisIndex: m,
        showSymbol: false,
        lineStyle: { color, width: 2 },
        itemStyle: { color },
        z: 3,
        data: stepPoints(objective.numbers, objective.best),
      })
    })
  })
  return {
    id: "history",
    title: "Optimisation history and best-so-far",
    option: {
      animation: false,
      tooltip: { trigger: "item" },
      legend: { type: "scroll", top: 0 },
      grid: gridLayout(k, Math.max(1, k)),
      xAxis: Array.from({ length: k }, (_, m) => ({ type: "value", gridIndex: m, name: "trial", nameLocation: "middle", nameGap: 28 })),
      yAxis: Array.from({ length: k }, (_, m) => ({ type: "value", gridIndex: m, name: objectiveName(first, m), scale: true })),
      series,
    },
  }
}
