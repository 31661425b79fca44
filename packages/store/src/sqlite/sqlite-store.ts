import { finishedStates, type TrialProposal, type TrialResult, type TrialState } from "@cosearch/optimize"
import Database from "better-sqlite3"
import { refuseWrites } from "../study/read-only.js"
import { resultColumns, type StudyRow, studyColumns, studyOfRow, type TrialRow, trialOfRow } from "../study/rows.js"
import { StoreError } from "../study/store-error.js"
import type { TrialCounts } from "../study/study.js"
import type { StaleRule, StudyStore } from "../study/study-store.js"
import { migrate, migrations } from "./migrations.js"

/**
 * Options of `openSqliteStore`.
 *
 * @example
 * const options: SqliteStoreOptions = { busyTimeoutMs: 20_000, mustExist: true }
 */
export interface SqliteStoreOptions {
  /** How long a write waits for another process's lock before failing as `busy` (default 10 s). */
  readonly busyTimeoutMs?: number
  /** Fail instead of creating a new database file (default false). */
  readonly mustExist?: boolean
  /**
   * Open for reading only (default false): SQLite's read-only mode on an existing file, no pragma
   * that writes (the journal mode and `synchronous` stay as they are), no migration; a file that
   * is not a cosearch database (no `studies` and `trials` tables), or whose schema is newer than
   * this code, is refused untouched; every write method rejects with a `StoreError` of kind
   * `read-only`. Other processes may go on writing: reads see what they committed (WAL).
   */
  readonly readOnly?: boolean
}

/**
 * The SQLite store, with what only SQLite has.
 *
 * @example
 * const store = openSqliteStore("cosearch.db")
 * store.integrityCheck() // "ok"
 */
export interface SqliteStudyStore extends StudyStore {
  /** `PRAGMA integrity_check`: "ok", or the problems found. */
  readonly integrityCheck: () => string
}

const emptyCounts = (): Record<TrialState, number> => ({ waiting: 0, running: 0, complete: 0, failed: 0, infeasible: 0 })

const withTotal = (counts: Record<TrialState, number>): TrialCounts => ({
  ...counts,
  total: counts.waiting + counts.running + counts.complete + counts.failed + counts.infeasible,
})

const errorCode = (error: unknown): string => (error as { code?: unknown } | null)?.code?.toString() ?? ""

/** Turns SQLite's errors into `StoreError`s of a kind the engine can act on. */
const storeError = (location: string, error: unknown): StoreError => {
  if (error instanceof StoreError) return error
  const code = errorCode(error)
  const message = error instanceof Error ? error.message : String(error)
  if (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED")) {
    return new StoreError("busy", `database "${location}" stayed locked: ${message}`, { cause: error })
  }
  if (code.startsWith("SQLITE_CORRUPT") || code === "SQLITE_NOTADB") {
    return new StoreError("corrupt", `database "${location}" is damaged or not a cosearch database: ${message}`, { cause: error })
  }
  return new StoreError("io", `database "${location}": ${message}`, { cause: error })
}

/**
 * Refuses, touching nothing, a database that this code cannot read: one without the `studies` and
 * `trials` tables (not a cosearch database), or one whose schema is newer than its migrations.
 */
const checkSchema = (db: Database.Database, path: string): void => {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('studies', 'trials')").pluck().all()
  const missing = ["studies", "trials"].filter((table) => !tables.includes(table))
  if (missing.length > 0) {
    throw new StoreError("corrupt", `"${path}" is not a cosearch database: it has no ${missing.join(" and no ")} table`)
  }
  const version = db.pragma("user_version", { simple: true }) as number
  const latest = migrations.at(-1)?.version ?? 0
  if (version > latest) {
    throw new StoreError("io", `database "${path}" has schema version ${version}; this cosearch reads up to ${latest}`)
  }
}

const finishedList = finishedStates.map((state) => `'${state}'`).join(", ")

/**
 * Opens (creating unless `mustExist`) a SQLite study database and brings its schema up to date:
 * WAL journal (readers never block the writer), a busy timeout so several processes can write
 * one file, foreign keys on, `synchronous = NORMAL` (a killed process loses nothing; a power cut
 * may lose the last transactions). Every write is one immediate transaction.
 *
 * @throws StoreError when the file cannot be opened or is not a cosearch database.
 * @example
 * const store = openSqliteStore("cosearch.db")
 * console.log((await store.listStudies()).map(({ study }) => study.name))
 * await store.close()
 */
