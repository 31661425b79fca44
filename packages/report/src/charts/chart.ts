/**
 * One chart of a report or a dashboard: an id (the page element's), a title and its ECharts
 * option as plain JSON (no functions), so the same value is drawn in the browser, sent by the
 * dashboard's server, and rendered to SVG for papers.
 *
 * @example
 * const chart: Chart = { id: "pareto-quickstart", title: "Pareto front", option: { series: [] } }
 */
export interface Chart {
  readonly id: string
  readonly title: string
  readonly option: Readonly<Record<string, unknown>>
}
