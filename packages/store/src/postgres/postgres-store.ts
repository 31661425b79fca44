import { createHash } from "node:crypto"
import { finishedStates, type TrialResult, type TrialState } from "@cosearch/optimize"
import pg from "pg"
import { refuseWrites } from "../study/read-only.js"
import { resultColumns, type StudyRow, studyColumns, studyOfRow, type TrialRow, trialOfRow, trialRowColumns } from "../study/rows.js"
import { StoreError } from "../study/store-error.js"
import type { TrialCounts } from "../study/study.js"
import type { StudyStore } from "../study/study-store.js"
import { postgresMigrations } from "./migrations.js"
import { type PostgresLocation, parsePostgresLocation, quoteIdentifier } from "./postgres-location.js"

/**
 * Options of `openPostgresStore`.
 *
 * @example
 * const options: PostgresStoreOptions = { mustExist: true, maxConnections: 4 }
 */
export interface PostgresStoreOptions {
  /** Fail instead of creating the schema and its tables (default false). The database must exist either way. */
  readonly mustExist?: boolean
  /**
   * Open for reading only (default false): every connection runs with
   * `default_transaction_read_only = on`; no DDL, no migration; a schema without the `studies` and
   * `trials` tables, or one newer than this code, is refused; every write method rejects with a
   * `StoreError` of kind `read-only`.
   */
  readonly readOnly?: boolean
  /** The most connections of the handle's main pool (default 10); a writable store opens up to 2 more, for claims and heartbeats. */
  readonly maxConnections?: number
}

/**
 * The PostgreSQL store: its `connect` is always there.
 *
 * @example
 * const store = openPostgresStore("postgresql://cosearch@db/cosearch")
 * await store.connect() // fails now, rather than at the first step, when the server is away
 */
export interface PostgresStudyStore extends StudyStore {
  /**
   * Connects, then checks the schema (read-only) or brings it up to date: what every method waits
   * for first. Resolves once done; rejects with the `StoreError` every method would reject with.
   */
  readonly connect: () => Promise<void>
}

const emptyCounts = (): Record<TrialState, number> => ({ waiting: 0, running: 0, complete: 0, failed: 0, infeasible: 0 })

const withTotal = (counts: Record<TrialState, number>): TrialCounts => ({
  ...counts,
  total: counts.waiting + counts.running + counts.complete + counts.failed + counts.infeasible,
})

const errorCode = (error: unknown): string => (error as { code?: unknown } | null)?.code?.toString() ?? ""

/**
 * SQLSTATEs worth retrying: serialization failure, deadlock, lock not available, too many
 * connections, the server starting or shutting down.
 */
const busyCodes = new Set(["40001", "40P01", "55P03", "53300", "57P03"])

/** Turns node-postgres's errors into `StoreError`s of a kind the engine can act on. */
const storeError = (label: string, error: unknown): StoreError => {
  if (error instanceof StoreError) return error
  const code = errorCode(error)
  const message = error instanceof Error ? error.message : String(error)
  if (busyCodes.has(code)) return new StoreError("busy", `database "${label}" is busy: ${message}`, { cause: error })
  if (code === "25006") return new StoreError("read-only", `database "${label}" is read-only: ${message}`, { cause: error })
  if (code === "XX001" || code === "XX002") {
    return new StoreError("corrupt", `database "${label}" is damaged: ${message}`, { cause: error })
  }
  return new StoreError("io", `database "${label}": ${message}`, { cause: error })
}

/** bigint (int8) and count(*) as JavaScript numbers: times in milliseconds and counts fit. */
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === pg.types.builtins.INT8 && format !== "binary"
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format as "text")) as pg.CustomTypesConfig["getTypeParser"],
}

const finishedList = finishedStates.map((state) => `'${state}'`).join(", ")
const latestVersion = postgresMigrations.at(-1)?.version ?? 0

/** Whether the schema has the `studies` and `trials` tables, and its migrations table. */
const tablesOf = async (client: pg.ClientBase, schema: string): Promise<{ missing: string[]; versioned: boolean }> => {
  const { rows } = await client.query<{ table_name: string }>(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_name IN ('studies', 'trials', 'cosearch_migrations')",
    [schema],
  )
  const names = rows.map((row) => row.table_name)
  return { missing: ["studies", "trials"].filter((table) => !names.includes(table)), versioned: names.includes("cosearch_migrations") }
}

