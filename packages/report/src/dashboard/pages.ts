import type { StudySummary } from "@cosearch/store"
import { escapeHtml } from "../page/escape-html.js"

/**
 * The dashboard's path of a study's live page.
 *
 * @example
 * studyPath("a/b") // "/study/a%2Fb"
 */
export const studyPath = (name: string): string => `/study/${encodeURIComponent(name)}`

/**
 * The path the live page polls for `{ charts, status, counts }`.
 *
 * @example
 * chartsPath("quickstart") // "/api/study/quickstart/charts"
 */
export const chartsPath = (name: string): string => `/api/study/${encodeURIComponent(name)}/charts`

const style = `<style>
  body { font-family: system-ui, sans-serif; margin: 1.5rem; color: #222; }
  h1 { font-size: 1.4rem; margin: 0 0 1rem; }
  table { border-collapse: collapse; }
  th, td { padding: 0.3rem 0.8rem; text-align: right; border-bottom: 1px solid #ddd; }
  th:first-child, td:first-child { text-align: left; }
  p { color: #666; }
</style>`

/**
 * The dashboard's first page: every study of the database with its trial counts, each linking to
 * its live page; it reloads itself every 5 s.
 *
 * @example
 * studiesPage("runs.db", await store.listStudies())
 */
export const studiesPage = (location: string, summaries: readonly StudySummary[]): string => {
  const rows = summaries.map(({ study, counts }) => {
    const cells = [counts.complete, counts.infeasible, counts.failed, counts.running, counts.waiting, counts.total]
    return `<tr><td><a href="${escapeHtml(studyPath(study.name))}">${escapeHtml(study.name)}</a></td>${cells.map((n) => `<td>${n}</td>`).join("")}<td>${escapeHtml(new Date(study.createdAt).toISOString())}</td></tr>`
  })
  const table =
    summaries.length === 0
      ? "<p>This database has no studies yet; this page reloads every 5 s.</p>"
      : `<table id="studies">
<thead><tr><th>study</th><th>complete</th><th>infeasible</th><th>failed</th><th>running</th><th>waiting</th><th>trials</th><th>created</th></tr></thead>
<tbody>
${rows.join("\n")}
</tbody>
</table>
<p>Reading ${escapeHtml(location)} (read-only); this page reloads every 5 s.</p>`
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="refresh" content="5">
<title>cosearch dashboard</title>
${style}
</head>
<body>
<h1>Studies in ${escapeHtml(location)}</h1>
${table}
</body>
</html>
`
}

/**
 * A page saying what was not found (the dashboard's 404).
 *
 * @example
 * notFoundPage('there is no study "nope" in runs.db')
 */
export const notFoundPage = (message: string): string => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>not found: cosearch dashboard</title>
${style}
</head>
<body>
<h1>Not found</h1>
<p id="message">${escapeHtml(message)}</p>
<p><a href="/">All studies</a></p>
</body>
</html>
`
