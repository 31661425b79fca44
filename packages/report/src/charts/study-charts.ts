import type { ReportStudy } from "../data/report-study.js"
import type { Chart } from "./chart.js"
import { paretoChart } from "./pareto.js"

/**
 * Every chart of a report or dashboard page for these studies, in page order. Several studies
 * share each chart (their fronts overlaid).
 *
 * @example
 * const charts = studyCharts([study])
 */
export const studyCharts = (studies: readonly ReportStudy[]): Chart[] => [paretoChart(studies)]
