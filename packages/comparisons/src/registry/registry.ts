import type { JsonIssue } from "@cosearch/space"
import { Either } from "effect"
import { decisionChartSvg } from "../ffnn-edgetpu-vs-a53/chart.js"
import { decodeFfnnPlatformStudyConfig } from "../ffnn-edgetpu-vs-a53/config.js"
import { ffnnPlatformMarkdown } from "../ffnn-edgetpu-vs-a53/markdown.js"
import { runFfnnPlatformStudy } from "../ffnn-edgetpu-vs-a53/run.js"
import type { SystemFigures } from "../kit/system-figures.js"
import { decodeMensaStudyConfig } from "../mensa/config.js"
import { mensaStudyMarkdown } from "../mensa/markdown.js"
import { runMensaStudy } from "../mensa/run.js"
import { decodeTpuImacStudyConfig } from "../tpu-imac/config.js"
import { tpuImacStudyMarkdown } from "../tpu-imac/markdown.js"
import { runTpuImacStudy } from "../tpu-imac/run.js"

/** What a study produces: the Markdown report, files written beside it, and its figures as plain data. */
export interface StudyOutput {
  readonly markdown: string
  /** Files written next to the report: a name relative to its folder, and the text. */
  readonly besides: readonly { readonly name: string; readonly text: string }[]
  /** The figures, JSON-serialisable, for `--json`. */
  readonly figures: unknown
  readonly seconds: number
}

/** A kind of study: how to decode its config and run it. */
interface StudyKind {
  readonly run: (input: unknown, configPath: string, outName: string) => Either.Either<StudyOutput, JsonIssue[]>
}

/** The parts of a study kind: decode the config, run it, and turn the report into the outputs. */
interface StudyParts<Config, Report> {
  readonly decode: (input: unknown) => Either.Either<Config, JsonIssue[]>
  readonly run: (config: Config) => Report
  readonly markdown: (config: Config, configPath: string, report: Report, seconds: number, outName: string) => string
  readonly figures: (config: Config, report: Report) => unknown
  readonly besides?: (config: Config, report: Report, outName: string) => StudyOutput["besides"]
}

const studyKind = <Config, Report>(parts: StudyParts<Config, Report>): StudyKind => ({
  run: (input, configPath, outName) =>
    Either.map(parts.decode(input), (config) => {
      const started = performance.now()
      const report = parts.run(config)
      const seconds = (performance.now() - started) / 1e3
      return {
        markdown: parts.markdown(config, configPath, report, seconds, outName),
        besides: parts.besides?.(config, report, outName) ?? [],
        figures: parts.figures(config, report),
        seconds,
      }
    }),
})

const progress = (kind: string) => (done: number, total: number) => process.stderr.write(`${kind}: ${done} / ${total} networks\n`)

/** A system's figures without the placement map, for JSON. */
const plainFigures = (system: string, figures: SystemFigures) => ({
  system,
  feasible: figures.feasible,
  latencySeconds: figures.latencySeconds,
  energyPj: figures.energyPj,
  throughputPerSecond: figures.throughputPerSecond,
})

const svgNameOf = (outName: string): string => `${outName.replace(/\.md$/, "")}.svg`

/** The study kinds by the value of a config's `study` field. */
export const studyKinds: Readonly<Record<string, StudyKind>> = {
  mensa: studyKind({
    decode: decodeMensaStudyConfig,
    run: (config) => runMensaStudy(config, progress("mensa")),
    markdown: mensaStudyMarkdown,
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
    }),
  }),
  "tpu-imac": studyKind({
    decode: decodeTpuImacStudyConfig,
    run: (config) => runTpuImacStudy(config, progress("tpu-imac")),
    markdown: tpuImacStudyMarkdown,
    figures: (config, report) => ({
      ...report,
      rows: report.rows.map(({ alone, withImac, ...row }) => ({
        ...row,
        alone: plainFigures(report.digitalUnit, alone),
        withImac: plainFigures(config.system, withImac),
      })),
    }),
  }),
  "ffnn-edgetpu-vs-a53": studyKind({
    decode: decodeFfnnPlatformStudyConfig,
    run: runFfnnPlatformStudy,
    markdown: (config, configPath, report, seconds, outName) =>
      ffnnPlatformMarkdown(config, configPath, report, seconds, svgNameOf(outName)),
    figures: (_, report) => report,
    besides: (config, report, outName) => [{ name: svgNameOf(outName), text: decisionChartSvg(report, config.edgetpu, config.cpu) }],
  }),
}

/** The study kinds' names. */
export const studyKindNames = Object.keys(studyKinds)

/**
 * Runs the study a config describes (its `study` field picks the kind), or lists every config
 * problem with its JSON path (`study` itself when the kind is unknown).
 *
 * @example
 * const output = runStudyConfig(JSON.parse(text), "experiments/mensa.json", "mensa.md")
 */
export const runStudyConfig = (input: unknown, configPath: string, outName: string): Either.Either<StudyOutput, JsonIssue[]> => {
  const kind = typeof input === "object" && input !== null ? (input as { study?: unknown }).study : undefined
  const study = typeof kind === "string" && Object.hasOwn(studyKinds, kind) ? studyKinds[kind] : undefined
  if (study === undefined)
    return Either.left([
      { path: "study", message: `expected one of ${studyKindNames.join(", ")}, got ${JSON.stringify(kind) ?? "nothing"}` },
    ])
  return study.run(input, configPath, outName)
}
