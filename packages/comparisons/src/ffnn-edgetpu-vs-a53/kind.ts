import { comparisonKind } from "../kind/comparison-kind.js"
import { chartFile } from "../kit/chart-file.js"
import { decisionChart, decisionChartSize } from "./chart.js"
import { decodeFfnnPlatformComparisonConfig } from "./config.js"
import { ffnnPlatformMarkdown } from "./markdown.js"
import { runFfnnPlatformComparison } from "./run.js"

/**
 * The `ffnn-edgetpu-vs-a53` comparison: FFNN classifiers of every width x depth on an Edge TPU
 * preset and a CPU preset, after Hosseininoorbin et al. (2023), with its SVG decision chart beside
 * the report (experiments/ffnn-edgetpu-vs-a53.json).
 *
 * @example
 * const output = ffnnPlatformComparison.run(config, { configPath: "experiments/ffnn-edgetpu-vs-a53.json", outName: "ffnn.md" }, () => {})
 */
export const ffnnPlatformComparison = comparisonKind({
  name: "ffnn-edgetpu-vs-a53",
  summary: "FFNN classifiers on an Edge TPU vs a Cortex-A53: a decision chart by width and depth",
  decode: decodeFfnnPlatformComparisonConfig,
  run: runFfnnPlatformComparison,
  networks: (_, report) => report.cells.length,
  markdown: ffnnPlatformMarkdown,
  figures: (_, report) => report,
  besides: (config, report, { outName }) => [
    chartFile(outName, decisionChart(report, config.edgetpu, config.cpu), decisionChartSize(report)),
  ],
})
