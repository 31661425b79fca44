import { readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { runInProcess } from "./run-cli.js"
import { freshFolder } from "./study-kit.js"

// The dashboard serving a real database is tested in dashboard-live.test.ts (processes, Chromium).
describe("cosearch dashboard: what it refuses", () => {
  it("exits 1 on a missing database, creating nothing", async () => {
    const path = join(freshFolder(), "missing.db")
    const run = await runInProcess(["dashboard", "--db", path, "--port", "0"])
    expect(run).toMatchObject({ code: 1, stderr: `cosearch: database "${path}" does not exist` })
  })

  it("exits 1 on a SQLite file that is not a cosearch database, leaving it byte-identical", async () => {
    // An empty file is an empty SQLite database (a foreign one with tables: packages/store's read-only test).
    const path = join(freshFolder(), "foreign.db")
    writeFileSync(path, "")
    const before = readFileSync(path)
    const run = await runInProcess(["dashboard", "--db", path, "--port", "0"])
    expect(run).toMatchObject({ code: 1, stderr: `cosearch: "${path}" is not a cosearch database: it has no studies and no trials table` })
    expect(readFileSync(path).equals(before)).toBe(true)
  })

  it("exits 1 on a file that is not SQLite", async () => {
    const path = join(freshFolder(), "notes.txt")
    writeFileSync(path, "a text file\n")
    const run = await runInProcess(["dashboard", "--db", path])
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/^cosearch: database ".*notes\.txt" is damaged or not a cosearch database/)
  })

  it("refuses a port that is not one (usage error, exit 2)", async () => {
    const run = await runInProcess(["dashboard", "--db", "x.db", "--port", "70000"])
    expect(run.code).toBe(2)
  })
})
