// What only the SQLite store has: its file, schema versions, WAL journal and busy handling. The
// StudyStore contract itself is checked by the conformance suite (sqlite-conformance.test.ts).
import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import Database from "better-sqlite3"
import { describe, expect, it } from "vitest"
import { migrations, type NewStudy, openSqliteStore, StoreError } from "../src/index.js"

const databasePath = (): string => join(mkdtempSync(join(tmpdir(), "cosearch-store-")), "study.db")

const newStudy = (name: string): NewStudy => ({
  name,
  config: { name, seed: 1 },
  configHash: "hash-1",
  space: "nb201",
  objectives: [
    { metric: "accuracy", direction: "maximize" },
    { metric: "latencyMs", direction: "minimize" },
  ],
  constraints: [{ metric: "areaMm2", max: 10 }],
  seed: "1",
})

describe("openSqliteStore", () => {
  it("creates the schema at the latest version and reopens it", async () => {
    const path = databasePath()
    const store = openSqliteStore(path)
    expect(store.integrityCheck()).toBe("ok")
    const study = await store.createStudy(newStudy("a"))
    await store.close()
    const again = openSqliteStore(path, { mustExist: true })
    expect(await again.findStudy("a")).toEqual(study)
    expect(migrations.at(-1)?.version).toBe(1)
    await again.close()
  })

  it("refuses a missing file with mustExist and a taken study name", async () => {
    expect(() => openSqliteStore(databasePath(), { mustExist: true })).toThrow(/does not exist/)
    const store = openSqliteStore(databasePath())
    await store.createStudy(newStudy("a"))
    await expect(store.createStudy(newStudy("a"))).rejects.toSatisfy(
      (error: unknown) => error instanceof StoreError && error.kind === "study-exists" && /"a" already exists/.test(error.message),
    )
    await store.close()
  })

  it("refuses a database newer than this code, and a file that is not a database", async () => {
    const path = databasePath()
    const raw = new Database(path)
    raw.pragma("user_version = 99")
    raw.close()
    expect(() => openSqliteStore(path)).toThrow(/schema version 99/)
    const text = join(mkdtempSync(join(tmpdir(), "cosearch-store-")), "notes.db")
    writeFileSync(text, "not a database, just text long enough to fill a header page ".repeat(20))
    expect(() => openSqliteStore(text)).toThrow(expect.objectContaining({ kind: "corrupt" }))
  })

  it("writes through a WAL journal", async () => {
    const path = databasePath()
    const store = openSqliteStore(path)
    await store.createStudy(newStudy("a"))
    const raw = new Database(path, { readonly: true })
    expect(raw.pragma("journal_mode", { simple: true })).toBe("wal")
    raw.close()
    await store.close()
  })

  it("fails as busy when another connection holds the write lock past the busy timeout, and goes on after", async () => {
    const path = databasePath()
    const store = openSqliteStore(path, { busyTimeoutMs: 50 })
    const { id } = await store.createStudy(newStudy("a"))
    const other = new Database(path)
    other.exec("BEGIN IMMEDIATE")
    await expect(store.addTrials(id, 0, [{ params: { x: 1 }, origin: "hand" }])).rejects.toSatisfy(
      (error: unknown) => error instanceof StoreError && error.kind === "busy",
    )
    expect(await store.countTrials(id)).toMatchObject({ total: 0 }) // readers are not blocked
    other.exec("COMMIT")
    other.close()
    expect(await store.addTrials(id, 0, [{ params: { x: 1 }, origin: "hand" }])).toBe(true)
    await store.close()
  })

  it("reads a database written by earlier versions as it was written", async () => {
    // Rows as schema version 1 has always stored them (JSON text columns, NULL for absent values).
    const path = databasePath()
    await openSqliteStore(path).close()
    const raw = new Database(path)
    raw
      .prepare("INSERT INTO studies VALUES (1, 'old', ?, 'h', '\"nb201\"', ?, ?, '0', 1700000000000)")
      .run(
        JSON.stringify({ name: "old" }),
        JSON.stringify([{ metric: "accuracy", direction: "maximize" }]),
        JSON.stringify([{ metric: "latencyMs", max: 1.1164 }]),
      )
    const insert = raw.prepare("INSERT INTO trials VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
    insert.run(
      0,
      "complete",
      '{"edge_1_0":"none","x":2,"on":true}',
      "nsga2",
      "[93.1]",
      "[-0.1]",
      '{"accuracy":93.1,"note":null}',
      null,
      "h:1:r:0",
      5,
      4,
      5,
      1,
    )
    insert.run(1, "failed", '{"edge_1_0":"skip_connect","x":3,"on":false}', "random", null, null, null, "crash", "h:1:r:1", 6, 4, 6, 2)
    insert.run(2, "waiting", '{"edge_1_0":"none","x":4,"on":true}', "nsga2", null, null, null, null, null, null, null, null, 0)
    raw.close()
    const store = openSqliteStore(path, { mustExist: true })
    expect(await store.findStudy("old")).toEqual({
      id: 1,
      name: "old",
      config: { name: "old" },
      configHash: "h",
      space: "nb201",
      objectives: [{ metric: "accuracy", direction: "maximize" }],
      constraints: [{ metric: "latencyMs", max: 1.1164 }],
      seed: "0",
      createdAt: 1700000000000,
    })
    // Byte for byte what `cosearch trials --json` printed before trials became @cosearch/optimize's.
    expect(JSON.stringify(await store.trials(1))).toBe(
      '[{"studyId":1,"number":0,"state":"complete","params":{"edge_1_0":"none","x":2,"on":true},"origin":"nsga2","values":[93.1],"constraints":[-0.1],"metrics":{"accuracy":93.1,"note":null},"worker":"h:1:r:0","heartbeatAt":5,"startedAt":4,"finishedAt":5,"attempts":1},' +
        '{"studyId":1,"number":1,"state":"failed","params":{"edge_1_0":"skip_connect","x":3,"on":false},"origin":"random","error":"crash","worker":"h:1:r:1","heartbeatAt":6,"startedAt":4,"finishedAt":6,"attempts":2},' +
        '{"studyId":1,"number":2,"state":"waiting","params":{"edge_1_0":"none","x":4,"on":true},"origin":"nsga2","attempts":0}]',
    )
    await store.close()
  })
})
