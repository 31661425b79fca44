import { existsSync, mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join, relative as relativePath } from "node:path"
import { type NewStudy, openSqliteStore, openStore, StoreError, sqlitePath, storeBackends } from "@cosearch/store"
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

  it("opens sqlite:///absolute/path.db and sqlite:relative.db URLs as SQLite databases", async () => {
    const path = freshPath()
    const store = openStore(`sqlite://${path}`)
    expect(store.location).toBe(path)
    const study = await store.createStudy(newStudy("by-url"))
    await store.close()
    const relative = relativePath(process.cwd(), path)
    const again = openStore(`sqlite:${relative}`, { mustExist: true })
    expect(again.location).toBe(relative)
    expect(await again.findStudy("by-url")).toEqual(study)
    await again.close()
  })

  it("gives each location to its backend", () => {
    const owner = (location: string) => storeBackends.find((backend) => backend.accepts(location))?.name
    expect(owner("postgresql://u@db:5432/cosearch")).toBe("postgresql")
    expect(owner("postgres://db/cosearch?schema=runs")).toBe("postgresql")
    expect(owner("runs/cosearch.db")).toBe("sqlite")
    expect(owner("/srv/runs/cosearch.db")).toBe("sqlite")
    expect(owner("sqlite:///srv/runs/cosearch.db")).toBe("sqlite")
    expect(owner("sqlite:cosearch.db")).toBe("sqlite")
    expect(owner("sqlite:")).toBeUndefined()
    expect(sqlitePath("sqlite:///srv/runs/cosearch.db")).toBe("/srv/runs/cosearch.db")
    expect(sqlitePath("sqlite:runs/cosearch.db")).toBe("runs/cosearch.db")
    expect(sqlitePath("mysql://db/cosearch")).toBeUndefined()
  })

  it("refuses a location no backend takes, naming it and the backends, creating nothing", () => {
    expect(storeBackends.map((backend) => backend.name)).toEqual(["postgresql", "sqlite"])
    const location = "mysql://localhost/cosearch"
    let thrown: unknown
    try {
      openStore(location)
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(StoreError)
    expect((thrown as StoreError).kind).toBe("io")
    expect((thrown as StoreError).message).toBe(
      'no store backend opens "mysql://localhost/cosearch"; the backends are postgresql (a postgresql:// URL), sqlite (a database file path or sqlite:///path.db)',
    )
    expect(existsSync("mysql:")).toBe(false)
  })
})
