// The read-only mode that the dashboard opens a database with: it never writes the file, nor
// changes its journal mode, nor migrates; it refuses what is not a cosearch database untouched.
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import Database from "better-sqlite3"
import { describe, expect, it } from "vitest"
import { migrations, type NewStudy, openSqliteStore, openStore, StoreError } from "../src/index.js"

const newStudy = (name: string): NewStudy => ({
  name,
  config: { name, seed: 1 },
  configHash: "hash-1",
  space: "nb201",
  objectives: [{ metric: "accuracy", direction: "maximize" }],
  constraints: [],
  seed: "1",
})

const freshFolder = () => mkdtempSync(join(tmpdir(), "cosearch-read-only-"))

/** A cosearch database with one study of `trials` finished trials, closed; returns its path. */
const cosearchDatabase = async (folder: string, trials = 3): Promise<string> => {
  const path = join(folder, "study.db")
  const store = openSqliteStore(path)
  const study = await store.createStudy(newStudy("a"))
  await store.addTrials(
    study.id,
    0,
    Array.from({ length: trials }, (_, k) => ({ params: { k }, origin: "random" })),
  )
  for (let k = 0; k < trials; k++) {
    const trial = await store.claimTrial(study.id, "w", 1)
    if (trial) await store.finishTrial(study.id, trial.number, "w", { state: "complete", values: [k] }, 2)
  }
  await store.close()
  return path
}

const refusal = (open: () => unknown): StoreError => {
  try {
    open()
  } catch (error) {
    if (error instanceof StoreError) return error
    throw error
  }
  throw new Error("opened")
}

