import type { Trial } from "@cosearch/optimize"
import { connectStore, type Study, type StudyStore } from "@cosearch/store"
import { Args, Options } from "@effect/cli"
import { Config, Console, Effect } from "effect"
import { CliError } from "../cli/cli-error.js"

/**
 * `--db FILE|URL` (or `--storage`): where studies live, a SQLite file path or a store URL
 * (`sqlite:///path.db`, `postgresql://user@host/database?schema=NAME`); else `$COSEARCH_STORAGE`;
 * else `./cosearch.db`. `openStore` picks the backend by it.
 *
 * @example
 * Command.make("status", { db: databaseOption }, ({ db }) => Console.log(db))
 */
export const databaseOption = Options.file("db").pipe(
  Options.withAlias("storage"),
  Options.withPseudoName("FILE|URL"),
  Options.withFallbackConfig(Config.string("COSEARCH_STORAGE")),
  Options.withDefault("cosearch.db"),
  Options.withDescription(
    "where studies live: a SQLite file or a store URL (sqlite:///path.db, postgresql://user@host/db?schema=NAME); default $COSEARCH_STORAGE, else ./cosearch.db",
  ),
)

/**
 * The `<study>` argument.
 *
 * @example
 * Command.make("best", { study: studyArgument }, ({ study }) => Console.log(study))
 */
export const studyArgument = Args.text({ name: "study" }).pipe(Args.withDescription("the study's name (see `cosearch status`)"))

/**
 * Opens an existing study store read-only, closed when the scope closes: nothing is created,
 * migrated or switched to WAL, so another process may go on writing it and a foreign SQLite file is
 * left as it was. A missing file, one that is not a cosearch database, or a server that does not
 * answer (a `postgresql://` location) is a `CliError` naming it.
 *
 * @example
 * const store = yield* openExistingStore("cosearch.db")
 */
export const openExistingStore = (location: string) =>
  Effect.acquireRelease(
    Effect.tryPromise({
      try: (): Promise<StudyStore> => connectStore(location, { readOnly: true }),
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
