import { loadExperimentFile, openStudy } from "@cosearch/engine"
import { openStore, type Study, type StudyStore } from "@cosearch/store"
import { Args, Command, Options } from "@effect/cli"
import { Console, Effect, Option } from "effect"
import { CliError, UsageError } from "../cli/cli-error.js"
import { studyNameArgument, studyNameOption } from "../cli/options.js"
import { terminalSafe } from "../cli/terminal-safe.js"
import { openStudyDatabase } from "../study/run-options.js"
import { databaseOption, findStudy, openExistingStore } from "../study/study-options.js"

/**
 * Opens an existing study database for writing, closed when the scope closes; a missing file is a
 * `CliError` naming it (nothing is created).
 */
const openWritableStore = (path: string) =>
  Effect.acquireRelease(
    Effect.try({
      try: (): StudyStore => openStore(path, { mustExist: true }),
      catch: (error) => new CliError({ message: error instanceof Error ? error.message : String(error) }),
    }),
    (store) => Effect.promise(() => store.close()),
  )

/** A store call whose failure (a taken name, a locked database) is a `CliError` with the store's message. */
const storeCall = <A>(call: () => Promise<A>): Effect.Effect<A, CliError> =>
  Effect.tryPromise({
    try: call,
    catch: (error) => new CliError({ message: error instanceof Error ? error.message : String(error) }),
  })

const trialsText = (count: number): string => `${count} trial${count === 1 ? "" : "s"}`

const yes = Options.boolean("yes").pipe(Options.withDescription("really delete: without it, nothing is deleted and exit code is 2"))

const experimentArgument = Args.file({ name: "experiment.json", exists: "either" }).pipe(
  Args.withDescription("the experiment whose study to create"),
)

/**
 * `cosearch study create <experiment.json> [--db FILE|URL] [--study NAME]`: creates the
 * experiment's study (named `--study`, else the experiment's name) in the storage without running
 * a trial, for workers to serve (`cosearch worker`). A study of that name made from the same
 * experiment is left as it is (exit 0, "exists"); one made from another experiment is a conflict
 * (exit 1). An invalid experiment exits 2 before the storage is opened.
 *
 * @example
 * // cosearch study create experiments/quickstart.json --storage postgresql://cosearch@db/cosearch
 */
export const studyCreateCommand = Command.make(
  "create",
  {
    experiment: experimentArgument,
    db: databaseOption,
    study: studyNameOption("study", "the study's name (default: the experiment's name)"),
  },
  (args) =>
    Effect.scoped(
      Effect.gen(function* () {
        const experiment = yield* loadExperimentFile(args.experiment)
        const store = yield* openStudyDatabase(args.db)
        const name = Option.getOrElse(args.study, () => experiment.name)
        const taken = yield* storeCall(() => store.findStudy(name))
        if (taken !== undefined && taken.configHash !== experiment.hash)
          return yield* new CliError({
            message: terminalSafe(
              `study "${name}" in ${store.location} was made from a different experiment (config hash ${taken.configHash}; this one has ${experiment.hash}); give this one another name with --study NAME`,
            ),
          })
        const { study, resumed } = yield* openStudy(store, experiment, { name }).pipe(
          Effect.mapError((error) => new CliError({ message: error.message })),
        )
        const counts = yield* storeCall(() => store.countTrials(study.id))
        yield* Console.log(
          terminalSafe(
            resumed
              ? `study "${study.name}" exists in ${store.location}, made from this experiment (${trialsText(counts.total)})`
              : `created study "${study.name}" in ${store.location}`,
          ),
        )
      }),
    ),
).pipe(Command.withDescription("Create an experiment's study in the storage without running it, for workers to serve."))

/**
 * `cosearch study delete <name> [--db FILE] --yes`: deletes a study and all its trials. Without
 * `--yes` nothing is written: the database is opened read-only, and the command says what it would
 * delete (the study and its N trials) and exits 2. An unknown study exits 1 listing the studies.
 *
 * @example
 * // cosearch study delete nb201-coral --db runs.db --yes
 */
