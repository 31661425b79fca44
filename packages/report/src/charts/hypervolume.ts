import { hypervolumeBox, hypervolumeHistory } from "../analysis/progress.js"
import type { ReportStudy } from "../data/report-study.js"
import type { Chart } from "./chart.js"
import { stepPoints, studyColor } from "./style.js"

/**
 * The hypervolume of each study's running Pareto front over trial number (a step line per study,
 * `<study>: hypervolume`). All studies share one reference point (`hypervolumeBox` of all their
 * feasible trials: the worst value of each objective plus a tenth of its range), so their lines
 * compare; exact for two objectives, a seeded Monte-Carlo estimate for three or more. Undefined
 * when the first study has fewer than two objectives.
 *
 * @example
 * const chart = hypervolumeChart([a, b])
 */
export const hypervolumeChart = (studies: readonly ReportStudy[]): Chart | undefined => {
  const first = studies[0]
  if (first === undefined || first.objectives.length < 2) return undefined
  const directions = first.objectives.map((objective) => objective.direction)
  const comparable = studies.filter((study) => study.objectives.length === directions.length)
  const box = hypervolumeBox(
    directions,
    comparable.flatMap((study) => study.trials),
  )
  const histories = comparable.map((study) => ({
    study,
    history: box === undefined ? undefined : hypervolumeHistory(directions, study.trials, { box }),
  }))
  const method = histories[0]?.history?.method
  const reference = box?.reference.map((value) => Number(value.toPrecision(4))).join(", ") ?? "none"
  return {
    id: "hypervolume",
    title: `Hypervolume over trials (${method === "monte-carlo" ? "Monte-Carlo estimate, " : ""}reference point ${reference})`,
    option: {
      animation: false,
      tooltip: { trigger: "axis" },
      legend: { type: "scroll", top: 0 },
      grid: { left: 80, right: 30, top: 50, bottom: 50 },
      xAxis: { type: "value", name: "trial", nameLocation: "middle", nameGap: 28 },
      yAxis: { type: "value", name: "hypervolume", scale: true },
      series: histories.map(({ study, history }, s) => ({
        name: `${study.name}: hypervolume`,
        type: "line",
        step: "end",
        showSymbol: false,
        lineStyle: { color: studyColor(s), width: 2 },
        itemStyle: { color: studyColor(s) },
        data: history === undefined ? [] : stepPoints(history.numbers, history.hypervolume),
      })),
    },
  }
}
