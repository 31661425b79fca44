// Run from the repository root:
//   node --conditions=@cosearch/source --import tsx packages/comparisons/examples/quickstart.ts
import { comparisonKindNames, comparisonKinds, runComparison } from "@cosearch/comparisons"
import { Either } from "effect"

// The kinds, by the value of a config's "comparison" field.
for (const name of comparisonKindNames) console.log(`${name}: ${comparisonKinds[name]?.summary}`)

// A small FFNN grid on Coral and the Cortex-A53: figures, the Markdown report and the SVG chart
// beside it, all in memory (nothing is written; progress would go to onProgress).
const output = runComparison(
  {
    comparison: "ffnn-edgetpu-vs-a53",
    name: "small-grid",
    input: { features: 4040, description: "a 40 x 101 log-mel spectrogram" },
    classes: 12,
    widths: [16, 256, 4096],
    depths: [1, 4],
    edgetpu: "coral",
    cpu: "cortex-a53",
  },
  { configPath: "small-grid.json", outName: "small-grid.md" },
)
if (Either.isLeft(output)) {
  for (const issue of output.left) console.error(`${issue.path}: ${issue.message}`)
} else {
  const { figures, markdown, besides, networks } = output.right
  const { latencyCrossover } = figures as { latencyCrossover: { depth: number; from: number | null; to: number | null }[] }
  for (const { depth, from, to } of latencyCrossover)
    console.log(`depth ${depth}: the Edge TPU is faster at widths ${from ?? "none"}${to === from ? "" : ` to ${to}`}`)
  console.log(`${networks} classifiers; a ${markdown.length}-character report and ${besides.map((file) => file.name).join(", ")}`)
}

// A bad config: every problem with its JSON path.
const bad = runComparison({ comparison: "mensa", name: "m", objective: "speed", system: "mensa", baselines: [], networks: ["resnet18"] })
if (Either.isLeft(bad)) for (const issue of bad.left) console.log(`${issue.path}: ${issue.message}`)
