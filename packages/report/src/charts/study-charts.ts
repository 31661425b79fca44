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
