import type { Trial } from "@cosearch/optimize"
import { openStore, type Study, type StudyStore } from "@cosearch/store"
import { Args, Options } from "@effect/cli"
import { Console, Effect } from "effect"
import { CliError } from "../cli/cli-error.js"

/**
 * `--db FILE`: the study database (default `./cosearch.db`).
 *
 * @example
 * Command.make("status", { db: databaseOption }, ({ db }) => Console.log(db))
 */
export const databaseOption = Options.file("db").pipe(
  Options.withPseudoName("FILE"),
  Options.withDefault("cosearch.db"),
  Options.withDescription("the study database (SQLite; default ./cosearch.db)"),
)

/**
 * The `<study>` argument.
 *
 * @example
 * Command.make("best", { study: studyArgument }, ({ study }) => Console.log(study))
 */
export const studyArgument = Args.text({ name: "study" }).pipe(Args.withDescription("the study's name (see `cosearch status`)"))

/**
 * Opens an existing study database read-only, closed when the scope closes: nothing is created,
 * migrated or switched to WAL, so another process may go on writing it and a foreign SQLite file is
 * left as it was. A missing file, or one that is not a cosearch database, is a `CliError` naming it.
 *
 * @example
 * const store = yield* openExistingStore("cosearch.db")
 */
export const openExistingStore = (path: string) =>
  Effect.acquireRelease(
    Effect.try({
      try: (): StudyStore => openStore(path, { readOnly: true }),
      catch: (error) => new CliError({ message: error instanceof Error ? error.message : String(error) }),
    }),
    (store) => Effect.promise(() => store.close()),
  )

/**
 * Finds a study by name, failing with the names there are.
 *
 * @example
 * const study = yield* findStudy(store, "nb201-coral")
 */
export const findStudy = (store: StudyStore, name: string): Effect.Effect<Study, CliError> =>
  Effect.gen(function* () {
    const found = yield* Effect.promise(() => store.findStudy(name))
    if (found !== undefined) return found
    const names = (yield* Effect.promise(() => store.listStudies())).map(({ study }) => study.name)
    return yield* new CliError({
      message: `there is no study "${name}" in ${store.location}; ${names.length === 0 ? "it has no studies" : `its studies are ${names.join(", ")}`}`,
    })
  })

/**
 * Prints what `render` makes of a study's trials, read from an existing database.
 *
 * @example
 * const printTrials = (db: string, name: string) => printStudy(db, name, (study, trials) => trialTable(study, trials))
 */
export const printStudy = (database: string, name: string, render: (study: Study, trials: readonly Trial[]) => string) =>
  Effect.scoped(
    Effect.gen(function* () {
      const store = yield* openExistingStore(database)
      const study = yield* findStudy(store, name)
      const trials = yield* Effect.promise(() => store.trials(study.id))
      yield* Console.log(render(study, trials))
    }),
  )
