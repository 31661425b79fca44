import { createHash } from "node:crypto"
import { readFileSync } from "node:fs"
import { createRequire } from "node:module"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { runInProcess } from "./run-cli.js"
import { freshFolder, writeExperiment } from "./study-kit.js"

// Issue 20: `status`, `best`, `trials` and `export` on a SQLite file used to create our tables,
// set user_version and switch it to WAL. They open it read-only now: a foreign file is refused
// untouched, and a cosearch database keeps its bytes and journal mode.
const Database = createRequire(join(import.meta.dirname, "../../../packages/store/package.json"))("better-sqlite3") as new (
  path: string,
) => { exec(sql: string): void; pragma(sql: string, options?: { simple: boolean }): unknown; close(): void }

const digest = (path: string): string => createHash("sha256").update(readFileSync(path)).digest("hex")

describe("the read commands on a database", () => {
  it("refuse a SQLite file that is not a cosearch database, leaving it byte for byte as it was", async () => {
    const path = join(freshFolder(), "other.db")
    const foreign = new Database(path)
    foreign.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes (text) VALUES ('keep me')")
    foreign.close()
    const before = digest(path)
    for (const args of [["status"], ["best", "study"], ["trials", "study"], ["export", "study", "--format", "csv"]]) {
      const run = await runInProcess([...args, "--db", path])
      expect({ args, code: run.code, stdout: run.stdout }).toEqual({ args, code: 1, stdout: "" })
      expect(run.stderr).toBe(`cosearch: "${path}" is not a cosearch database: it has no studies and no trials table`)
    }
    expect(digest(path)).toBe(before)
  })

  it("read a cosearch database in another journal mode without writing to it or switching it to WAL", async () => {
    const folder = freshFolder()
    const path = join(folder, "runs.db")
    expect((await runInProcess(["run", writeExperiment(folder, { budget: { trials: 6 } }), "--db", path, "--workers", "1"])).code).toBe(0)
    const db = new Database(path)
    db.pragma("journal_mode = DELETE")
    db.close()
    const before = digest(path)
    for (const args of [["status"], ["best", "study"], ["trials", "study", "--json"], ["export", "study", "--format", "json"]])
      expect({ args, code: (await runInProcess([...args, "--db", path])).code }).toEqual({ args, code: 0 })
    expect(digest(path)).toBe(before)
    const after = new Database(path)
    expect(after.pragma("journal_mode", { simple: true })).toBe("delete")
    after.close()
  })
})