describe("openSqliteStore(path, { readOnly: true })", () => {
  it("refuses a foreign SQLite file, naming it and why, and leaves it byte-identical", () => {
    const folder = freshFolder()
    const path = join(folder, "foreign.db")
    const raw = new Database(path)
    raw.pragma("journal_mode = DELETE")
    raw.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes (text) VALUES ('keep me')")
    raw.close()
    const before = readFileSync(path)

    const error = refusal(() => openSqliteStore(path, { readOnly: true }))
    expect(error.kind).toBe("corrupt")
    expect(error.message).toBe(`"${path}" is not a cosearch database: it has no studies and no trials table`)
    expect(readFileSync(path).equals(before)).toBe(true)
    expect(readdirSync(folder)).toEqual(["foreign.db"])
  })

  it("refuses a file that is not SQLite at all, untouched", () => {
    const folder = freshFolder()
    const path = join(folder, "notes.txt")
    writeFileSync(path, "not a database\n".repeat(100))
    const before = readFileSync(path)
    const error = refusal(() => openStore(path, { readOnly: true }))
    expect(error.kind).toBe("corrupt")
    expect(error.message).toContain(path)
    expect(readFileSync(path).equals(before)).toBe(true)
  })

  it("refuses a database whose schema is newer than this code, untouched", async () => {
    const path = await cosearchDatabase(freshFolder())
    const raw = new Database(path)
    const newer = (migrations.at(-1)?.version ?? 0) + 1
    raw.pragma(`user_version = ${newer}`)
    raw.pragma("journal_mode = DELETE")
    raw.close()
    const before = readFileSync(path)
    const error = refusal(() => openSqliteStore(path, { readOnly: true }))
    expect(error.message).toBe(`database "${path}" has schema version ${newer}; this cosearch reads up to ${newer - 1}`)
    expect(readFileSync(path).equals(before)).toBe(true)
  })

  it("refuses a missing file, creating nothing", () => {
    const path = join(freshFolder(), "missing.db")
    expect(refusal(() => openSqliteStore(path, { readOnly: true })).message).toBe(`database "${path}" does not exist`)
    expect(existsSync(path)).toBe(false)
  })

  it("keeps a DELETE-journal database in DELETE mode, byte-identical, while reading it", async () => {
    const folder = freshFolder()
    const path = await cosearchDatabase(folder)
    const raw = new Database(path)
    raw.pragma("journal_mode = DELETE")
    raw.close()
    const before = readFileSync(path)

    const store = openSqliteStore(path, { readOnly: true })
    const [summary] = await store.listStudies()
    expect(summary?.counts.complete).toBe(3)
    expect(await store.history(summary?.study.id ?? -1, 1)).toHaveLength(2)
    expect(store.integrityCheck()).toBe("ok")
    await store.close()

    expect(readFileSync(path).equals(before)).toBe(true)
    expect(readdirSync(folder)).toEqual(["study.db"])
    const check = new Database(path, { readonly: true })
    expect(check.pragma("journal_mode", { simple: true })).toBe("delete")
    check.close()
  })

  it("rejects every write with a read-only StoreError, writing nothing", async () => {
    const path = await cosearchDatabase(freshFolder())
    const before = readFileSync(path)
    const store = openStore(path, { readOnly: true })
    const study = await store.findStudy("a")
    const id = study?.id ?? -1
    const writes: [string, () => Promise<unknown>][] = [
      ["createStudy", () => store.createStudy(newStudy("b"))],
      ["deleteStudy", () => store.deleteStudy("a")],
      ["renameStudy", () => store.renameStudy("a", "b")],
      ["copyStudy", () => store.copyStudy("a", "b")],
      ["addTrials", () => store.addTrials(id, 3, [{ params: {}, origin: "random" }])],
      ["claimTrial", () => store.claimTrial(id, "w", 3)],
      ["finishTrial", () => store.finishTrial(id, 0, "w", { state: "complete", values: [1] }, 3)],
      ["releaseTrials", () => store.releaseTrials(id, "w")],
      ["beatHeartbeat", () => store.beatHeartbeat(id, "w", 3)],
      ["requeueStaleTrials", () => store.requeueStaleTrials(id, { heartbeatBefore: 10 })],
    ]
    for (const [method, write] of writes) {
      await expect(write()).rejects.toSatisfy(
        (error: unknown) =>
          error instanceof StoreError &&
          error.kind === "read-only" &&
          error.message === `database "${path}" is open read-only: ${method} would write`,
      )
    }
    expect(await store.countTrials(id)).toMatchObject({ complete: 3, total: 3 })
    expect((await store.listStudies()).map((summary) => summary.study.name)).toEqual(["a"])
    await store.close()
    expect(readFileSync(path).equals(before)).toBe(true)
  })

  it("opens a file without write permission (chmod 0444)", async () => {
    const path = await cosearchDatabase(freshFolder())
    chmodSync(path, 0o444)
    // As root, permission bits do not stop a write, so a read-write open would work too and this
    // shows only that the read-only open works on such a file; as any other user it also shows
    // that the read-only open needs no write access to the file. (A read-only bind mount would
    // test it as root, but a test cannot mount.)
    if (process.getuid?.() !== 0) expect(() => new Database(path).pragma("user_version = 1")).toThrow()
    const store = openSqliteStore(path, { readOnly: true })
    expect((await store.listStudies()).map(({ study, counts }) => [study.name, counts.total])).toEqual([["a", 3]])
    await store.close()
  })

  it("sees the trials another connection writes after it opened (WAL)", async () => {
    const path = await cosearchDatabase(freshFolder(), 0)
    const writer = openSqliteStore(path)
    const reader = openSqliteStore(path, { readOnly: true })
    const study = await writer.findStudy("a")
    const id = study?.id ?? -1
    expect(await reader.countTrials(id)).toMatchObject({ total: 0 })
    await writer.addTrials(id, 0, [{ params: { k: 0 }, origin: "random" }])
    const trial = await writer.claimTrial(id, "w", 1)
    expect(await reader.countTrials(id)).toMatchObject({ running: 1, total: 1 })
    await writer.finishTrial(id, trial?.number ?? -1, "w", { state: "complete", values: [0.5] }, 2)
    expect((await reader.history(id)).map((found) => [found.number, found.state, found.values])).toEqual([[0, "complete", [0.5]]])
    await reader.close()
    expect(await writer.countTrials(id)).toMatchObject({ complete: 1 })
    const check = new Database(path, { readonly: true })
    expect(check.pragma("journal_mode", { simple: true })).toBe("wal")
    check.close()
    await writer.close()
  })
})
