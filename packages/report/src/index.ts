/**
 * `@cosearch/report`: pictures of studies. `loadReportStudy` reads a study's trials from a store;
 * `studyCharts` makes its charts (ECharts options as plain JSON: the Pareto front, the history and
 * best-so-far, the hypervolume, parameter importance, parallel coordinates, and the per-layer costs
 * of the best trials when given); `reportPage` puts them in one self-contained HTML page (the
 * report, or the dashboard's live page); `chartSvg`/`chartPng` draw one for a paper; and
 * `startDashboard` serves a (read-only) store's studies as live pages. The analyses behind them (a
 * fast Pareto front, best-so-far, hypervolume over trials, permutation importance) are exported too.
 *
 * @example
 * import { loadReportStudy, reportPage, studyCharts } from "@cosearch/report"
 * const study = await loadReportStudy(store, "quickstart")
 * if (study) writeFileSync("report.html", reportPage({ title: study.name, charts: studyCharts([study]) }))
 *
 * @packageDocumentation
 */

export { fastParetoFront, frontIndices } from "./analysis/front.js"
export { type ImportanceOptions, type ParameterImportance, parameterImportance } from "./analysis/importance.js"
export { type FeasibleLosses, feasibleLosses, infeasibleWithValues } from "./analysis/losses.js"
export {
  bestSoFar,
  type HypervolumeBox,
  type HypervolumeHistory,
  type HypervolumeOptions,
  hypervolumeBox,
  hypervolumeHistory,
  type ObjectiveProgress,
} from "./analysis/progress.js"
export type { Chart } from "./charts/chart.js"
export { historyChart } from "./charts/history.js"
export { hypervolumeChart } from "./charts/hypervolume.js"
export { importanceChart } from "./charts/importance.js"
export { layerCharts } from "./charts/layers.js"
export { PARALLEL_MAX_TRIALS, parallelChart } from "./charts/parallel.js"
export { paretoChart } from "./charts/pareto.js"
export { type ChartKind, chartKinds, type StudyChartExtras, studyChart, studyCharts } from "./charts/study-charts.js"
export { type Dashboard, type DashboardOptions, startDashboard } from "./dashboard/dashboard.js"
export { type StudyFeed, type StudyView, statusLine, studyFeed } from "./dashboard/study-feed.js"
export type { LayerCostRow, TrialLayerCosts } from "./data/layer-costs.js"
export { loadReportStudy, type ReportStudy } from "./data/report-study.js"
export { type ReportPageData, reportPage } from "./page/report-page.js"
export { type ChartSize, chartPng, chartSvg } from "./render/chart-image.js"