export const studyDeleteCommand = Command.make(
  "delete",
  { name: studyNameArgument("name", "the study to delete (see `cosearch status`)"), db: databaseOption, yes },
  (args) =>
    Effect.scoped(
      Effect.gen(function* () {
        if (!args.yes) {
          const reader = yield* openExistingStore(args.db)
          const study = yield* findStudy(reader, args.name)
          const counts = yield* storeCall(() => reader.countTrials(study.id))
          return yield* new UsageError({
            message: `study delete would delete study "${args.name}" and its ${trialsText(counts.total)} from ${args.db}; run it again with --yes to delete them`,
          })
        }
        const store = yield* openWritableStore(args.db)
        yield* findStudy(store, args.name)
        const deleted = yield* storeCall(() => store.deleteStudy(args.name))
        // Deleted meanwhile by another process: say so as for an unknown study.
        if (deleted === undefined) return yield* findStudy(store, args.name).pipe(Effect.asVoid)
        yield* Console.log(terminalSafe(`deleted study "${args.name}" and its ${trialsText(deleted)} from ${args.db}`))
      }),
    ),
).pipe(Command.withDescription("Delete a study and all its trials (with --yes; without it, say what would be deleted)."))

/** The `<from> <to>` arguments of `study rename` and `study copy`. */
const fromTo = (verb: string) => ({
  from: studyNameArgument("from", `the study to ${verb} (see \`cosearch status\`)`),
  to: studyNameArgument("to", "the new study's name; no study may have it yet"),
  db: databaseOption,
})

/**
 * Runs `rename` or `copy` of `from` to `to` in the database: an unknown `from` is a `CliError`
 * listing the studies, a taken `to` one saying so (nothing changed either way).
 */
const moveOrCopy = (
  args: { readonly from: string; readonly to: string; readonly db: string },
  step: (store: StudyStore) => Promise<Study | undefined>,
  done: (store: StudyStore, study: Study) => Effect.Effect<string, CliError>,
) =>
  Effect.scoped(
    Effect.gen(function* () {
      const store = yield* openWritableStore(args.db)
      yield* findStudy(store, args.from)
      if ((yield* storeCall(() => store.findStudy(args.to))) !== undefined) {
        return yield* new CliError({ message: `there is already a study "${args.to}" in ${args.db}; pick another name` })
      }
      const result = yield* storeCall(() => step(store))
      if (result === undefined) return yield* findStudy(store, args.from).pipe(Effect.asVoid)
      yield* Console.log(terminalSafe(yield* done(store, result)))
    }),
  )

/**
 * `cosearch study rename <from> <to> [--db FILE]`: renames a study, its trials and config kept
 * (a later run of its experiment then needs `--study <to>`).
 *
 * @example
 * // cosearch study rename nb201-coral nb201-coral-2024 --db runs.db
 */
export const studyRenameCommand = Command.make("rename", fromTo("rename"), (args) =>
  moveOrCopy(
    args,
    (store) => store.renameStudy(args.from, args.to),
    () => Effect.succeed(`renamed study "${args.from}" to "${args.to}" in ${args.db}`),
  ),
).pipe(Command.withDescription("Rename a study; its config and trials stay as they are."))

/**
 * `cosearch study copy <from> <to> [--db FILE]`: copies a study, its config and every trial as it
 * is, to a new study; `cosearch run <experiment> --study <to>` resumes the copy, leaving the
 * original as it was.
 *
 * @example
 * // cosearch study copy nb201-coral nb201-coral-try --db runs.db
 */
export const studyCopyCommand = Command.make("copy", fromTo("copy"), (args) =>
  moveOrCopy(
    args,
    (store) => store.copyStudy(args.from, args.to),
    (store, copy) =>
      storeCall(() => store.countTrials(copy.id)).pipe(
        Effect.map((counts) => `copied study "${args.from}" to "${args.to}" in ${args.db} (${trialsText(counts.total)})`),
      ),
  ),
).pipe(Command.withDescription("Copy a study with its config and trials to a new name (resume the copy with run --study NAME)."))

/**
 * The subcommands of `cosearch study`: delete, rename, copy.
 *
 * @example
 * studyCommand.pipe(Command.withSubcommands(studyManagementCommands))
 */
export const studyManagementCommands = [studyCreateCommand, studyDeleteCommand, studyRenameCommand, studyCopyCommand] as const
