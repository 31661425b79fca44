import { execFileSync } from "node:child_process"
import { randomBytes } from "node:crypto"
import { join } from "node:path"
import pg from "pg"

/**
 * A PostgreSQL server for the engine bench: `COSEARCH_BENCH_POSTGRES` (any server you may create
 * schemas on), else a throwaway one started with `.ci/postgres.sh` (Debian's `postgresql`, installed
 * when missing) with the server's default durability (fsync and synchronous commit on, unlike the
 * tests' server), so the figures are what a real server costs. `schema` gives a fresh store URL.
 */
export interface BenchPostgres {
  readonly url: string
  readonly description: string
  readonly schema: (tag: string) => string
  readonly stop: () => Promise<void>
}

const root = join(import.meta.dirname, "../..")

const shell = (script: string): string =>
  execFileSync("bash", ["-c", `set -euo pipefail; source .ci/postgres.sh; ${script}`], {
    cwd: root,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  })

/** Starts (or takes) the bench's server; the schemas it handed out are dropped by `stop`. */
export const startBenchPostgres = (): BenchPostgres => {
  const given = process.env.COSEARCH_BENCH_POSTGRES
  const started =
    given === undefined
      ? shell('POSTGRES_DURABLE=1 postgres_start >&2; echo "$COSEARCH_TEST_POSTGRES"; echo "$POSTGRES_DIR"').trim().split("\n")
      : undefined
  const url = given ?? started?.[0] ?? ""
  const schemas: string[] = []
  return {
    url,
    description: given === undefined ? "a throwaway local server (fsync on)" : "COSEARCH_BENCH_POSTGRES",
    schema: (tag) => {
      const name = `cosearch_bench_${tag}_${randomBytes(4).toString("hex")}`
      schemas.push(name)
      const location = new URL(url)
      location.searchParams.set("schema", name)
      return location.toString()
    },
    stop: async () => {
      if (schemas.length > 0) {
        const client = new pg.Client({ connectionString: url })
        await client.connect()
        await client.query(`DROP SCHEMA IF EXISTS ${schemas.map((name) => `"${name}"`).join(", ")} CASCADE`)
        await client.end()
      }
      if (started !== undefined) shell(`POSTGRES_DIR='${started[1]}' postgres_stop`)
    },
  }
}
