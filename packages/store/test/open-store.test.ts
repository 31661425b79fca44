import { existsSync, mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { type NewStudy, openSqliteStore, openStore, StoreError, storeBackends } from "@cosearch/store"
import { describe, expect, it } from "vitest"

const newStudy = (name: string): NewStudy => ({
  name,
  config: { name, seed: 1 },
  configHash: "hash-1",
  space: "nb201",
  objectives: [{ metric: "accuracy", direction: "maximize" }],
  constraints: [],
  seed: "1",
})

const freshPath = () => join(mkdtempSync(join(tmpdir(), "cosearch-open-")), "study.db")

describe("openStore (the backends by location)", () => {
  it("opens a file path as a SQLite database that the SQLite store reads back", async () => {
    const path = freshPath()
    const store = openStore(path)
    const study = await store.createStudy(newStudy("by-location"))
    await store.close()
    const sqlite = openSqliteStore(path, { mustExist: true })
    expect(await sqlite.findStudy("by-location")).toEqual(study)
    expect(sqlite.integrityCheck()).toBe("ok")
    await sqlite.close()
  })

  it("refuses a missing file with mustExist, creating nothing", () => {
    const path = freshPath()
    expect(() => openStore(path, { mustExist: true })).toThrow(StoreError)
    expect(existsSync(path)).toBe(false)
  })

  it("refuses a location no backend takes, naming it and the backends, creating nothing", () => {
    expect(storeBackends.map((backend) => backend.name)).toEqual(["sqlite"])
    const location = "postgres://localhost/cosearch"
    let thrown: unknown
    try {
      openStore(location)
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(StoreError)
    expect((thrown as StoreError).kind).toBe("io")
    expect((thrown as StoreError).message).toBe(
      'no store backend opens "postgres://localhost/cosearch"; the backends are sqlite (a database file path)',
    )
    expect(existsSync("postgres:")).toBe(false)
  })
})
