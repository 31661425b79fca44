import type Database from "better-sqlite3"

/**
 * One schema step. `version` counts from 1; a database records the last applied one in
 * `PRAGMA user_version`. Steps are only ever appended: a released step never changes.
 *
 * @example
 * const step: Migration = { version: 2, sql: "ALTER TABLE trials ADD COLUMN note TEXT" }
 */
export interface Migration {
  readonly version: number
  readonly sql: string
}

/**
 * The schema's steps, in order.
 *
 * @example
 * migrations.at(-1)?.version // the schema version this code writes
 */
export const migrations: readonly Migration[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE studies (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        config TEXT NOT NULL,
        config_hash TEXT NOT NULL,
        space TEXT NOT NULL,
        objectives TEXT NOT NULL,
        constraints TEXT NOT NULL,
        seed TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE TABLE trials (
        study_id INTEGER NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
        number INTEGER NOT NULL CHECK (number >= 0),
        state TEXT NOT NULL CHECK (state IN ('waiting', 'running', 'complete', 'failed', 'infeasible')),
        params TEXT NOT NULL,
        origin TEXT NOT NULL,
        objective_values TEXT,
        constraint_values TEXT,
        metrics TEXT,
        error TEXT,
        worker TEXT,
        heartbeat_at INTEGER,
        started_at INTEGER,
        finished_at INTEGER,
        attempts INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (study_id, number)
      ) WITHOUT ROWID;
      CREATE INDEX trials_by_state ON trials (study_id, state, number);
    `,
  },
]

/**
 * Brings a database to the latest schema version. Runs in one immediate transaction, so two
 * processes opening a new database at once apply each step once.
 *
 * @throws Error when the database is newer than this code.
 * @example
 * migrate(new Database("cosearch.db"))
 */
export const migrate = (db: Database.Database): void => {
  const latest = migrations.at(-1)?.version ?? 0
  const apply = db.transaction(() => {
    const current = db.pragma("user_version", { simple: true }) as number
    if (current > latest) throw new Error(`the database has schema version ${current}; this cosearch reads up to ${latest}`)
    for (const step of migrations) if (step.version > current) db.exec(step.sql)
    if (current < latest) db.pragma(`user_version = ${latest}`)
  })
  apply.immediate()
}