const schemaVersion = async (client: pg.ClientBase, s: string): Promise<number> => {
  const { rows } = await client.query<{ version: number | null }>(`SELECT max(version) AS version FROM ${s}.cosearch_migrations`)
  return rows[0]?.version ?? 0
}

/** Refuses, touching nothing, a schema this code cannot read: not a cosearch store, or newer than its migrations. */
const checkSchema = async (client: pg.ClientBase, location: PostgresLocation): Promise<void> => {
  const { missing, versioned } = await tablesOf(client, location.schema)
  if (missing.length > 0 || !versioned) {
    const what = missing.length > 0 ? `no ${missing.join(" and no ")} table` : "no cosearch_migrations table"
    throw new StoreError("corrupt", `"${location.label}" is not a cosearch store: schema "${location.schema}" has ${what}`)
  }
  const version = await schemaVersion(client, quoteIdentifier(location.schema))
  if (version > latestVersion) {
    throw new StoreError("io", `database "${location.label}" has schema version ${version}; this cosearch reads up to ${latestVersion}`)
  }
}

/**
 * Creates the schema and brings it to the latest version, in one transaction holding an advisory
 * lock on the schema's name, so that processes opening a new store at once apply each step once.
 */
const migrate = async (client: pg.ClientBase, location: PostgresLocation, mustExist: boolean): Promise<void> => {
  const s = quoteIdentifier(location.schema)
  await client.query("BEGIN")
  try {
    await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`cosearch-migrations:${location.schema}`])
    const { missing, versioned } = await tablesOf(client, location.schema)
    if (mustExist && (missing.length > 0 || !versioned)) {
      throw new StoreError("io", `store "${location.label}" does not exist: schema "${location.schema}" has no cosearch tables`)
    }
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${s}`)
    await client.query(`CREATE TABLE IF NOT EXISTS ${s}.cosearch_migrations (version integer PRIMARY KEY, applied_at bigint NOT NULL)`)
    const current = await schemaVersion(client, s)
    if (current > latestVersion) {
      throw new StoreError("io", `database "${location.label}" has schema version ${current}; this cosearch reads up to ${latestVersion}`)
    }
    for (const step of postgresMigrations) {
      if (step.version <= current) continue
      await client.query(step.sql(s))
      await client.query(`INSERT INTO ${s}.cosearch_migrations (version, applied_at) VALUES ($1, $2)`, [step.version, Date.now()])
    }
    await client.query("COMMIT")
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined)
    throw error
  }
}

/**
 * Opens a study store on a PostgreSQL server: `postgresql://user:password@host:port/database`,
 * with `?schema=NAME` for a schema other than `public`. Synchronous, as `openStore` is: the
 * connection pool connects on first use, and every method first waits for the connection and the
 * schema check or migration (`connect()` does only that). Claims use `SELECT ... FOR UPDATE SKIP
 * LOCKED`, so any number of processes claim at once without waiting on each other; every write
 * is one transaction.
 *
 * @throws StoreError (kind `io`) at once on a URL that does not parse; the connection's and the
 *   schema's errors reject the first method called (and `connect()`).
 * @example
 * const store = openPostgresStore("postgresql://cosearch@db.lab:5432/cosearch?schema=nas")
 * console.log((await store.listStudies()).map(({ study }) => study.name))
 * await store.close()
 */
