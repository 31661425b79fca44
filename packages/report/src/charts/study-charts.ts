import type { TrialLayerCosts } from "../data/layer-costs.js"
import type { ReportStudy } from "../data/report-study.js"
import type { Chart } from "./chart.js"
import { historyChart } from "./history.js"
import { hypervolumeChart } from "./hypervolume.js"
import { importanceChart } from "./importance.js"
import { layerCharts } from "./layers.js"
import { parallelChart } from "./parallel.js"
import { paretoChart } from "./pareto.js"

/** What the report adds to a study's own data: the per-layer costs of its best trials (computed by the caller). */
export interface StudyChartExtras {
  readonly layers?: readonly TrialLayerCosts[]
}

/**
 * Every chart of a report page for these studies, in page order: `pareto`, `history`,
 * `hypervolume` (two or more objectives), `importance`, `parallel`, and with `extras.layers`
 * `layers`, `layer-utilization` and `layer-levels`. Several studies share each chart (their
 * fronts overlaid); the objectives are the first study's.
 *
 * @example
 * const charts = studyCharts([study], { layers })
 */
export const studyCharts = (studies: readonly ReportStudy[], extras: StudyChartExtras = {}): Chart[] => {
  const charts: Chart[] = [paretoChart(studies), historyChart(studies)]
  const hypervolume = hypervolumeChart(studies)
  if (hypervolume !== undefined) charts.push(hypervolume)
  charts.push(importanceChart(studies), parallelChart(studies), ...layerCharts(extras.layers ?? []))
  return charts
}

/**
 * Every kind of chart a report can hold (the charts' ids), for `cosearch plot <kind>`.
 *
 * @example
 * chartKinds.includes("pareto") // true
 */
export const chartKinds = [
  "pareto",
  "history",
  "hypervolume",
  "importance",
  "parallel",
  "layers",
  "layer-utilization",
  "layer-levels",
] as const

/** A kind of chart (`chartKinds`). */
export type ChartKind = (typeof chartKinds)[number]

/**
 * One chart of these studies by kind, making only that one; undefined when the studies do not
 * have it (a hypervolume of one objective, layer charts without `extras.layers`).
 *
 * @example
 * const pareto = studyChart("pareto", [study])
 */
export const studyChart = (kind: ChartKind, studies: readonly ReportStudy[], extras: StudyChartExtras = {}): Chart | undefined => {
  switch (kind) {
    case "pareto":
      return paretoChart(studies)
    case "history":
      return historyChart(studies)
    case "hypervolume":
      return hypervolumeChart(studies)
    case "importance":
      return importanceChart(studies)
    case "parallel":
      return parallelChart(studies)
    default:
      return layerCharts(extras.layers ?? []).find((chart) => chart.id === kind)
  }
}
