import { resolve } from "node:path"
import { loadExperimentFile, runWorker, type StudyEvent, type WorkerReport } from "@cosearch/engine"
import { Command, Options } from "@effect/cli"
import { Console, Effect, Option } from "effect"
import { CliError, UsageError } from "../cli/cli-error.js"
import { numberOption, optionalText, studyNameOption } from "../cli/options.js"
import { terminalSafe } from "../cli/terminal-safe.js"
import { runStoppable } from "../study/graceful-stop.js"
import { progressReporter } from "../study/progress-reporter.js"
import { openStudyDatabase, trialsOption, workersOption } from "../study/run-options.js"
import { databaseOption } from "../study/study-options.js"

const study = studyNameOption("study", "the study to serve (default: every study in the storage with work left, oldest first)")
const config = optionalText(
  "config",
  "experiment.json",
  "the experiment file on this host: its study (--study, else the experiment's name) is created when missing, and must have been made from it",
)
const baseDirectory = optionalText(
  "base-dir",
  "DIR",
  "where a stored experiment's relative paths (tables, modules, commands) are read from (default: the working directory)",
)
const heartbeat = numberOption("heartbeat-seconds", "number", "how often this worker beats its running trials' heartbeats (default 2)", {
  min: 0.05,
  max: 3600,
})
const staleAfter = numberOption(
  "stale-after-seconds",
  "number",
  "re-run a trial of another host whose heartbeat is older than this (default 30; a dead process of this host is seen at once)",
  { min: 0.1, max: 86_400 },
)
const json = Options.boolean("json").pipe(
  Options.withDescription("print a JSON line per study served on stdout (progress stays on stderr)"),
)

/** What `cosearch worker --json` prints of each study it served. */
const reportLines = (report: WorkerReport) =>
  report.runs.map((run) => ({
    study: run.study.name,
    reason: run.reason,
    counts: run.counts,
    finishedThisRun: run.finishedThisRun,
    elapsedMs: run.elapsedMs,
  }))

/**
 * `cosearch worker [--storage URL] [--study NAME | --config experiment.json] [--workers N]`: one
 * of any number of processes, on any number of hosts, sharing the studies of one storage (a
 * PostgreSQL server, or a SQLite file on one host). It claims waiting trials, evaluates them, plans
 * the next batch when none is left, and exits 0 once the studies it serves have spent their
 * budgets (see `runWorker` and docs/distributed.md). Signals stop it as they stop `run`; a killed
 * worker's trials are re-run by the others. A study it cannot serve (no such study; its experiment
 * does not decode here) is an error, exit 1; serving every study, such studies are skipped with a
 * message, and the exit is 1 if any was. Without `--config` the storage must exist (exit 1 naming
 * it). `--stale-after-seconds` below twice `--heartbeat-seconds`, or `--base-dir` with `--config`,
 * is a usage error (exit 2).
 *
 * @example
 * // cosearch worker --storage postgresql://cosearch@db/cosearch --study nb201-coral --workers 4
 */
export const workerCommand = Command.make(
  "worker",
  {
    db: databaseOption,
    study,
    config,
    baseDirectory,
    workers: workersOption,
    trials: trialsOption,
    heartbeat,
    staleAfter,
    json,
  },
  (args) =>
    Effect.scoped(
      Effect.gen(function* () {
        const configPath = Option.getOrUndefined(args.config)
        if (configPath !== undefined && Option.isSome(args.baseDirectory))
          return yield* new UsageError({
            message: `--base-dir "${args.baseDirectory.value}" applies to experiments read from the storage; with --config "${configPath}" relative paths are read from the file's folder`,
          })
        const heartbeatSeconds = Option.getOrElse(args.heartbeat, () => 2)
        const staleSeconds = Option.getOrElse(args.staleAfter, () => 30)
        if (staleSeconds < 2 * heartbeatSeconds)
          return yield* new UsageError({
            message: `--stale-after-seconds ${staleSeconds} must be at least twice the heartbeat interval (${heartbeatSeconds} s, --heartbeat-seconds): otherwise running trials of other hosts would be re-run between their beats`,
          })
        const experiment = configPath === undefined ? undefined : yield* loadExperimentFile(configPath)
        // Without an experiment to create a study from, the storage must exist: a mistyped path or
        // schema is an error, not an empty storage with no work.
        const store = yield* openStudyDatabase(args.db, { mustExist: experiment === undefined })
        const terminal = process.stderr.isTTY === true
        const showProgress = progressReporter({
          terminal,
          write: (text) => (terminal ? process.stderr.write(text) : console.error(text.trimEnd())),
        })
        const report = yield* runStoppable((stop) =>
          runWorker({
            store,
            study: Option.getOrUndefined(args.study),
            experiment,
            baseDirectory: resolve(Option.getOrElse(args.baseDirectory, () => ".")),
            workers: Option.getOrUndefined(args.workers),
            trials: Option.getOrUndefined(args.trials),
            heartbeatMs: heartbeatSeconds * 1000,
            staleAfterMs: staleSeconds * 1000,
            stop,
            onEvent: (event: StudyEvent) => showProgress(event),
            onSkip: (error) => console.error(`cosearch worker: skipping ${terminalSafe(error.message)}`),
          }),
        ).pipe(Effect.mapError((error) => new CliError({ message: error.message })))
        if (args.json) for (const line of reportLines(report)) yield* Console.log(JSON.stringify(line))
        else {
          for (const run of report.runs) {
            const { counts } = run
            yield* Console.log(
              `study "${terminalSafe(run.study.name)}": ${counts.complete} complete, ${counts.infeasible} infeasible, ${counts.failed} failed of ${counts.total}; this worker finished ${run.finishedThisRun} in ${(run.elapsedMs / 1000).toFixed(1)} s`,
            )
          }
          if (report.runs.length === 0 && report.skipped.length === 0) yield* Console.log(`no study in ${store.location} has work left`)
        }
        if (report.skipped.length > 0) {
          return yield* new CliError({
            message: `${report.skipped.length} stud${report.skipped.length === 1 ? "y" : "ies"} with work left could not be served here (see above)`,
          })
        }
      }),
    ),
).pipe(
  Command.withDescription(
    "Serve the studies of a shared storage (PostgreSQL, or SQLite on one host) as one of many workers: claim, evaluate and plan trials until their budgets are spent.",
  ),
)
