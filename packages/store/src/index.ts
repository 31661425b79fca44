/**
 * `@cosearch/store`: where studies and their trials persist. `StudyStore` is the interface the
 * engine and the CLI use; `openSqliteStore` implements it on one SQLite file that several
 * processes may write at once. `bestTrials` and `paretoFront` rank stored trials.
 *
 * @example
 * import { openSqliteStore, paretoFront } from "@cosearch/store"
 * const store = openSqliteStore("cosearch.db")
 * const study = await store.findStudy("nb201-coral")
 * if (study) console.log(paretoFront(study, await store.trials(study.id)))
 * await store.close()
 *
 * @packageDocumentation
 */

export { bestTrials, isFeasibleTrial, paretoFront } from "./query/ranking.js"
export { type Migration, migrations } from "./sqlite/migrations.js"
export { openSqliteStore, type SqliteStoreOptions, type SqliteStudyStore } from "./sqlite/sqlite-store.js"
export { StoreError, type StoreErrorKind } from "./study/store-error.js"
export {
  finishedStates,
  type MetricValue,
  type NewStudy,
  type ObjectiveDirection,
  type PlannedTrial,
  type Study,
  type StudyConstraint,
  type StudyObjective,
  type StudySummary,
  type Trial,
  type TrialCounts,
  type TrialParams,
  type TrialResult,
  type TrialState,
} from "./study/study.js"
export type { StaleRule, StudyStore, WorkerStatus } from "./study/study-store.js"
