import { type ChartKind, chartKinds, chartPng, chartSvg, studyChart } from "@cosearch/report"
import { Args, Command, Options } from "@effect/cli"
import { FileSystem } from "@effect/platform"
import { Console, Effect } from "effect"
import { CliError } from "../cli/cli-error.js"
import { numberOption } from "../cli/options.js"
import { checkOutputPath } from "../cli/output-path.js"
import { databaseOption } from "../study/study-options.js"
import { baseOption, bestLayerCosts, loadStudies, openReportStore } from "./report.js"

const kind = Args.text({ name: "kind" }).pipe(Args.withDescription(`the chart: ${chartKinds.join(", ")}`))
const study = Args.text({ name: "study" }).pipe(Args.withDescription("the study's name (see `cosearch status`)"))
const out = Options.text("out").pipe(Options.withPseudoName("FILE.svg|FILE.png"), Options.withDescription("where to write the chart"))
const width = numberOption("width", "integer", "the chart's width in CSS pixels (default 900)", { min: 100, max: 20_000 })
const height = numberOption("height", "integer", "the chart's height in CSS pixels (default 560)", { min: 100, max: 20_000 })

const isChartKind = (text: string): text is ChartKind => (chartKinds as readonly string[]).includes(text)

/**
 * `cosearch plot <kind> <study> [--db FILE] --out x.svg|x.png [--width N] [--height N]`: one chart
 * of a report for a paper, drawn by ECharts' server-side renderer (PNG through resvg at twice the
 * size). An unknown kind or study, or a chart the study does not have, writes nothing.
 *
 * @example
 * // cosearch plot pareto quickstart --db runs.db --out pareto.svg
 */
export const plotCommand = Command.make("plot", { kind, study, db: databaseOption, out, width, height, base: baseOption }, (args) =>
  Effect.scoped(
    Effect.gen(function* () {
      const chartKind = args.kind
      if (!isChartKind(chartKind))
        return yield* new CliError({ message: `there is no chart kind "${chartKind}"; the kinds are ${chartKinds.join(", ")}` })
      const format = args.out.endsWith(".svg") ? "svg" : args.out.endsWith(".png") ? "png" : undefined
      if (format === undefined) return yield* new CliError({ message: `--out "${args.out}" must name a .svg or .png file` })
      yield* checkOutputPath(args.out)
      const store = yield* openReportStore(args.db)
      const studies = yield* loadStudies(store, [args.study])
      const layers = chartKind.startsWith("layer") ? bestLayerCosts(studies, 3, args.base) : []
      const chart = studyChart(chartKind, studies, { layers })
      if (chart === undefined) {
        const have = chartKinds
          .filter((other) => !other.startsWith("layer") || layers.length > 0)
          .filter((other) => other !== "hypervolume" || (studies[0]?.objectives.length ?? 0) >= 2)
        return yield* new CliError({
          message: `study "${args.study}" has no ${chartKind} chart (${chartKind === "hypervolume" ? "it has one objective" : "no best trial with a per-layer cost breakdown: its experiment has no cost evaluator"}); its charts are ${have.join(", ")}`,
        })
      }
      const size = {
        width: args.width._tag === "Some" ? args.width.value : 900,
        height: args.height._tag === "Some" ? args.height.value : 560,
      }
      const fs = yield* FileSystem.FileSystem
      const temporary = `${args.out}.${process.pid}.tmp`
      const write = format === "svg" ? fs.writeFileString(temporary, chartSvg(chart, size)) : fs.writeFile(temporary, chartPng(chart, size))
      yield* write.pipe(
        Effect.zipRight(fs.rename(temporary, args.out)),
        Effect.mapError((error) => new CliError({ message: `cannot write --out "${args.out}": ${error.message}` })),
      )
      yield* Console.log(`${args.out}: ${chart.title} of ${args.study}`)
    }),
  ),
).pipe(Command.withDescription("Draw one chart of a study's report as SVG or PNG (for papers)."))
