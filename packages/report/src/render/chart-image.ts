import { Resvg } from "@resvg/resvg-js"
import * as echarts from "echarts"
import type { Chart } from "../charts/chart.js"

/** The size of a chart drawn for a paper, in CSS pixels. */
export interface ChartSize {
  readonly width: number
  readonly height: number
}

/**
 * A chart as a standalone SVG document, drawn by ECharts' server-side renderer (no browser): the
 * same option the report and the dashboard draw.
 *
 * @example
 * writeFileSync("pareto.svg", chartSvg(paretoChart([study])))
 */
export const chartSvg = (chart: Chart, size: ChartSize = { width: 900, height: 560 }): string => {
  const instance = echarts.init(null, null, { renderer: "svg", ssr: true, width: size.width, height: size.height })
  try {
    // The title goes on top, so a legend at the top moves just below it.
    const legend = chart.option.legend
    const moved = typeof legend === "object" && legend !== null && !Array.isArray(legend) ? { legend: { ...legend, top: 30 } } : {}
    instance.setOption({
      backgroundColor: "#ffffff",
      ...chart.option,
      ...moved,
      title: { text: chart.title, left: "center", textStyle: { fontSize: 15 } },
    })
    return instance.renderToSVGString()
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
