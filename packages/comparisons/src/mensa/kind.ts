import { comparisonKind } from "../kind/comparison-kind.js"
import { chartFile } from "../kit/chart-file.js"
import { plainFigures } from "../kit/system-figures.js"
import { mensaChart } from "./chart.js"
import { decodeMensaComparisonConfig } from "./config.js"
import { mensaComparisonMarkdown } from "./markdown.js"
import { mensaAblationVariants, runMensaComparison } from "./run.js"

/**
 * The `mensa` comparison: Mensa (Boroumand et al., PACT 2021) vs a monolithic Edge TPU vs an
 * Eyeriss-like design, every network scheduled on each system (experiments/mensa.json).
 *
 * @example
 * const output = mensaComparison.run(config, { configPath: "experiments/mensa.json", outName: "mensa.md" }, () => {})
 */
export const mensaComparison = comparisonKind({
  name: "mensa",
  summary: "a heterogeneous system (Mensa) vs its baselines: energy efficiency and throughput per network",
  decode: decodeMensaComparisonConfig,
  run: runMensaComparison,
  networks: (config) => config.networks.length * (config.energyAblation === true ? 1 + mensaAblationVariants.length : 1),
  markdown: mensaComparisonMarkdown,
  besides: (config, report, { outName }) => [chartFile(outName, mensaChart(config, report), { width: 1000, height: 680 })],
  figures: (_, report) => ({
    rows: report.rows.map((row) => ({
      network: row.network,
      system: { ...plainFigures(row.system.system, row.system.figures), layersPerUnit: row.system.layersPerUnit },
      baselines: row.baselines.map((cell) => plainFigures(cell.system, cell.figures)),
      efficiencyRatios: row.efficiencyRatios,
      throughputRatios: row.throughputRatios,
    })),
    meanEfficiencyRatios: report.meanEfficiencyRatios,
    meanThroughputRatios: report.meanThroughputRatios,
    families: report.families,
    ...(report.ablation === undefined ? {} : { ablation: report.ablation }),
  }),
})