export const openPostgresStore = (location: string, options: PostgresStoreOptions = {}): PostgresStudyStore => {
  const where = parsePostgresLocation(location)
  const { label } = where
  const readOnly = options.readOnly ?? false
  const serverOptions = [where.options, readOnly ? "-c default_transaction_read_only=on" : undefined].filter(Boolean).join(" ")
  const pool = new pg.Pool({
    connectionString: where.connectionString,
    ...(serverOptions === "" ? {} : { options: serverOptions }),
    max: options.maxConnections ?? 10,
    types,
    application_name: "cosearch",
    // A process that forgets `close` still exits once its connections are idle.
    allowExitOnIdle: true,
  })
  // An idle connection the server drops (a restart) is replaced at the next query; not a crash.
  pool.on("error", () => undefined)
  // Claims and heartbeats commit without waiting for the server's disk (synchronous_commit off):
  // a server crash may forget the last ones, which only puts a claimed trial back to waiting (its
  // worker's finish is then refused and another worker runs it again) or ages a heartbeat. Every
  // other write waits for the disk as the server is set to: a finished trial or a planned batch is
  // never forgotten once acknowledged.
  const relaxed = readOnly
    ? pool
    : new pg.Pool({
        connectionString: where.connectionString,
        options: [where.options, "-c synchronous_commit=off"].filter(Boolean).join(" "),
        max: 2,
        types,
        application_name: "cosearch",
        allowExitOnIdle: true,
      })
  relaxed.on("error", () => undefined)

  const s = quoteIdentifier(where.schema)
  const studies = `${s}.studies`
  const trials = `${s}.trials`

  const setUp = async (): Promise<void> => {
    const client = await pool.connect()
    try {
      if (readOnly) await checkSchema(client, where)
      else await migrate(client, where, options.mustExist ?? false)
    } finally {
      client.release()
    }
  }
  const ready = setUp()
  ready.catch(() => undefined) // Reported by the first method called, not as an unhandled rejection.

  let closed = false
  const step = async <A>(work: () => Promise<A>): Promise<A> => {
    try {
      if (closed) throw new StoreError("io", `database "${label}": the store is closed`)
      await ready
      return await work()
    } catch (error) {
      throw storeError(label, error)
    }
  }
  const query = async <R extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<pg.QueryResult<R>> =>
    pool.query<R>(text, values)
  /** A statement whose commit need not wait for the disk (see `relaxed`). */
  const relaxedQuery = async <R extends pg.QueryResultRow>(text: string, values: unknown[]): Promise<pg.QueryResult<R>> =>
    relaxed.query<R>(text, values)
  /**
   * A statement run once per trial, prepared once per connection (by a name unique to its text),
   * so that the server parses and plans it once: the claim and the finish.
   */
  const prepared = (target: pg.Pool, text: string) => {
    const name = `cosearch_${createHash("sha1").update(text).digest("hex").slice(0, 16)}`
    return async <R extends pg.QueryResultRow>(values: unknown[]): Promise<pg.QueryResult<R>> => target.query<R>({ name, text, values })
  }
  /** One transaction on one connection: committed when `work` resolves, rolled back when it throws. */
  const transaction = async <A>(work: (client: pg.PoolClient) => Promise<A>): Promise<A> => {
    const client = await pool.connect()
    try {
      await client.query("BEGIN")
      const result = await work(client)
      await client.query("COMMIT")
      return result
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined)
      throw error
    } finally {
      client.release()
    }
  }

  // One statement, so one transaction: the lowest waiting trial that no other claim has locked.
  // SKIP LOCKED lets concurrent claimers take the next ones instead of waiting.
  const claimStatement = prepared(
    relaxed,
    `WITH next AS (
       SELECT number FROM ${trials} WHERE study_id = $1 AND state = 'waiting' ORDER BY number LIMIT 1 FOR UPDATE SKIP LOCKED
     )
     UPDATE ${trials} AS trial SET state = 'running', worker = $2, heartbeat_at = $3, started_at = $3, attempts = trial.attempts + 1
     FROM next WHERE trial.study_id = $1 AND trial.number = next.number
     RETURNING ${trialRowColumns.map((column) => `trial.${column}`).join(", ")}`,
  )
  const finishStatement = prepared(
    pool,
    `UPDATE ${trials} SET state = $1, objective_values = $2, constraint_values = $3, metrics = $4, error = $5, finished_at = $6, heartbeat_at = $6
     WHERE study_id = $7 AND number = $8 AND state = 'running' AND worker = $9`,
  )

  /**
   * The study named `name`, its row locked for this transaction, or undefined; throws
   * `study-exists` when `taken` names a study (a rename's or a copy's target).
   */
  const lockedStudy = async (client: pg.PoolClient, name: string, taken?: string): Promise<StudyRow | undefined> => {
    const { rows } = await client.query<StudyRow>(`SELECT * FROM ${studies} WHERE name = $1 FOR UPDATE`, [name])
    const found = rows[0]
    if (found !== undefined && taken !== undefined) {
      const other = await client.query(`SELECT 1 FROM ${studies} WHERE name = $1`, [taken])
      if ((other.rowCount ?? 0) > 0) throw new StoreError("study-exists", `a study named "${taken}" already exists in "${label}"`)
    }
    return found
  }

  const store: PostgresStudyStore = {
    location: label,
    connect: () => step(async () => undefined),
    createStudy: (study) =>
      step(async () => {
        try {
          const { rows } = await query<StudyRow>(
            `INSERT INTO ${studies} (name, config, config_hash, space, objectives, constraints, seed, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
            studyColumns(study, Date.now()),
          )
          return studyOfRow(rows[0] as StudyRow)
        } catch (error) {
          if (errorCode(error) === "23505") {
            throw new StoreError("study-exists", `a study named "${study.name}" already exists in "${label}"`, { cause: error })
          }
          throw error
        }
      }),
    deleteStudy: (name) =>
      step(() =>
        transaction(async (client) => {
          const found = await lockedStudy(client, name)
          if (found === undefined) return undefined
          const removed = await client.query(`DELETE FROM ${trials} WHERE study_id = $1`, [found.id])
          await client.query(`DELETE FROM ${studies} WHERE id = $1`, [found.id])
          return removed.rowCount ?? 0
        }),
      ),
    renameStudy: (from, to) =>
      step(() =>
        transaction(async (client) => {
          const found = await lockedStudy(client, from, to)
          if (found === undefined) return undefined
          const { rows } = await client.query<StudyRow>(`UPDATE ${studies} SET name = $1 WHERE id = $2 RETURNING *`, [to, found.id])
          return studyOfRow(rows[0] as StudyRow)
        }),
      ),
    copyStudy: (from, to) =>
      step(() =>
        transaction(async (client) => {
          const found = await lockedStudy(client, from, to)
          if (found === undefined) return undefined
          const { rows } = await client.query<StudyRow>(
            `INSERT INTO ${studies} (name, config, config_hash, space, objectives, constraints, seed, created_at)
             SELECT $1, config, config_hash, space, objectives, constraints, seed, $2 FROM ${studies} WHERE id = $3 RETURNING *`,
            [to, Date.now(), found.id],
          )
          const copy = rows[0] as StudyRow
          await client.query(
            `INSERT INTO ${trials} (study_id, number, state, params, origin, objective_values, constraint_values, metrics, error, worker,
               heartbeat_at, started_at, finished_at, attempts)
             SELECT $1, number, state, params, origin, objective_values, constraint_values, metrics, error, worker,
               heartbeat_at, started_at, finished_at, attempts FROM ${trials} WHERE study_id = $2`,
            [copy.id, found.id],
          )
          return studyOfRow(copy)
        }),
      ),
    findStudy: (name) =>
      step(async () => {
        const { rows } = await query<StudyRow>(`SELECT * FROM ${studies} WHERE name = $1`, [name])
        return rows[0] === undefined ? undefined : studyOfRow(rows[0])
      }),
    listStudies: () =>
      step(async () => {
        // One snapshot for both reads: the counts are of the studies listed.
        const [all, counted] = await transaction(async (client) => [
          await client.query<StudyRow>(`SELECT * FROM ${studies} ORDER BY id`),
          await client.query<{ study_id: number; state: TrialState; n: number }>(
            `SELECT study_id, state, count(*) AS n FROM ${trials} GROUP BY study_id, state`,
          ),
        ])
        const byStudy = new Map<number, Record<TrialState, number>>()
        for (const row of counted.rows) {
          const counts = byStudy.get(row.study_id) ?? emptyCounts()
          counts[row.state] = row.n
          byStudy.set(row.study_id, counts)
        }
        return all.rows.map((row) => ({ study: studyOfRow(row), counts: withTotal(byStudy.get(row.id) ?? emptyCounts()) }))
      }),
    addTrials: (studyId, firstNumber, proposals) =>
      step(() =>
        transaction(async (client) => {
          // The study's row lock makes the adds of one study one at a time, as SQLite's write lock
          // does: the check below then sees every batch committed before.
          await client.query(`SELECT id FROM ${studies} WHERE id = $1 FOR NO KEY UPDATE`, [studyId])
          const taken = await client.query(`SELECT 1 FROM ${trials} WHERE study_id = $1 AND number >= $2 LIMIT 1`, [studyId, firstNumber])
          if (taken.rowCount !== 0) return false
          await client.query(
            `INSERT INTO ${trials} (study_id, number, state, params, origin)
             SELECT $1, $2 + k - 1, 'waiting', params, origin FROM unnest($3::text[], $4::text[]) WITH ORDINALITY AS batch(params, origin, k)`,
            [studyId, firstNumber, proposals.map((trial) => JSON.stringify(trial.params)), proposals.map((trial) => trial.origin)],
          )
          return true
        }),
      ),
    claimTrial: (studyId, worker, now) =>
      step(async () => {
        const { rows } = await claimStatement<TrialRow>([studyId, worker, now])
        return rows[0] === undefined ? undefined : trialOfRow(rows[0])
      }),
    finishTrial: (studyId, number, worker, result: TrialResult, now) =>
      step(async () => {
        const { rowCount } = await finishStatement([...resultColumns(result), now, studyId, number, worker])
        return rowCount === 1
      }),
    releaseTrials: (studyId, worker, numbers) =>
      step(async () => {
        const { rowCount } = await query(
          `UPDATE ${trials} SET state = 'waiting', worker = NULL, heartbeat_at = NULL, started_at = NULL
           WHERE study_id = $1 AND state = 'running' AND worker = $2 AND ($3::integer[] IS NULL OR number = ANY($3::integer[]))`,
          [studyId, worker, numbers === undefined ? null : [...numbers]],
        )
        return rowCount ?? 0
      }),
    beatHeartbeat: (studyId, workerPrefix, now) =>
      step(async () => {
        await relaxedQuery(
          `UPDATE ${trials} SET heartbeat_at = $1 WHERE study_id = $2 AND state = 'running' AND left(worker, char_length($3)) = $3`,
          [now, studyId, workerPrefix],
        )
      }),
    requeueStaleTrials: (studyId, rule) =>
      step(() =>
        transaction(async (client) => {
          // The running trials, locked until the transaction ends: none finishes or is released
          // between the look and the re-queue.
          const { rows } = await client.query<{ number: number; worker: string | null; heartbeat_at: number | null }>(
            `SELECT number, worker, heartbeat_at FROM ${trials} WHERE study_id = $1 AND state = 'running' ORDER BY number FOR UPDATE`,
            [studyId],
          )
          const stale = rows
            .filter((row) => {
              const status = row.worker === null ? "unknown" : (rule.workerStatus?.(row.worker) ?? "unknown")
              return status === "dead" || (status === "unknown" && (row.heartbeat_at ?? 0) < rule.heartbeatBefore)
            })
            .map((row) => row.number)
          if (stale.length === 0) return 0
          const { rowCount } = await client.query(
            `UPDATE ${trials} SET state = 'waiting', worker = NULL, heartbeat_at = NULL, started_at = NULL
             WHERE study_id = $1 AND state = 'running' AND number = ANY($2::integer[])`,
            [studyId, stale],
          )
          return rowCount ?? 0
        }),
      ),
    trials: (studyId, states) =>
      step(async () => {
        const { rows } = await query<TrialRow>(
          `SELECT * FROM ${trials} WHERE study_id = $1 AND ($2::text[] IS NULL OR state = ANY($2::text[])) ORDER BY number`,
          [studyId, states === undefined ? null : [...states]],
        )
        return rows.map(trialOfRow)
      }),
    history: (studyId, from = 0, limit) =>
      step(async () => {
        // LIMIT NULL: no limit.
        const bound = limit === undefined || limit < 0 ? null : Math.floor(limit)
        const { rows } = await query<TrialRow>(
          `SELECT * FROM ${trials} WHERE study_id = $1 AND number >= $2 AND state IN (${finishedList}) ORDER BY number LIMIT $3`,
          [studyId, from, bound],
        )
        return rows.map(trialOfRow)
      }),
    countTrials: (studyId) =>
      step(async () => {
        const counts = emptyCounts()
        const { rows } = await query<{ state: TrialState; n: number }>(
          `SELECT state, count(*) AS n FROM ${trials} WHERE study_id = $1 GROUP BY state`,
          [studyId],
        )
        for (const row of rows) counts[row.state] = row.n
        return withTotal(counts)
      }),
    close: async () => {
      if (closed) return
      closed = true
      await ready.catch(() => undefined)
      try {
        await Promise.all(relaxed === pool ? [pool.end()] : [pool.end(), relaxed.end()])
      } catch (error) {
        throw storeError(label, error)
      }
    },
  }
  return readOnly ? refuseWrites(store) : store
}
