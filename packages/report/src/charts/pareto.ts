import type { Trial } from "@cosearch/optimize"
import { fastParetoFront } from "../analysis/front.js"
import { feasibleLosses, infeasibleWithValues } from "../analysis/losses.js"
import type { ReportStudy } from "../data/report-study.js"
import type { Chart } from "./chart.js"
import { bigSeries, gridLayout, objectiveName, studyColor } from "./style.js"

/** The pairs of objectives (i < j) a scatter matrix draws. */
const pairsOf = (k: number): [number, number][] => {
  const pairs: [number, number][] = []
  for (let i = 0; i < k; i++) for (let j = i + 1; j < k; j++) pairs.push([i, j])
  return pairs
}

/**
 * The Pareto-front chart of one or more studies (overlaid, one colour each). Per study three
 * series: `<study>: front` (the Pareto front, `paretoFront`'s trials, large symbols),
 * `<study>: feasible` (the other feasible trials) and `<study>: infeasible` (trials with values
 * that break a constraint or were reported infeasible, hollow), each point `[x, y, trial number]`.
 * Two objectives: one scatter. Three or more: a scatter matrix, one grid per pair of objectives,
 * the three series repeated in each grid (same names). One objective: value over trial number.
 *
 * @example
 * const chart = paretoChart([study])
 */
export const paretoChart = (studies: readonly ReportStudy[]): Chart => {
  const first = studies[0]
  const k = first?.objectives.length ?? 0
  const pairs: [number, number][] = k >= 2 ? pairsOf(k) : [[-1, 0]]
  const columns = Math.min(3, pairs.length)
  const grids = pairs.length === 1 ? [{ left: 70, right: 30, top: 50, bottom: 50 }] : gridLayout(pairs.length, columns)
  const series: Record<string, unknown>[] = []
  studies.forEach((study, s) => {
    const directions = study.objectives.map((objective) => objective.direction)
    const front = fastParetoFront(directions, study.trials)
    const onFront = new Set(front.map((trial) => trial.number))
    const feasible = feasibleLosses(directions, study.trials).trials.filter((trial) => !onFront.has(trial.number))
    const infeasible = infeasibleWithValues(directions, study.trials)
    const color = studyColor(s)
    pairs.forEach(([i, j], g) => {
      const point = (trial: Trial) => {
        const values = trial.values as readonly number[]
        return [i < 0 ? trial.number : (values[i] as number), values[j] as number, trial.number]
      }
      const axes = { xAxisIndex: g, yAxisIndex: g }
      series.push({
        name: `${study.name}: front`,
        type: "scatter",
        ...axes,
        symbolSize: 9,
        itemStyle: { color },
        z: 3,
        data: front.map(point),
      })
      series.push({
        name: `${study.name}: feasible`,
        type: "scatter",
        ...axes,
        symbolSize: 4,
        itemStyle: { color, opacity: 0.45 },
        ...bigSeries,
        data: feasible.map(point),
      })
      series.push({
        name: `${study.name}: infeasible`,
        type: "scatter",
        ...axes,
        symbol: "emptyCircle",
        symbolSize: 4,
        itemStyle: { color: "#999999", opacity: 0.6 },
        ...bigSeries,
        data: infeasible.map(point),
      })
    })
  })
  return {
    id: "pareto",
    title:
      k >= 3
        ? "Pareto front (scatter matrix of the objectives)"
        : k === 1
          ? "Objective over trials (best trials as the front)"
          : "Pareto front",
    option: {
      animation: false,
      tooltip: { trigger: "item" },
      legend: { type: "scroll", top: 0 },
      grid: grids,
      xAxis: pairs.map(([i], g) => ({
        type: "value",
        gridIndex: g,
        name: i < 0 ? "trial" : objectiveName(first, i),
        nameLocation: "middle",
        nameGap: 28,
        scale: true,
      })),
      yAxis: pairs.map(([, j], g) => ({
        type: "value",
        gridIndex: g,
        name: objectiveName(first, j),
        nameLocation: "middle",
        nameGap: 50,
        scale: true,
      })),
      series,
    },
  }
}
