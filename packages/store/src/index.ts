/**
 * `@cosearch/store`: where studies and their trials persist. `StudyStore` is the interface the
 * engine and the CLI use; `openStore(location)` opens it with the registered backend that takes
 * the location (`storeBackends`): `openSqliteStore` implements it on one SQLite file that several
 * processes may write at once, `openPostgresStore` on a PostgreSQL server that processes on
 * several machines share. Trials are `@cosearch/optimize`'s `Trial`s (its `bestTrials` and
 * `paretoFront` rank them); `@cosearch/store/testing` holds the conformance suite every store runs.
 *
 * @example
 * import { paretoFront } from "@cosearch/optimize"
 * import { openSqliteStore } from "@cosearch/store"
 * const store = openSqliteStore("cosearch.db")
 * const study = await store.findStudy("nb201-coral")
 * if (study) console.log(paretoFront(study.objectives.map((objective) => objective.direction), await store.trials(study.id)))
 * await store.close()
 *
 * @packageDocumentation
 */

export { connectStore, openStore, storeBackends } from "./backends/registry.js"
export { type PostgresMigration, postgresMigrations } from "./postgres/migrations.js"
export { postgresBackend } from "./postgres/postgres-backend.js"
export { type PostgresLocation, parsePostgresLocation } from "./postgres/postgres-location.js"
export { openPostgresStore, type PostgresStoreOptions, type PostgresStudyStore } from "./postgres/postgres-store.js"
export { type Migration, migrations } from "./sqlite/migrations.js"
export { sqliteBackend, sqlitePath } from "./sqlite/sqlite-backend.js"
export { openSqliteStore, type SqliteStoreOptions, type SqliteStudyStore } from "./sqlite/sqlite-store.js"
export type { OpenStoreOptions, StoreBackend } from "./study/store-backend.js"
export { StoreError, type StoreErrorKind } from "./study/store-error.js"
export type { NewStudy, Study, StudySummary, TrialCounts } from "./study/study.js"
export type { StaleRule, StudyStore, WorkerStatus } from "./study/study-store.js"
