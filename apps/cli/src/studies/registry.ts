import type { JsonIssue } from "@cosearch/space"
import { Either } from "effect"
import { decisionChartSvg } from "./ffnn-platforms/chart.js"
import { decodeFfnnPlatformStudyConfig } from "./ffnn-platforms/config.js"
import { ffnnPlatformMarkdown } from "./ffnn-platforms/markdown.js"
import { runFfnnPlatformStudy } from "./ffnn-platforms/run-study.js"
import { decodeMensaStudyConfig } from "./mensa/config.js"
import { mensaStudyMarkdown } from "./mensa/markdown.js"
import { runMensaStudy } from "./mensa/run-study.js"
import { decodeTpuImacStudyConfig } from "./tpu-imac/config.js"
import { tpuImacStudyMarkdown } from "./tpu-imac/markdown.js"
import { runTpuImacStudy } from "./tpu-imac/run-study.js"

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

const timed = <T>(body: () => T): { value: T; seconds: number } => {
  const started = performance.now()
  const value = body()
  return { value, seconds: (performance.now() - started) / 1e3 }
}

const progress = (kind: string) => (done: number, total: number) => process.stderr.write(`${kind}: ${done} / ${total} networks\n`)

const systemCell = (cell: {
  readonly system: string
  readonly figures: { feasible: boolean; latencySeconds: number; energyPj: number; throughputPerSecond: number }
}) => ({
  system: cell.system,
  feasible: cell.figures.feasible,
  latencySeconds: cell.figures.latencySeconds,
  energyPj: cell.figures.energyPj,
  throughputPerSecond: cell.figures.throughputPerSecond,
})

/** The study kinds by the value of a config's `study` field. */
export const studyKinds: Readonly<Record<string, StudyKind>> = {
  mensa: {
    run: (input, configPath) =>
      Either.map(decodeMensaStudyConfig(input), (config) => {
        const { value: report, seconds } = timed(() => runMensaStudy(config, progress("mensa")))
        return {
          markdown: mensaStudyMarkdown(config, configPath, report, seconds),
          besides: [],
          seconds,
          figures: {
            rows: report.rows.map((row) => ({
              network: row.network,
              system: { ...systemCell(row.system), layersPerUnit: row.system.layersPerUnit },
              baselines: row.baselines.map(systemCell),
              efficiencyRatios: row.efficiencyRatios,
              throughputRatios: row.throughputRatios,
            })),
            meanEfficiencyRatios: report.meanEfficiencyRatios,
            meanThroughputRatios: report.meanThroughputRatios,
          },
        }
      }),
  },
  "tpu-imac": {
    run: (input, configPath) =>
      Either.map(decodeTpuImacStudyConfig(input), (config) => {
        const { value: report, seconds } = timed(() => runTpuImacStudy(config, progress("tpu-imac")))
        return {
          markdown: tpuImacStudyMarkdown(config, configPath, report, seconds),
          besides: [],
          seconds,
          figures: {
            ...report,
            rows: report.rows.map(({ alone, withImac, ...row }) => ({
              ...row,
              alone: systemCell({ system: report.digitalUnit, figures: alone }),
              withImac: systemCell({ system: config.system, figures: withImac }),
            })),
          },
        }
      }),
  },
  "ffnn-edgetpu-vs-a53": {
    run: (input, configPath, outName) =>
      Either.map(decodeFfnnPlatformStudyConfig(input), (config) => {
        const { value: report, seconds } = timed(() => runFfnnPlatformStudy(config))
        const svgName = `${outName.replace(/\.md$/, "")}.svg`
        return {
          markdown: ffnnPlatformMarkdown(config, configPath, report, seconds, svgName),
          besides: [{ name: svgName, text: decisionChartSvg(report, config.edgetpu, config.cpu) }],
          seconds,
          figures: report,
        }
      }),
  },
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
