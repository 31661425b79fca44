import { Resvg } from "@resvg/resvg-js"
import * as echarts from "echarts"
import type { Chart } from "../charts/chart.js"
import { escapeHtml } from "../page/escape-html.js"

/** The size of a chart drawn for a paper, in CSS pixels. */
export interface ChartSize {
  readonly width: number
  readonly height: number
}

/**
 * The SVG with ECharts' generated class names (`zr<instance>-cls-<counter>`, counted across the
 * process) renamed in order of appearance, so the same chart always gives the same bytes.
 */
const stableNames = (svg: string): string => {
  const names = new Map<string, string>()
  return svg.replace(/zr\d+-[A-Za-z]+(?:-\d+)?/g, (name) => {
    let stable = names.get(name)
    if (stable === undefined) {
      stable = `chart-${names.size}`
      names.set(name, stable)
    }
    return stable
  })
}

/**
 * The SVG as a static document: its title (for screen readers) first, and without the hover
 * styles ECharts writes for interactive pages (a static figure has no pointer).
 */
const standalone = (svg: string, title: string): string => {
  const open = svg.indexOf(">") + 1
  return `${svg.slice(0, open)}\n<title>${escapeHtml(title)}</title>${svg.slice(open).replace(/<style\b[\s\S]*?<\/style>\s*/g, "")}`
}

/**
 * A chart as a standalone SVG document, drawn by ECharts' server-side renderer (no browser): the
 * same option the report and the dashboard draw. The same chart gives the same bytes.
 *
 * @example
 * writeFileSync("pareto.svg", chartSvg(paretoChart([study])))
 */
export const chartSvg = (chart: Chart, size: ChartSize = { width: 900, height: 560 }): string => {
  const instance = echarts.init(null, null, { renderer: "svg", ssr: true, width: size.width, height: size.height })
  try {
    // The title goes on top, so a legend at the top moves just below it; a chart's own titles
    // (a panel's) follow it.
    const legend = chart.option.legend
    const moved = typeof legend === "object" && legend !== null && !Array.isArray(legend) ? { legend: { ...legend, top: 30 } } : {}
    const own = chart.option.title
    const titles = Array.isArray(own) ? own : own === undefined ? [] : [own]
    instance.setOption({
      backgroundColor: "#ffffff",
      ...chart.option,
      ...moved,
      title: [{ text: chart.title, left: "center", textStyle: { fontSize: 15 } }, ...titles],
    })
    return standalone(stableNames(instance.renderToSVGString()), chart.title)
  } finally {
    instance.dispose()
  }
}

/**
 * A chart as PNG bytes: its SVG rasterized by resvg at `scale` times its size.
 *
 * @example
 * writeFileSync("pareto.png", chartPng(paretoChart([study])))
 */
export const chartPng = (chart: Chart, size: ChartSize = { width: 900, height: 560 }, scale = 2): Uint8Array => {
  const rendered = new Resvg(chartSvg(chart, size), { fitTo: { mode: "zoom", value: scale }, font: { loadSystemFonts: true } }).render()
  return rendered.asPng()
}
