import { execFileSync } from "node:child_process"
import { existsSync, readdirSync } from "node:fs"
import { join } from "node:path"

// `pnpm test` on a machine with PostgreSQL's binaries (Debian's `postgresql`) but no server set
// in COSEARCH_TEST_POSTGRES: start a throwaway one for the run, as .ci/run does, and stop it after.
// Without the binaries nothing is started, and the PostgreSQL store's tests fail saying how to get
// a server (they never skip).
const root = join(import.meta.dirname, "..")

const hasBinaries = (): boolean =>
  existsSync("/usr/lib/postgresql") &&
  readdirSync("/usr/lib/postgresql").some((version) => existsSync(join("/usr/lib/postgresql", version, "bin", "initdb")))

export default function setup(): (() => void) | undefined {
  if (process.env.COSEARCH_TEST_POSTGRES !== undefined || !hasBinaries()) return undefined
  const shell = (script: string): string =>
    execFileSync("bash", ["-c", `set -euo pipefail; source .ci/postgres.sh; ${script}`], {
      cwd: root,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    })
  const [url = "", folder = ""] = shell('postgres_start >&2; echo "$COSEARCH_TEST_POSTGRES"; echo "$POSTGRES_DIR"').trim().split("\n")
  process.env.COSEARCH_TEST_POSTGRES = url
  return () => {
    shell(`POSTGRES_DIR='${folder}' postgres_stop`)
  }
}
