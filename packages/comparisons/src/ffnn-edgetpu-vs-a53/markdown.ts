import type { ComparisonContext } from "../kind/comparison-kind.js"
import { fixed, markdownTable, times } from "../kit/markdown.js"
import { decisionChartName } from "./chart.js"
import type { FfnnPlatformComparisonConfig } from "./config.js"
import type { FfnnCell, FfnnCrossover, FfnnPlatformReport } from "./run.js"

const short = (winner: "edgetpu" | "cpu", config: FfnnPlatformComparisonConfig): string =>
  winner === "edgetpu" ? config.edgetpu : config.cpu

/** A depth x width table of one figure. */
const grid = (report: FfnnPlatformReport, cellText: (cell: FfnnCell) => string): string => {
  const widths = [...new Set(report.cells.map((cell) => cell.width))].sort((a, b) => a - b)
  const depths = [...new Set(report.cells.map((cell) => cell.depth))].sort((a, b) => a - b)
  return markdownTable(
    ["layers \\ width", ...widths.map(String)],
    depths.map((depth) => [
      String(depth),
      ...widths.map((width) => {
        const cell = report.cells.find((candidate) => candidate.width === width && candidate.depth === depth)
        return cell === undefined ? "–" : cellText(cell)
      }),
    ]),
  )
}

/**
 * The FFNN platform comparison as Markdown: the grid's latency and energy on both platforms,
 * the decision charts (tables; the SVG, `decisionChartName(outName)`, beside the document), the
 * crossover, and the differences from the paper.
 *
 * @example
 * writeFileSync(out, ffnnPlatformMarkdown(config, report, { configPath: "experiments/ffnn-edgetpu-vs-a53.json", outName: "ffnn-edgetpu-vs-a53.md", seconds }))
 */
export const ffnnPlatformMarkdown = (
  config: FfnnPlatformComparisonConfig,
  report: FfnnPlatformReport,
  { configPath, outName, seconds }: ComparisonContext,
): string => {
  const svgName = decisionChartName(outName)
  const range = (entry: FfnnCrossover | undefined): string => {
    if (entry === undefined || entry.from === null) return `${config.cpu} at every width`
    const contiguous = entry.widths.length === config.widths.filter((w) => w >= (entry.from ?? 0) && w <= (entry.to ?? 0)).length
    return `${entry.from} – ${entry.to}${contiguous ? "" : ` (only ${entry.widths.join(", ")})`}`
  }
  const crossoverRows = report.latencyCrossover.map((entry, i) => [String(entry.depth), range(entry), range(report.energyCrossover[i])])
  const tpuWinsLatency = report.cells.filter((cell) => cell.fasterOn === "edgetpu").length
  const tpuWinsEnergy = report.cells.filter((cell) => cell.cheaperOn === "edgetpu").length
  return `# Comparison: FFNN classifiers on the Edge TPU vs a Cortex-A53

Hosseininoorbin et al. ("Exploring Edge TPU for deep feed-forward neural networks", 2023) found
that for small feed-forward networks a Raspberry Pi's Cortex-A53 beats the USB Coral Edge TPU,
whose per-inference overhead dominates, and gave a decision chart of where the Edge TPU starts to
win. This comparison computes such a chart from our models: classifiers with ${config.depths.join(", ")} hidden
layers of ${config.widths.join(", ")} units (ReLU), ${config.classes} classes, on \`${config.edgetpu}\` (the whole network through
the Edge TPU model: per-inference overhead, input and output over USB, parameters cached on chip or
streamed) and on \`${config.cpu}\` (the CPU roofline, docs/heterogeneous.md).

**Input.** ${config.input.features} features: ${config.input.description}

Produced by \`pnpm cosearch compare ${configPath} --out docs/comparisons/ffnn-edgetpu-vs-a53.md\` in
${seconds.toFixed(1)} s (${report.cells.length} classifiers x 2 platforms), which also writes
[${svgName}](${svgName}). Deterministic.

![decision chart](${svgName})

## Decision chart

The platform with the lower latency per inference (and, second table, energy per inference), with
the ratio ${config.cpu} / ${config.edgetpu} (above 1: the Edge TPU wins). The Edge TPU wins latency in
${tpuWinsLatency} of ${report.cells.length} cells and energy in ${tpuWinsEnergy}.

Latency:

${grid(report, (cell) => `${short(cell.fasterOn, config)} ${times(cell.cpu.latencySeconds / cell.edgetpu.latencySeconds)}`)}

Energy:

${grid(report, (cell) => `${short(cell.cheaperOn, config)} ${times(cell.cpu.energyPj / cell.edgetpu.energyPj)}`)}

## Crossover

The widths of the grid at which \`${config.edgetpu}\` wins, per depth: below the first the A53's
lower fixed cost wins; above the last the weights no longer fit the Edge TPU's on-chip memory and
stream over USB on every inference.

${markdownTable(["hidden layers", `${config.edgetpu} faster at widths`, `${config.edgetpu} cheaper at widths`], crossoverRows)}

## Latency and energy per inference

\`${config.edgetpu}\` / \`${config.cpu}\`, latency in µs:

${grid(report, (cell) => `${fixed(cell.edgetpu.latencySeconds * 1e6, 0)} / ${fixed(cell.cpu.latencySeconds * 1e6, 0)}`)}

\`${config.edgetpu}\` / \`${config.cpu}\`, energy in µJ:

${grid(report, (cell) => `${fixed(cell.edgetpu.energyPj * 1e-6, 1)} / ${fixed(cell.cpu.energyPj * 1e-6, 1)}`)}

## Where our figures differ from the paper's, and why

- **The Edge TPU side is a model, not a measurement.** \`${config.edgetpu}\`'s constants are
  calibrated to measured Coral latencies of CNNs (docs/edgetpu.md): its fixed per-inference overhead
  and USB transfer set the floor that small FFNNs cannot go below, which is the paper's main
  finding. The shape of the crossover follows from that floor; its position depends on the
  calibrated overhead and on how the model streams weights that do not fit the 8 MB on chip.
- **The CPU side is an uncalibrated roofline.** \`${config.cpu}\`'s efficiencies, overhead per
  layer and static power are our choices (docs/heterogeneous.md), not fitted to Raspberry Pi 3
  measurements; the paper measured TFLite on the Pi. Our CPU energy counts the cores' dynamic energy,
  DRAM and 0.2 W static power, not the board's.
- **Energy of the Edge TPU** is the model's dynamic 45 nm energy of the chip and its I/O; it does
  not charge the host or the USB controller during the per-inference overhead, so it favors the
  Edge TPU more than a wall-power measurement would.
- **Grid and input.** The paper's exact widths, depths and inputs are not reproduced; we could not
  check its chart's values here, only its qualitative result (the A53 wins small networks, the Edge
  TPU large ones).
`
}
