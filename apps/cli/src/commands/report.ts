import { trialLayerCosts } from "@cosearch/engine"
import { bestTrials, type Trial } from "@cosearch/optimize"
import { fastParetoFront, loadReportStudy, type ReportStudy, reportPage, studyCharts, type TrialLayerCosts } from "@cosearch/report"
import { openStore, type StudyStore } from "@cosearch/store"
import { Args, Command, Options } from "@effect/cli"
import { Console, Effect } from "effect"
import { CliError } from "../cli/cli-error.js"
import { numberOption } from "../cli/options.js"
import { checkOutputPath } from "../cli/output-path.js"
import { databaseOption } from "../study/study-options.js"
import { writeFilesAtomically } from "./compare-files.js"

/**
 * Opens an existing study database for reading, closed when the scope closes; a missing file is a
 * `CliError` naming it.
 */
export const openReportStore = (path: string) =>
  Effect.acquireRelease(
    Effect.try({
      // A report never writes: read-only, so a database being written (or a foreign file) is left untouched.
      try: (): StudyStore => openStore(path, { readOnly: true }),
      catch: (error) => new CliError({ message: error instanceof Error ? error.message : String(error) }),
    }),
    (store) => Effect.promise(() => store.close()),
  )

/**
 * Reads the named studies, failing (before anything is written) with the first name that is not
 * in the database and the names that are.
 */
export const loadStudies = (store: StudyStore, names: readonly string[]): Effect.Effect<ReportStudy[], CliError> =>
  Effect.gen(function* () {
    const studies: ReportStudy[] = []
    for (const name of names) {
      const study = yield* Effect.promise(() => loadReportStudy(store, name))
      if (study === undefined) {
        const present = (yield* Effect.promise(() => store.listStudies())).map(({ study }) => study.name)
        return yield* new CliError({
          message: `there is no study "${name}" in ${store.location}; ${present.length === 0 ? "it has no studies" : `its studies are ${present.join(", ")}`}`,
        })
      }
      studies.push(study)
    }
    return studies
  })

/**
 * The best trials of a study, `count` of them: the best on the objective with one objective; with
 * several, trials spread evenly along the Pareto front (ordered by the first objective), its two
 * ends included.
 */
export const bestOf = (study: ReportStudy, count: number): Trial[] => {
  const directions = study.objectives.map((objective) => objective.direction)
  if (count <= 0) return []
  if (directions.length === 1) return bestTrials(directions, study.trials, count)
  const ranked = bestTrials(directions, fastParetoFront(directions, study.trials))
  if (ranked.length <= count) return ranked
  const picks = new Set<number>()
  for (let i = 0; i < count; i++) picks.add(Math.round((i * (ranked.length - 1)) / Math.max(1, count - 1)))
  return [...picks].map((i) => ranked[i] as Trial)
}

/**
 * The per-layer costs of the best trials of each study whose experiment has a `cost` evaluator
 * (`trialLayerCosts`); studies without one, or trials the cost model cannot run, give none.
 */
export const bestLayerCosts = (studies: readonly ReportStudy[], count: number, baseDirectory: string): TrialLayerCosts[] =>
  studies.flatMap((study) =>
    bestOf(study, count).flatMap((trial): TrialLayerCosts[] => {
      const costs = trialLayerCosts(study.config, trial.params, baseDirectory)
      if (!costs.ok || !costs.feasible) return []
      return [
        {
          study: study.name,
          trial: trial.number,
          network: costs.network,
          accelerator: costs.accelerator,
          layers: costs.layers.map(({ name, cycles, energyPj, utilization, accesses, energyByLevel }) => ({
            name,
            cycles,
            energyPj,
            utilization,
            accesses,
            ...(energyByLevel === undefined ? {} : { energyByLevel }),
          })),
        },
      ]
    }),
  )

/** `--base DIR`: where an experiment's relative network files are read from. */
export const baseOption = Options.directory("base").pipe(
  Options.withPseudoName("DIR"),
  Options.withDefault("."),
  Options.withDescription("the folder of the studies' experiment files, for their relative network files (default .)"),
)

const studies = Args.text({ name: "study" }).pipe(
  Args.atLeast(1),
  Args.withDescription("the studies to report (see `cosearch status`); several overlay on each chart"),
)
const out = Options.text("out").pipe(Options.withPseudoName("FILE.html"), Options.withDescription("where to write the report"))
const layersOption = numberOption("layers", "integer", "how many best trials per study get a per-layer cost breakdown (default 3)", {
  min: 1,
  max: 1000,
})
const noLayers = Options.boolean("no-layers").pipe(Options.withDescription("leave the per-layer cost breakdown out"))

/**
 * `cosearch report <study...> [--db FILE] --out report.html`: one self-contained HTML page (ECharts
 * inlined; works offline) with every chart of the studies (`studyCharts`): the Pareto front, the
 * history and best-so-far, the hypervolume, parameter importance, parallel coordinates and the
 * per-layer costs of the best trials. Nothing is written unless every study is found.
 *
 * @example
 * // cosearch report quickstart --db runs.db --out quickstart.html
 */
export const reportCommand = Command.make(
  "report",
  { studies, db: databaseOption, out, layers: layersOption, noLayers, base: baseOption },
  (args) =>
    Effect.scoped(
      Effect.gen(function* () {
        const started = performance.now()
        if (!args.out.endsWith(".html")) return yield* new CliError({ message: `--out "${args.out}" must name a .html file` })
        yield* checkOutputPath(args.out)
        const store = yield* openReportStore(args.db)
        const loaded = yield* loadStudies(store, args.studies)
        const count = args.noLayers ? 0 : args.layers._tag === "Some" ? args.layers.value : 3
        const layers = bestLayerCosts(loaded, count, args.base)
        const charts = studyCharts(loaded, { layers })
        const trials = loaded.reduce((sum, study) => sum + study.trials.length, 0)
        const names = loaded.map((study) => study.name).join(", ")
        const html = reportPage({ title: `cosearch report: ${names}`, status: `${trials} trials, from ${args.db}`, charts })
        yield* writeFilesAtomically(args.out, [{ path: args.out, text: html }])
        const seconds = (performance.now() - started) / 1000
        yield* Console.log(`${args.out}: ${names}; ${trials} trials; ${seconds.toFixed(2)} s`)
      }),
    ),
).pipe(Command.withDescription("Write one self-contained HTML report (charts of the studies' trials) that works offline."))