export const openSqliteStore = (path: string, options: SqliteStoreOptions = {}): SqliteStudyStore => {
  const readOnly = options.readOnly ?? false
  let db: Database.Database | undefined
  try {
    const timeout = options.busyTimeoutMs ?? 10_000
    if (readOnly) {
      db = new Database(path, { readonly: true, fileMustExist: true, timeout })
      checkSchema(db, path)
    } else {
      db = new Database(path, { fileMustExist: options.mustExist ?? false, timeout })
      db.pragma("journal_mode = WAL")
      db.pragma("synchronous = NORMAL")
      db.pragma("foreign_keys = ON")
      migrate(db)
    }
  } catch (error) {
    if (readOnly) db?.close()
    if (errorCode(error) === "SQLITE_CANTOPEN" && (options.mustExist || readOnly)) {
      throw new StoreError("io", `database "${path}" does not exist`, { cause: error })
    }
    throw storeError(path, error)
  }

  const statements = {
    insertStudy: db.prepare(
      "INSERT INTO studies (name, config, config_hash, space, objectives, constraints, seed, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING *",
    ),
    findStudy: db.prepare("SELECT * FROM studies WHERE name = ?"),
    deleteTrials: db.prepare("DELETE FROM trials WHERE study_id = ?"),
    deleteStudy: db.prepare("DELETE FROM studies WHERE id = ?"),
    renameStudy: db.prepare("UPDATE studies SET name = ? WHERE id = ? RETURNING *"),
    copyStudy: db.prepare(
      `INSERT INTO studies (name, config, config_hash, space, objectives, constraints, seed, created_at)
       SELECT ?, config, config_hash, space, objectives, constraints, seed, ? FROM studies WHERE id = ? RETURNING *`,
    ),
    copyTrials: db.prepare(
      `INSERT INTO trials (study_id, number, state, params, origin, objective_values, constraint_values, metrics, error, worker,
         heartbeat_at, started_at, finished_at, attempts)
       SELECT ?, number, state, params, origin, objective_values, constraint_values, metrics, error, worker,
         heartbeat_at, started_at, finished_at, attempts FROM trials WHERE study_id = ?`,
    ),
    allStudies: db.prepare("SELECT * FROM studies ORDER BY id"),
    allCounts: db.prepare("SELECT study_id, state, count(*) AS n FROM trials GROUP BY study_id, state"),
    counts: db.prepare("SELECT state, count(*) AS n FROM trials WHERE study_id = ? GROUP BY state"),
    anyFrom: db.prepare("SELECT 1 FROM trials WHERE study_id = ? AND number >= ? LIMIT 1"),
    insertTrial: db.prepare("INSERT INTO trials (study_id, number, state, params, origin) VALUES (?, ?, 'waiting', ?, ?)"),
    claim: db.prepare(
      `UPDATE trials SET state = 'running', worker = ?, heartbeat_at = ?, started_at = ?, attempts = attempts + 1
       WHERE study_id = ? AND number = (SELECT number FROM trials WHERE study_id = ? AND state = 'waiting' ORDER BY number LIMIT 1)
       RETURNING *`,
    ),
    finish: db.prepare(
      `UPDATE trials SET state = ?, objective_values = ?, constraint_values = ?, metrics = ?, error = ?, finished_at = ?, heartbeat_at = ?
       WHERE study_id = ? AND number = ? AND state = 'running' AND worker = ?`,
    ),
    release: db.prepare(
      "UPDATE trials SET state = 'waiting', worker = NULL, heartbeat_at = NULL, started_at = NULL WHERE study_id = ? AND state = 'running' AND worker = ?",
    ),
    releaseOne: db.prepare(
      "UPDATE trials SET state = 'waiting', worker = NULL, heartbeat_at = NULL, started_at = NULL WHERE study_id = ? AND number = ? AND state = 'running' AND worker = ?",
    ),
    beat: db.prepare("UPDATE trials SET heartbeat_at = ? WHERE study_id = ? AND state = 'running' AND substr(worker, 1, ?) = ?"),
    running: db.prepare("SELECT number, worker, heartbeat_at FROM trials WHERE study_id = ? AND state = 'running'"),
    requeue: db.prepare(
      "UPDATE trials SET state = 'waiting', worker = NULL, heartbeat_at = NULL, started_at = NULL WHERE study_id = ? AND number = ? AND state = 'running'",
    ),
    trials: db.prepare("SELECT * FROM trials WHERE study_id = ? ORDER BY number"),
    history: db.prepare(`SELECT * FROM trials WHERE study_id = ? AND number >= ? AND state IN (${finishedList}) ORDER BY number LIMIT ?`),
  }

  const addTrials = db.transaction((studyId: number, firstNumber: number, trials: readonly TrialProposal[]): boolean => {
    if (statements.anyFrom.get(studyId, firstNumber) !== undefined) return false
    for (const [offset, trial] of trials.entries()) {
      statements.insertTrial.run(studyId, firstNumber + offset, JSON.stringify(trial.params), trial.origin)
    }
    return true
  })

  /** The study named `name`, or undefined; throws `study-exists` when `taken` names a study. */
  const studyRowFor = (name: string, taken?: string): StudyRow | undefined => {
    const row = statements.findStudy.get(name) as StudyRow | undefined
    if (row !== undefined && taken !== undefined && statements.findStudy.get(taken) !== undefined) {
      throw new StoreError("study-exists", `a study named "${taken}" already exists in "${path}"`)
    }
    return row
  }

  const deleteStudy = db.transaction((name: string): number | undefined => {
    const row = studyRowFor(name)
    if (row === undefined) return undefined
    const trials = statements.deleteTrials.run(row.id).changes
    statements.deleteStudy.run(row.id)
    return trials
  })

  const renameStudy = db.transaction((from: string, to: string): StudyRow | undefined => {
    const row = studyRowFor(from, to)
    return row === undefined ? undefined : (statements.renameStudy.get(to, row.id) as StudyRow)
  })

  const copyStudy = db.transaction((from: string, to: string): StudyRow | undefined => {
    const row = studyRowFor(from, to)
    if (row === undefined) return undefined
    const copy = statements.copyStudy.get(to, Date.now(), row.id) as StudyRow
    statements.copyTrials.run(copy.id, row.id)
    return copy
  })

  const releaseSome = db.transaction((studyId: number, worker: string, numbers: readonly number[]): number => {
    let released = 0
    for (const number of numbers) released += statements.releaseOne.run(studyId, number, worker).changes
    return released
  })

  const requeueStale = db.transaction((studyId: number, rule: StaleRule): number => {
    const rows = statements.running.all(studyId) as { number: number; worker: string | null; heartbeat_at: number | null }[]
    let requeued = 0
    for (const row of rows) {
      const status = row.worker === null ? "unknown" : (rule.workerStatus?.(row.worker) ?? "unknown")
      const stale = status === "dead" || (status === "unknown" && (row.heartbeat_at ?? 0) < rule.heartbeatBefore)
      if (stale) requeued += statements.requeue.run(studyId, row.number).changes
    }
    return requeued
  })

  // Each method is synchronous under the hood; the Promise form is the interface's, so that a
  // server database can implement it.
  const step = <A>(work: () => A): Promise<A> => {
    try {
      return Promise.resolve(work())
    } catch (error) {
      return Promise.reject(storeError(path, error))
    }
  }

  const store: SqliteStudyStore = {
    location: path,
    createStudy: (study) =>
      step(() => {
        if (statements.findStudy.get(study.name) !== undefined) {
          throw new StoreError("study-exists", `a study named "${study.name}" already exists in "${path}"`)
        }
        return studyOfRow(statements.insertStudy.get(...studyColumns(study, Date.now())) as StudyRow)
      }),
    findStudy: (name) =>
      step(() => {
        const row = statements.findStudy.get(name) as StudyRow | undefined
        return row === undefined ? undefined : studyOfRow(row)
      }),
    listStudies: () =>
      step(() => {
        const byStudy = new Map<number, Record<TrialState, number>>()
        for (const row of statements.allCounts.all() as { study_id: number; state: TrialState; n: number }[]) {
          const counts = byStudy.get(row.study_id) ?? emptyCounts()
          counts[row.state] = row.n
          byStudy.set(row.study_id, counts)
        }
        return (statements.allStudies.all() as StudyRow[]).map((row) => ({
          study: studyOfRow(row),
          counts: withTotal(byStudy.get(row.id) ?? emptyCounts()),
        }))
      }),
    deleteStudy: (name) => step(() => deleteStudy.immediate(name)),
    renameStudy: (from, to) =>
      step(() => {
        const row = renameStudy.immediate(from, to)
        return row === undefined ? undefined : studyOfRow(row)
      }),
    copyStudy: (from, to) =>
      step(() => {
        const row = copyStudy.immediate(from, to)
        return row === undefined ? undefined : studyOfRow(row)
      }),
    addTrials: (studyId, firstNumber, trials) => step(() => addTrials.immediate(studyId, firstNumber, trials)),
    claimTrial: (studyId, worker, now) =>
      step(() => {
        const row = statements.claim.get(worker, now, now, studyId, studyId) as TrialRow | undefined
        return row === undefined ? undefined : trialOfRow(row)
      }),
    finishTrial: (studyId, number, worker, result: TrialResult, now) =>
      step(() => statements.finish.run(...resultColumns(result), now, now, studyId, number, worker).changes === 1),
    releaseTrials: (studyId, worker, numbers) =>
      step(() =>
        numbers === undefined ? statements.release.run(studyId, worker).changes : releaseSome.immediate(studyId, worker, numbers),
      ),
    beatHeartbeat: (studyId, workerPrefix, now) =>
      step(() => {
        statements.beat.run(now, studyId, workerPrefix.length, workerPrefix)
      }),
    requeueStaleTrials: (studyId, rule) => step(() => requeueStale.immediate(studyId, rule)),
    trials: (studyId, states) =>
      step(() => {
        const all = (statements.trials.all(studyId) as TrialRow[]).map(trialOfRow)
        return states === undefined ? all : all.filter((trial) => states.includes(trial.state))
      }),
    // LIMIT -1: no limit.
    history: (studyId, from = 0, limit = -1) =>
      step(() => (statements.history.all(studyId, from, Math.max(-1, Math.floor(limit))) as TrialRow[]).map(trialOfRow)),
    countTrials: (studyId) =>
      step(() => {
        const counts = emptyCounts()
        for (const row of statements.counts.all(studyId) as { state: TrialState; n: number }[]) counts[row.state] = row.n
        return withTotal(counts)
      }),
    integrityCheck: () => (db.pragma("integrity_check") as { integrity_check: string }[]).map((row) => row.integrity_check).join("; "),
    close: () => step(() => void db.close()),
  }
  return readOnly ? refuseWrites(store) : store
}
