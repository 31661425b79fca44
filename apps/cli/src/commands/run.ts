import { loadExperimentFile, runStudy, type StudyEvent, type StudyReport } from "@cosearch/engine"
import type { Trial } from "@cosearch/optimize"
import { Args, Command, Options } from "@effect/cli"
import { Console, Effect, Option } from "effect"
import { CliError } from "../cli/cli-error.js"
import { studyNameOption } from "../cli/options.js"
import { terminalSafe } from "../cli/terminal-safe.js"
import { runStoppable } from "../study/graceful-stop.js"
import { progressReporter } from "../study/progress-reporter.js"
import { openStudyDatabase, trialsOption, workersOption } from "../study/run-options.js"
import { databaseOption } from "../study/study-options.js"
import { bestOrFront, bestText } from "../study/study-summary.js"

const experimentArgument = Args.file({ name: "experiment.json", exists: "either" }).pipe(Args.withDescription("the experiment file"))
const study = studyNameOption("study", "the study's name (default: the experiment's name)")
const fork = studyNameOption(
  "fork",
  "when the study was made from a different experiment, start (or continue) the study NAME from this one instead",
)
const json = Options.boolean("json").pipe(
  Options.withDescription("print the final report as one JSON document on stdout (progress stays on stderr)"),
)

const reasonText = (report: StudyReport): string =>
  ({ budget: "trial budget spent", "wall-time": "wall time is up", target: "target reached", stopped: "stopped on request" })[report.reason]

/**
 * The document `cosearch run --json` prints: the study's name, whether it was resumed, the trial
 * budget, why the run stopped (`reason`: budget, wall-time, target or stopped, and in words), the
 * trial counts per state, the trials finished by this run and its time, and `best`: the best trial
 * (one objective) or the Pareto front (several), as `cosearch best --json` gives them.
 *
 * @example
 * console.log(JSON.stringify(runJson(report, 40, await store.trials(report.study.id))))
 */
export const runJson = (report: StudyReport, budget: number | undefined, trials: readonly Trial[]) => ({
  study: report.study.name,
  resumed: report.resumed,
  budget: budget ?? null,
  reason: report.reason,
  reasonText: reasonText(report),
  counts: report.counts,
  finishedThisRun: report.finishedThisRun,
  elapsedMs: report.elapsedMs,
  objectives: report.study.objectives,
  best: bestOrFront(report.study, trials),
})

/**
 * `cosearch run <experiment.json> [--db FILE] [--study NAME] [--workers N] [--trials N] [--fork NAME] [--json]`:
 * runs (or resumes) the experiment's study, with a progress bar on a terminal and log lines
 * otherwise (on stderr), then prints the best trial or the Pareto front; with `--json`, the final
 * report as one JSON document instead (see `runJson`). An invalid experiment exits 2 before
 * anything is written. The first SIGINT / SIGTERM stops claiming trials and lets running ones
 * finish; a second one puts running trials back to waiting; either way the exit code is 130 and
 * a later run resumes the study.
 *
 * @example
 * // cosearch run experiments/nb201-coral.json --workers 2
 */
export const runCommand = Command.make(
  "run",
  { experiment: experimentArgument, db: databaseOption, study, workers: workersOption, trials: trialsOption, fork, json },
  (args) =>
    Effect.scoped(
      Effect.gen(function* () {
        const experiment = yield* loadExperimentFile(args.experiment)
        const store = yield* openStudyDatabase(args.db)
        const terminal = process.stderr.isTTY === true
        const showProgress = progressReporter({
          terminal,
          write: (text) => (terminal ? process.stderr.write(text) : console.error(text.trimEnd())),
        })
        let budget: number | undefined
        const onEvent = (event: StudyEvent) => {
          if (event.kind === "started") budget = event.budget
          showProgress(event)
        }
        const report = yield* runStoppable((stop) =>
          runStudy(experiment, {
            store,
            studyName: Option.getOrUndefined(args.study),
            fork: Option.getOrUndefined(args.fork),
            workers: Option.getOrUndefined(args.workers),
            trials: Option.getOrUndefined(args.trials),
            stop,
            onEvent,
          }),
        ).pipe(Effect.mapError((error) => new CliError({ message: error.message })))
        const all = yield* Effect.promise(() => store.trials(report.study.id))
        if (args.json) return yield* Console.log(JSON.stringify(runJson(report, budget, all)))
        const { counts } = report
        yield* Console.log(
          `study "${terminalSafe(report.study.name)}": ${counts.complete} complete, ${counts.infeasible} infeasible, ${counts.failed} failed of ${counts.total} (${reasonText(report)}; ${report.finishedThisRun} trials in ${(report.elapsedMs / 1000).toFixed(1)} s)`,
        )
        yield* Console.log(bestText(report.study, all))
      }),
    ),
).pipe(Command.withDescription("Run or resume the study of an experiment file; the trials persist in the database."))
