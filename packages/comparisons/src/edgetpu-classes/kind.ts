import { comparisonKind } from "../kind/comparison-kind.js"
import { chartFile } from "../kit/chart-file.js"
import { classChart } from "./chart.js"
import { decodeClassComparisonConfig } from "./config.js"
import { classComparisonMarkdown } from "./markdown.js"
import { classComparisonReport } from "./report.js"
import { runClassComparison } from "./run.js"

/** Progress every this many networks (and at the last): the shipped config samples 10,000. */
const progressStep = 1000

/**
 * The `edgetpu-classes` comparison: random networks from neural spaces on every listed Edge TPU
 * class, summarized in tables (experiments/edgetpu-classes.json). Reports progress every 1,000
 * networks and at the last.
 *
 * @example
 * const output = classComparison.run(config, { configPath: "experiments/edgetpu-classes.json", outName: "edgetpu-classes.md" }, () => {})
 */
export const classComparison = comparisonKind({
  name: "edgetpu-classes",
  summary: "the Edge TPU classes on random networks from neural spaces: latency, energy, utilization and what drives them",
  decode: decodeClassComparisonConfig,
  run: (config, onProgress) =>
    classComparisonReport(
      config,
      runClassComparison(config, (done, total) => {
        if (done % progressStep === 0 || done === total) onProgress(done, total)
      }),
    ),
  networks: (_, report) => report.networks,
  markdown: classComparisonMarkdown,
  besides: (_, report, { outName }) => [chartFile(outName, classChart(report), { width: 900, height: 640 })],
  figures: (_, report) => report,
})
