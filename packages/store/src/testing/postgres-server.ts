/**
 * A PostgreSQL server for tests (`@cosearch/store/testing/postgres`): the one in
 * `COSEARCH_TEST_POSTGRES`, which .ci/run (and the repository's vitest set-up) start as a throwaway
 * server. Each test takes a schema of its own (`freshSchema`), dropped by `dropSchemas` after the
 * file's tests; a file without a server fails with `missingServer` rather than skip.
 *
 * @example
 * const { url } = freshSchema("claims")
 * afterAll(dropSchemas)
 * @module
 */
import { randomBytes } from "node:crypto"
import pg from "pg"

/** The server's URL (`COSEARCH_TEST_POSTGRES`), or "" when none is set. */
export const serverUrl = process.env.COSEARCH_TEST_POSTGRES ?? ""

/** What a test says when no server is set: how to start one. */
export const missingServer = `COSEARCH_TEST_POSTGRES is unset: the PostgreSQL store's tests need a server. Start a throwaway one with
  source .ci/postgres.sh && postgres_start    # Debian's postgresql, a temp cluster on a free port; postgres_stop ends it
or point it at any server you may create schemas on:
  COSEARCH_TEST_POSTGRES=postgresql://postgres@127.0.0.1:5432/postgres pnpm -s vitest run packages/store`

const made: string[] = []

/** A new schema name, unique to this run, and the store URL on it (created on first use). */
export const freshSchema = (tag: string): { schema: string; url: string } => {
  const schema = `cosearch_test_${tag}_${process.pid}_${randomBytes(4).toString("hex")}`
  made.push(schema)
  const url = new URL(serverUrl)
  url.searchParams.set("schema", schema)
  return { schema, url: url.toString() }
}

/** Runs `sql` on the server with a connection of its own. */
export const onServer = async <R extends pg.QueryResultRow>(sql: string, values: unknown[] = []): Promise<R[]> => {
  const client = new pg.Client({ connectionString: serverUrl })
  await client.connect()
  try {
    return (await client.query<R>(sql, values)).rows
  } finally {
    await client.end()
  }
}

/** Drops the schemas `freshSchema` named. */
export const dropSchemas = async (): Promise<void> => {
  if (serverUrl === "" || made.length === 0) return
  const names = made.splice(0).map((name) => `"${name}"`)
  await onServer(`DROP SCHEMA IF EXISTS ${names.join(", ")} CASCADE`)
}
