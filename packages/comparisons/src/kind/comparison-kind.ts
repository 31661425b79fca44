import type { JsonIssue } from "@cosearch/space"
import { Either } from "effect"

/**
 * A file a comparison writes beside its report: a name relative to the report's folder, and the text.
 *
 * @example
 * const chart: ComparisonFile = { name: "ffnn-edgetpu-vs-a53.svg", text: "<svg ...>" }
 */
export interface ComparisonFile {
  readonly name: string
  readonly text: string
}

/**
 * What a comparison produces: its Markdown report, the files beside it, its figures as plain,
 * JSON-serializable data, how many networks it evaluated and how long its run took.
 *
 * @example
 * const output: ComparisonOutput = { comparison: "mensa", markdown: "# ...", besides: [], figures: {}, networks: 8, seconds: 3 }
 */
export interface ComparisonOutput {
  /** The comparison's kind (`mensa`, `tpu-imac`, `ffnn-edgetpu-vs-a53`, `edgetpu-classes`). */
  readonly comparison: string
  readonly markdown: string
  readonly besides: readonly ComparisonFile[]
  readonly figures: unknown
  /** Networks evaluated (every one on each design or system compared). */
  readonly networks: number
  /** The run's time; the report quotes it. */
  readonly seconds: number
}

/**
 * Where a report is going, as it quotes it: the config's path (in the command that reproduces
 * it), the report's file name (files beside it are named after it) and the run's time.
 *
 * @example
 * const context: ComparisonContext = { configPath: "experiments/mensa.json", outName: "mensa.md", seconds: 3.1 }
 */
export interface ComparisonContext {
  readonly configPath: string
  readonly outName: string
  readonly seconds: number
}

/**
 * How far a run is: `done` of `total` networks.
 *
 * @example
 * const onProgress: ComparisonProgress = (done, total) => console.error(`${done} / ${total}`)
 */
export type ComparisonProgress = (done: number, total: number) => void

/**
 * The parts of a comparison kind: decode its config (every problem with its JSON path), run it
 * (deterministic; progress as it goes), and turn the report into figures, Markdown and the files
 * beside it. The config's kind field is the registry's and is not part of `Config`.
 *
 * @example
 * const parts: ComparisonParts<MensaComparisonConfig, MensaComparisonReport> = { name: "mensa", summary: "...", decode, run, networks, figures, markdown }
 */
export interface ComparisonParts<Config, Report> {
  readonly name: string
  /** One line: what is compared with what. */
  readonly summary: string
  readonly decode: (input: unknown) => Either.Either<Config, JsonIssue[]>
  readonly run: (config: Config, onProgress: ComparisonProgress) => Report
  readonly networks: (config: Config, report: Report) => number
  readonly figures: (config: Config, report: Report) => unknown
  readonly markdown: (config: Config, report: Report, context: ComparisonContext) => string
  readonly besides?: (config: Config, report: Report, context: ComparisonContext) => readonly ComparisonFile[]
}

/**
 * A registered comparison kind: its name, its summary, and `run`, which decodes a config (the
 * kind field already removed) and runs it.
 *
 * @example
 * const output = mensaComparison.run(config, { configPath: "experiments/mensa.json", outName: "mensa.md" }, () => {})
 */
export interface ComparisonKind {
  readonly name: string
  readonly summary: string
  readonly run: (
    input: unknown,
    where: Omit<ComparisonContext, "seconds">,
    onProgress: ComparisonProgress,
  ) => Either.Either<ComparisonOutput, JsonIssue[]>
}

/**
 * A comparison kind from its parts: decode, then time the run and build the outputs.
 *
 * @example
 * export const mensaComparison = comparisonKind({ name: "mensa", summary: "Mensa vs ...", decode, run, networks, figures, markdown })
 */
export const comparisonKind = <Config, Report>(parts: ComparisonParts<Config, Report>): ComparisonKind => ({
  name: parts.name,
  summary: parts.summary,
  run: (input, where, onProgress) =>
    Either.map(parts.decode(input), (config) => {
      const started = performance.now()
      const report = parts.run(config, onProgress)
      const context = { ...where, seconds: (performance.now() - started) / 1e3 }
      return {
        comparison: parts.name,
        markdown: parts.markdown(config, report, context),
        besides: parts.besides?.(config, report, context) ?? [],
        figures: parts.figures(config, report),
        networks: parts.networks(config, report),
        seconds: context.seconds,
      }
    }),
})
