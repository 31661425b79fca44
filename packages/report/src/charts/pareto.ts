import { isFeasible, paretoFront } from "@cosearch/optimize"
import type { ReportStudy } from "../data/report-study.js"
import type { Chart } from "./chart.js"

/**
 * The Pareto-front chart of one or more studies over their first two objectives: per study, its
 * front (joined by a step line), its other feasible trials, and its constraint-infeasible trials
 * drawn apart (hollow). Each series' `data` holds exactly those trials' points.
 *
 * @example
 * const chart = paretoChart([study])
 */
export const paretoChart = (studies: readonly ReportStudy[]): Chart => {
  const first = studies[0]
  const [x, y] = first?.objectives ?? []
  const series: Record<string, unknown>[] = []
  for (const study of studies) {
    const directions = study.objectives.map((objective) => objective.direction)
    const front = new Set(paretoFront(directions, study.trials).map((trial) => trial.number))
    const point = (values: readonly number[] | undefined, number: number) => [values?.[0] ?? 0, values?.[1] ?? 0, number]
    const feasible = study.trials.filter((trial) => isFeasible(directions, trial))
    series.push({
      name: `${study.name}: front`,
      type: "scatter",
      symbolSize: 9,
      data: feasible.filter((trial) => front.has(trial.number)).map((trial) => point(trial.values, trial.number)),
    })
    series.push({
      name: `${study.name}: feasible`,
      type: "scatter",
      symbolSize: 5,
      large: true,
      data: feasible.filter((trial) => !front.has(trial.number)).map((trial) => point(trial.values, trial.number)),
    })
    series.push({
      name: `${study.name}: infeasible`,
      type: "scatter",
      symbol: "emptyCircle",
      symbolSize: 5,
      large: true,
      data: study.trials
        .filter((trial) => trial.state === "infeasible" && trial.values !== undefined)
        .map((trial) => point(trial.values, trial.number)),
    })
  }
  return {
    id: "pareto",
    title: "Pareto front",
    option: {
      animation: false,
      tooltip: { trigger: "item" },
      legend: { type: "scroll" },
      xAxis: { type: "value", name: `${x?.metric ?? ""} (${x?.direction ?? ""})`, scale: true },
      yAxis: { type: "value", name: `${y?.metric ?? ""} (${y?.direction ?? ""})`, scale: true },
      series,
    },
  }
}
