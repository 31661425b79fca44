import { comparisonKind } from "../kind/comparison-kind.js"
import { chartFile } from "../kit/chart-file.js"
import { plainFigures } from "../kit/system-figures.js"
import { tpuImacChart } from "./chart.js"
import { decodeTpuImacComparisonConfig } from "./config.js"
import { tpuImacComparisonMarkdown } from "./markdown.js"
import { runTpuImacComparison } from "./run.js"

/**
 * The `tpu-imac` comparison: TPU-IMAC (Elbtity et al., 2023) vs its TPU alone, speedup and the
 * on-chip weight memory IMAC saves per network (experiments/tpu-imac.json).
 *
 * @example
 * const output = tpuImacComparison.run(config, { configPath: "experiments/tpu-imac.json", outName: "tpu-imac.md" }, () => {})
 */
export const tpuImacComparison = comparisonKind({
  name: "tpu-imac",
  summary: "a TPU with an analog in-memory unit (TPU-IMAC) vs the TPU alone: speedup and weight memory saved",
  decode: decodeTpuImacComparisonConfig,
  run: runTpuImacComparison,
  networks: (config) => config.networks.length,
  markdown: tpuImacComparisonMarkdown,
  besides: (_, report, { outName }) => [chartFile(outName, tpuImacChart(report), { width: 1000, height: 520 })],
  figures: (config, report) => ({
    ...report,
    rows: report.rows.map(({ alone, withImac, ...row }) => ({
      ...row,
      alone: plainFigures(report.digitalUnit, alone),
      withImac: plainFigures(config.system, withImac),
    })),
  }),
})
