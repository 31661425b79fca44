import { readFileSync } from "node:fs"
import { createRequire } from "node:module"
import type { Chart } from "../charts/chart.js"
import { clientScript } from "./client-script.js"
import { escapeHtml } from "./escape-html.js"

/** What a page shows: a title, a status line, its charts, and for a live page where to fetch them again. */
export interface ReportPageData {
  readonly title: string
  readonly status?: string
  readonly charts: readonly Chart[]
  /** A live page (the dashboard's) fetches `{ charts, status }` from `url` every `intervalMs`. */
  readonly live?: { readonly url: string; readonly intervalMs: number }
}

let echartsSource: string | undefined

/** ECharts' minified browser build, read once from the installed package. */
const echartsScript = (): string => {
  echartsSource ??= readFileSync(createRequire(import.meta.url).resolve("echarts/dist/echarts.min.js"), "utf8")
  return echartsSource
}

/** JSON that is safe inside a `<script>` element (no `</script>`, no `<!--`). */
const scriptJson = (value: unknown): string => JSON.stringify(value).replace(/</g, "\\u003c")

/**
 * A whole HTML page: ECharts and the page's script inlined, the data embedded, so the file works
 * offline with no server (the report), or is served by the dashboard (live).
 *
 * @example
 * writeFileSync("report.html", reportPage({ title: "quickstart", charts: studyCharts([study]) }))
 */
export const reportPage = (data: ReportPageData): string => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(data.title)}</title>
<style>
  body { font-family: system-ui, sans-serif; margin: 1.5rem; color: #222; }
  h1 { font-size: 1.4rem; margin: 0 0 0.3rem; }
  h2 { font-size: 1.1rem; margin: 1.2rem 0 0.4rem; }
  #status { color: #666; margin: 0 0 1rem; }
  .chart { width: 100%; max-width: 1100px; height: 440px; }
</style>
</head>
<body>
<h1>${escapeHtml(data.title)}</h1>
<p id="status">${escapeHtml(data.status ?? "")}</p>
<div id="charts">
${data.charts.map((chart) => `<section><h2>${escapeHtml(chart.title)}</h2><div class="chart" id="${escapeHtml(chart.id)}"></div></section>`).join("\n")}
</div>
<script id="cosearch-data" type="application/json">${scriptJson(data)}</script>
<script>${echartsScript()}</script>
<script>${clientScript}</script>
</body>
</html>
`
