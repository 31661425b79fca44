import { Command, Options } from "@effect/cli"
import { Console, Effect } from "effect"
import { databaseOption, openExistingStore, printStudy, studyArgument } from "../study/study-options.js"
import { bestOrFront, bestText, statusJson, statusTable } from "../study/study-summary.js"
import { trialCsv, trialTable } from "../study/trial-rows.js"

const json = Options.boolean("json").pipe(Options.withDescription("print one JSON document instead of a table"))

/**
 * `cosearch status [--db FILE] [--json]`: every study in the database with its trial counts; with
 * `--json`, one JSON document (see `statusJson`).
 *
 * @example
 * // cosearch status --db runs.db --json
 */
export const statusCommand = Command.make("status", { db: databaseOption, json }, ({ db, json }) =>
  Effect.scoped(
    Effect.gen(function* () {
      const store = yield* openExistingStore(db)
      const summaries = yield* Effect.promise(() => store.listStudies())
      if (json) return yield* Console.log(JSON.stringify(statusJson(db, summaries)))
      yield* Console.log(summaries.length === 0 ? `${db} has no studies` : statusTable(summaries))
    }),
  ),
).pipe(Command.withDescription("List the studies in a database with their trial counts (--json: one JSON document)."))

/**
 * `cosearch trials <study> [--db FILE] [--json]`: every trial of a study.
 *
 * @example
 * // cosearch trials nb201-coral --json
 */
export const trialsCommand = Command.make("trials", { study: studyArgument, db: databaseOption, json }, (args) =>
  printStudy(args.db, args.study, (study, trials) => (args.json ? JSON.stringify(trials) : trialTable(study, trials))),
).pipe(Command.withDescription("List a study's trials: state, objective values, constraint metrics, parameters, errors."))

/**
 * `cosearch best <study> [--db FILE] [--json]`: the best trial, or the Pareto front of a
 * multi-objective study.
 *
 * @example
 * // cosearch best nb201-coral
 */
export const bestCommand = Command.make("best", { study: studyArgument, db: databaseOption, json }, (args) =>
  printStudy(args.db, args.study, (study, trials) => (args.json ? JSON.stringify(bestOrFront(study, trials)) : bestText(study, trials))),
).pipe(Command.withDescription("Show a study's best trial, or its Pareto front when it has several objectives."))

const format = Options.choice("format", ["csv", "json"]).pipe(
  Options.withDescription("csv (one row per trial) or json (the study and its trials)"),
)

/**
 * `cosearch export <study> --format csv|json [--db FILE]`: the study's trials on stdout.
 *
 * @example
 * // cosearch export nb201-coral --format csv > trials.csv
 */
export const exportCommand = Command.make("export", { study: studyArgument, format, db: databaseOption }, (args) =>
  printStudy(args.db, args.study, (study, trials) =>
    args.format === "csv" ? trialCsv(study, trials) : JSON.stringify({ study, trials }, null, 2),
  ),
).pipe(Command.withDescription("Export a study's trials as CSV or JSON."))
