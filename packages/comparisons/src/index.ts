/**
 * `@cosearch/comparisons`: comparisons, fixed and seeded computations that compare designs or
 * systems on a set of networks and reproduce a paper's table: Mensa vs the Edge TPU (`mensa`),
 * TPU-IMAC vs the TPU (`tpu-imac`), FFNN classifiers on the Edge TPU vs a Cortex-A53
 * (`ffnn-edgetpu-vs-a53`) and the Edge TPU classes on random networks (`edgetpu-classes`). Each
 * kind decodes its config (every problem with its JSON path), runs, and returns its figures as
 * plain data, its Markdown report and any file beside it (the FFNN decision chart, SVG), without
 * touching the file system or the process. `runComparison` picks the kind by the config's
 * `comparison` field (`study`, its old name, is accepted too).
 *
 * @example
 * import { runComparison } from "@cosearch/comparisons"
 * import { Either } from "effect"
 * const output = runComparison({ comparison: "tpu-imac", name: "t", objective: "latency", system: "tpu-imac", networks: ["ffnn:256-256-256"] })
 * if (Either.isRight(output)) console.log(output.right.markdown)
 *
 * @packageDocumentation
 */

export { type ClassComparisonConfig, classComparisonSpaces, decodeClassComparisonConfig } from "./edgetpu-classes/config.js"
export { classComparison } from "./edgetpu-classes/kind.js"
export { classComparisonMarkdown } from "./edgetpu-classes/markdown.js"
export {
  type ClassComparisonReport,
  type ClassSummary,
  classComparisonReport,
  type Driver,
  type Quantiles,
} from "./edgetpu-classes/report.js"
export { type ClassRow, type NetworkFeatures, runClassComparison } from "./edgetpu-classes/run.js"
export { decisionChart, decisionChartName, decisionChartSize } from "./ffnn-edgetpu-vs-a53/chart.js"
export { decodeFfnnPlatformComparisonConfig, type FfnnPlatformComparisonConfig } from "./ffnn-edgetpu-vs-a53/config.js"
export { ffnnPlatformComparison } from "./ffnn-edgetpu-vs-a53/kind.js"
export { ffnnPlatformMarkdown } from "./ffnn-edgetpu-vs-a53/markdown.js"
export {
  type FfnnCell,
  type FfnnCrossover,
  type FfnnPlatformReport,
  ffnnSizes,
  type PlatformCost,
  runFfnnPlatformComparison,
} from "./ffnn-edgetpu-vs-a53/run.js"
export {
  type ComparisonContext,
  type ComparisonFile,
  type ComparisonKind,
  type ComparisonOutput,
  type ComparisonParts,
  type ComparisonProgress,
  comparisonKind,
} from "./kind/comparison-kind.js"
export { fixed, geometricMean, markdownTable, times } from "./kit/markdown.js"
export { namedSystem, plainFigures, type SystemFigures, systemFigures, zooNetwork } from "./kit/system-figures.js"
export { decodeMensaComparisonConfig, type MensaComparisonConfig } from "./mensa/config.js"
export { mensaComparison } from "./mensa/kind.js"
export { mensaComparisonMarkdown } from "./mensa/markdown.js"
export { type MensaFamily, mensaFamilies, mensaFamilyOf, mensaPaper } from "./mensa/paper.js"
export {
  type MensaAblationRow,
  type MensaCell,
  type MensaComparisonReport,
  type MensaFamilyFigures,
  type MensaRow,
  mensaAblationVariants,
  runMensaComparison,
} from "./mensa/run.js"
export { comparisonKindNames, comparisonKinds } from "./registry/registry.js"
export { type RunComparisonOptions, runComparison } from "./registry/run-comparison.js"
export { decodeTpuImacComparisonConfig, type TpuImacComparisonConfig } from "./tpu-imac/config.js"
export { tpuImacComparison } from "./tpu-imac/kind.js"
export { tpuImacComparisonMarkdown } from "./tpu-imac/markdown.js"
export { digitalBaseline, runTpuImacComparison, type TpuImacComparisonReport, type TpuImacRow } from "./tpu-imac/run.js"
