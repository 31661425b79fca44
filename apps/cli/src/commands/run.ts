import { availableParallelism } from "node:os"
import { createStopSignal, loadExperimentFile, runStudy, type StudyEvent, type StudyReport } from "@cosearch/engine"
import type { Trial } from "@cosearch/optimize"
import { connectStore } from "@cosearch/store"
import { Args, Command, Options } from "@effect/cli"
import { Console, Effect, Fiber, Option } from "effect"
import { CliError } from "../cli/cli-error.js"
import { invalid, numberOption, studyNameOption } from "../cli/options.js"
import { terminalSafe } from "../cli/terminal-safe.js"
import { progressReporter } from "../study/progress-reporter.js"
import { databaseOption } from "../study/study-options.js"
import { bestOrFront, bestText } from "../study/study-summary.js"

const experimentArgument = Args.file({ name: "experiment.json", exists: "either" }).pipe(Args.withDescription("the experiment file"))
const study = studyNameOption("study", "the study's name (default: the experiment's name)")
const fork = studyNameOption(
  "fork",
  "when the study was made from a different experiment, start (or continue) the study NAME from this one instead",
)
/**
 * The most pool workers a run may start: 64, or the core count on a machine with more cores (the
 * default, one per core, is always allowed). Each worker is a thread with its own V8 heap and its
 * own copy of the evaluator (tens of MB under Node, more with a large table or model loaded), so
 * a thousand of them exhaust memory; 64 still leaves room for `command` evaluators that mostly
 * wait on programs running elsewhere.
 */
export const workerLimit = Math.max(64, availableParallelism())

const workers = numberOption(
  "workers",
  "integer",
  `pool workers evaluating at once (default: the core count, ${availableParallelism()}; at most ${workerLimit})`,
).pipe(
  Options.mapEffect((value) =>
    Option.isSome(value) && value.value > workerLimit
      ? invalid(`--workers ${value.value} is more than the limit of ${workerLimit} pool workers (each is a thread with its own memory)`)
      : Effect.succeed(value),
  ),
)
const trials = numberOption("trials", "integer", "the trial budget (default: the experiment's budget.trials)", { min: 1, max: 1e9 })
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
 * Opens (creating if new) the database the study runs in, closed with the scope; a server
 * (PostgreSQL) is connected to at once, so an unreachable one fails here, before the run starts.
 */
const openStudyDatabase = (path: string) =>
  Effect.acquireRelease(
    Effect.tryPromise({
      try: () => connectStore(path),
      catch: (error) => new CliError({ message: error instanceof Error ? error.message : String(error) }),
    }),
    (store) => Effect.promise(() => store.close()),
  )

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
  { experiment: experimentArgument, db: databaseOption, study, workers, trials, fork, json },
  (args) =>
    Effect.scoped(
      Effect.gen(function* () {
        const experiment = yield* loadExperimentFile(args.experiment)
        const store = yield* openStudyDatabase(args.db)
        const stop = createStopSignal()
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
        const running = yield* Effect.forkDaemon(
          runStudy(experiment, {
            store,
            studyName: Option.getOrUndefined(args.study),
            fork: Option.getOrUndefined(args.fork),
            workers: Option.getOrUndefined(args.workers),
            trials: Option.getOrUndefined(args.trials),
            stop,
            onEvent,
          }),
        )
        // The runtime interrupts this fiber on the first signal; a second signal stops at once.
        let signals = 0
        const onSignal = () => {
          signals += 1
          if (signals >= 2) Effect.runFork(Fiber.interrupt(running))
        }
        process.on("SIGINT", onSignal)
        process.on("SIGTERM", onSignal)
        const report = yield* Fiber.join(running).pipe(
          Effect.onInterrupt(() =>
            Effect.sync(() => {
              stop.request()
              console.error("cosearch: stopping; waiting for running trials to finish (signal again to stop now and re-run them later)")
            }).pipe(Effect.zipRight(Fiber.await(running))),
          ),
          Effect.ensuring(
            Effect.sync(() => {
              process.off("SIGINT", onSignal)
              process.off("SIGTERM", onSignal)
            }),
          ),
          Effect.mapError((error) => new CliError({ message: error.message })),
        )
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
