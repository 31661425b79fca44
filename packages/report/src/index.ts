/**
 * `@cosearch/report`: pictures of studies. `loadReportStudy` reads a study's trials from a store;
 * `studyCharts` makes its charts (ECharts options as plain JSON: the Pareto front, ...); and
 * `reportPage` puts them in one self-contained HTML page (the report, or the dashboard's live page);
 * `startDashboard` serves a (read-only) store's studies as live pages.
 *
 * @example
 * import { loadReportStudy, reportPage, studyCharts } from "@cosearch/report"
 * const study = await loadReportStudy(store, "quickstart")
 * if (study) writeFileSync("report.html", reportPage({ title: study.name, charts: studyCharts([study]) }))
 *
 * @packageDocumentation
 */

export type { Chart } from "./charts/chart.js"
export { paretoChart } from "./charts/pareto.js"
export { studyCharts } from "./charts/study-charts.js"
export { type Dashboard, type DashboardOptions, startDashboard } from "./dashboard/dashboard.js"
export { type StudyFeed, type StudyView, statusLine, studyFeed } from "./dashboard/study-feed.js"
export { loadReportStudy, type ReportStudy } from "./data/report-study.js"
export { type ReportPageData, reportPage } from "./page/report-page.js"
export { type ChartSize, chartPng, chartSvg } from "./render/chart-image.js"
