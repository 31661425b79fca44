import type { ComparisonContext } from "../kind/comparison-kind.js"
import { chartFileName } from "../kit/chart-file.js"
import { fixed, geometricMean, markdownTable, times } from "../kit/markdown.js"
import type { MensaComparisonConfig } from "./config.js"
import { mensaPaper } from "./paper.js"
import type { MensaComparisonReport } from "./run.js"

/**
 * The Mensa comparison as Markdown: how it was produced, the systems' figures per network, the ratios
 * with their geometric means next to the paper's, and where and why ours differ.
 *
 * @example
 * writeFileSync("docs/comparisons/mensa.md", mensaComparisonMarkdown(config, report, { configPath: "experiments/mensa.json", outName: "mensa.md", seconds }))
 */
export const mensaComparisonMarkdown = (
  config: MensaComparisonConfig,
  report: MensaComparisonReport,
  { configPath, outName, seconds }: ComparisonContext,
): string => {
  const systems = [config.system, ...config.baselines]
  const figureRows = report.rows.flatMap((row) =>
    [row.system, ...row.baselines].map((cell) => [
      `\`${row.network}\``,
      cell.system,
      fixed(cell.figures.latencySeconds * 1e3, 4),
      fixed(cell.figures.energyPj * 1e-6, 2),
      fixed(cell.inferencesPerJoule, 0),
      fixed(cell.figures.throughputPerSecond, 0),
      Object.entries(cell.layersPerUnit)
        .map(([unit, count]) => `${unit} ${count}`)
        .join(", "),
    ]),
  )
  const ratioHeader = ["network", ...config.baselines.flatMap((name) => [`energy eff. vs ${name}`, `throughput vs ${name}`])]
  const ratioRows = report.rows.map((row) => [
    `\`${row.network}\``,
    ...config.baselines.flatMap((_, b) => [times(row.efficiencyRatios[b] ?? Number.NaN), times(row.throughputRatios[b] ?? Number.NaN)]),
  ])
  ratioRows.push([
    "**geometric mean**",
    ...config.baselines.flatMap((_, b) => [
      `**${times(report.meanEfficiencyRatios[b] ?? Number.NaN)}**`,
      `**${times(report.meanThroughputRatios[b] ?? Number.NaN)}**`,
    ]),
  ])
  const paperRows = config.baselines.map((name, b) => {
    const published = mensaPaper[name]
    return [
      name,
      published === undefined ? "–" : `${times(published.efficiency)} / ${times(published.throughput)} (over ${published.label})`,
      `${times(report.meanEfficiencyRatios[b] ?? Number.NaN)} / ${times(report.meanThroughputRatios[b] ?? Number.NaN)}`,
    ]
  })
  const split = (predicate: (network: string) => boolean, b: number) => {
    const rows = report.rows.filter((row) => predicate(row.network))
    return {
      efficiency: geometricMean(rows.map((row) => row.efficiencyRatios[b] ?? Number.NaN)),
      throughput: geometricMean(rows.map((row) => row.throughputRatios[b] ?? Number.NaN)),
    }
  }
  const sequence = (network: string) => network.startsWith("lstm") || network.startsWith("transducer")
  const rnn = split(sequence, 0)
  const cnn = split((network) => !sequence(network), 0)
  return `# Comparison: Mensa vs a monolithic Edge TPU vs an Eyeriss-like design

Mensa (Boroumand et al., "Google Neural Network Models for Edge Devices: Analyzing and Mitigating
Machine Learning Inference Bottlenecks", PACT 2021) runs each layer of a model on one of three
accelerators shaped for the layer families (Pascal: compute-centric; Pavlov: LSTM-like,
data-centric, near data; Jacquard: other data-centric layers, near data) and reports, averaged over
24 Google edge models, **3.0x energy efficiency and 3.1x throughput over the Edge TPU** (2.4x and
4.3x over Eyeriss v2). This comparison schedules zoo networks (CNNs, the LSTM encoder and the
transducer, each at our default size and at a Google-like size) on our \`mensa\` preset and on the
two baselines, with the per-layer scheduler (\`scheduleNetwork\`, objective \`${config.objective}\`).

Produced by \`pnpm cosearch compare ${configPath} --out docs/comparisons/mensa.md\` in ${seconds.toFixed(1)} s
(${config.networks.length} networks x ${systems.length} systems). Deterministic: no random choice.
The presets' values and their sources are in [docs/heterogeneous.md](../heterogeneous.md#presets).

## Figures per network

Latency is sequential (one inference, its layers one after another, transfers included);
throughput is pipelined (consecutive inferences overlap on different units and links,
docs/scheduling.md); energy includes the transfers between units and DRAM. A monolithic system's
pipelined throughput is 1 / its busiest resource.

${markdownTable(["network", "system", "latency ms", "energy µJ", "inferences/J", "throughput /s", "layers per unit"], figureRows)}

## Ratios of ${config.system} over each baseline

Energy efficiency = baseline energy / ${config.system} energy (inferences per joule); throughput =
${config.system} throughput / baseline throughput.

${markdownTable(ratioHeader, ratioRows)}

![ratios per network](${chartFileName(outName)})

${markdownTable(["baseline", "paper: energy eff. / throughput", "ours (geometric mean)"], paperRows)}

Over \`${config.baselines[0]}\`: on the sequence models (LSTM encoder, transducer) ${times(rnn.efficiency)} energy
efficiency and ${times(rnn.throughput)} throughput; on the CNNs ${times(cnn.efficiency)} and ${times(cnn.throughput)}.

## Where our figures differ from the paper's, and why

- **The CNNs do not gain.** Mensa's CNN gains come from Pascal being cheaper per MAC than the Edge
  TPU: smaller buffers (less SRAM leakage and access energy) and a dataflow that keeps the PE array
  busy. Our Edge TPU template charges the same energy per MAC and per PE-memory byte whatever the
  buffer size, and has no static power, so a Pascal with a quarter of the baseline's MACs is simply
  slower and never cheaper per operation; its smaller PE memory (1 MiB, the template's minimum for
  4 PEs, against the baseline's 4 MiB) also makes networks with more parameters stream them from
  DRAM (EfficientNet-EdgeTPU-S: 5.4 M parameters). The paper finds the Edge TPU at about 24% of
  its peak throughput on average and spending much of its energy in its large on-chip buffers;
  our template reproduces neither effect.
- **The sequence models gain when their weights do not fit the baseline.** With our default LSTM
  sizes (H = 256, about 1 M parameters) the weights fit the baseline's 4 MiB parameter cache and
  the baseline wins; at Google-like sizes (H = 1024, ~13 M parameters) the baseline streams them
  from LPDDR4 at 60 pJ/byte on every inference while Jacquard and Pavlov read them in-stack at
  16 pJ/byte and 256 GB/s, and Mensa wins clearly. The paper's LSTMs and transducers are of the
  latter kind, which is where most of its 3.0x / 3.1x comes from.
- **Which near-data unit runs the LSTM gates.** In the paper Pavlov runs LSTM layers and Jacquard
  the other data-centric ones; our scheduler places by cost, and with our mapper Jacquard's larger
  array (16x16 against 8x8) runs the gate matmuls faster at similar energy, so it takes most of
  them. Families guide the design; the schedule does not enforce them.
- **Eyeriss.** The paper compares with Eyeriss v2 (sparse, hierarchical mesh NoC, 192 PEs);
  our \`eyeriss-v1-like\` preset is Eyeriss v1 (168 PEs, 16-bit, 200 MHz, no modeled bandwidth
  limits) on the hierarchical model, so it is far slower than any Edge TPU-class design and the
  ratios over it are an order of magnitude above the paper's.
- **Models.** The paper uses 24 Google edge models (not public); we use public zoo networks of
  the same kinds. Their mixes of layer families differ.
- **Figures not checked against the paper's text.** The Mensa units' sizes follow our reading of
  the paper's description (Pascal 32x32 PEs, Pavlov 8x8, Jacquard 16x16; baseline 64x64 with a
  4 MB parameter buffer); we could not check them against the paper's tables here.
`
}
