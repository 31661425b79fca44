// What the PostgreSQL store does beyond the conformance suite, on a real server
// (COSEARCH_TEST_POSTGRES): many processes claiming at once, the schema and its migrations, the
// read-only mode, the URL, and errors. Without a server the file fails, saying how to start one.
import {
  type NewStudy,
  openPostgresStore,
  openStore,
  type PostgresStudyStore,
  parsePostgresLocation,
  postgresMigrations,
  StoreError,
  type StudyStore,
} from "@cosearch/store"
import { dropSchemas, freshSchema, missingServer, onServer, serverUrl } from "@cosearch/store/testing/postgres"
import { afterAll, describe, expect, it } from "vitest"

const newStudy = (name: string): NewStudy => ({
  name,
  config: { name, seed: 1 },
  configHash: "hash-1",
  space: "nb201",
  objectives: [{ metric: "accuracy", direction: "maximize" }],
  constraints: [],
  seed: "1",
})

const rejection = async (promise: Promise<unknown>): Promise<StoreError> => {
  try {
    await promise
  } catch (error) {
    if (error instanceof StoreError) return error
    throw error
  }
  throw new Error("resolved")
}

describe("parsePostgresLocation", () => {
  it("takes the schema and options out of the URL and hides the password in the label", () => {
    const parsed = parsePostgresLocation(
      "postgresql://u:secret@db.lab:5433/cosearch?schema=runs&sslmode=disable&options=-c%20work_mem%3D64MB",
    )
    expect(parsed).toEqual({
      connectionString: "postgresql://u:secret@db.lab:5433/cosearch?sslmode=disable",
      schema: "runs",
      options: "-c work_mem=64MB",
      label: "postgresql://u:***@db.lab:5433/cosearch?sslmode=disable&schema=runs",
    })
    expect(parsePostgresLocation("postgres://db/cosearch")).toMatchObject({ schema: "public", label: "postgres://db/cosearch" })
  })

  it("refuses an empty schema name", () => {
    expect(() => parsePostgresLocation("postgresql://db/cosearch?schema=")).toThrow(StoreError)
  })
})

describe("openPostgresStore without a server", () => {
  it("opens at once and rejects the first step with an io StoreError naming the server, not its password", async () => {
    // Port 1 on the loopback: nothing listens there.
    const store = openPostgresStore("postgresql://u:secret@127.0.0.1:1/cosearch")
    const error = await rejection(store.listStudies())
    expect(error.kind).toBe("io")
    expect(error.message).toContain('database "postgresql://u:***@127.0.0.1:1/cosearch"')
    expect(error.message).not.toContain("secret")
    expect((await rejection(store.connect())).kind).toBe("io")
    await expect(store.close()).resolves.toBeUndefined()
  })
})

if (serverUrl === "") {
  describe("openPostgresStore on a server", () => {
    it("needs a PostgreSQL server (COSEARCH_TEST_POSTGRES)", () => {
      expect.fail(missingServer)
    })
  })
} else {
  afterAll(dropSchemas)

  describe("openPostgresStore on a server", () => {
    it("never gives one trial to two of 4 processes (pools) claiming 200 trials at once", async () => {
      const { url } = freshSchema("claims")
      const stores = Array.from({ length: 4 }, () => openPostgresStore(url, { maxConnections: 4 }))
      try {
        const { id } = await (stores[0] as StudyStore).createStudy(newStudy("claims"))
        await (stores[0] as StudyStore).addTrials(
          id,
          0,
          Array.from({ length: 200 }, (_, k) => ({ params: { k }, origin: "random" })),
        )
        const claimer = async (store: StudyStore, worker: string): Promise<number[]> => {
          const got: number[] = []
          for (;;) {
            const trial = await store.claimTrial(id, worker, Date.now())
            if (trial === undefined) return got
            got.push(trial.number)
            if (got.length % 3 === 0)
              await store.finishTrial(id, trial.number, worker, { state: "complete", values: [trial.number] }, Date.now())
          }
        }
        const byWorker = await Promise.all(
          stores.flatMap((store, p) => Array.from({ length: 4 }, (_, c) => claimer(store, `host:${p}:run:${c}`))),
        )
        const claimed = byWorker.flat().sort((x, y) => x - y)
        expect(claimed).toEqual(Array.from({ length: 200 }, (_, k) => k))
        expect(byWorker.filter((numbers) => numbers.length > 0).length).toBeGreaterThan(1)
        const counts = await (stores[3] as StudyStore).countTrials(id)
        expect(counts.waiting).toBe(0)
        expect(counts.running + counts.complete).toBe(200)
        for (const trial of await (stores[1] as StudyStore).trials(id)) expect(trial.attempts).toBe(1)
      } finally {
        await Promise.all(stores.map((store) => store.close()))
      }
    })

    it("creates its schema and tables, records the migrations, and migrates once when several open a new store at once", async () => {
      const { schema, url } = freshSchema("migrate")
      const stores = Array.from({ length: 4 }, () => openPostgresStore(url))
      await Promise.all(stores.map((store) => store.connect()))
      await Promise.all(stores.map((store) => store.close()))
      const versions = await onServer<{ version: number }>(`SELECT version FROM "${schema}".cosearch_migrations ORDER BY version`)
      expect(versions.map((row) => row.version)).toEqual(postgresMigrations.map((step) => step.version))
      const tables = await onServer<{ table_name: string }>(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name",
        [schema],
      )
      expect(tables.map((row) => row.table_name)).toEqual(["cosearch_migrations", "studies", "trials"])
    })

    it("opens through openStore by its URL, and an existing store with mustExist", async () => {
      const { url } = freshSchema("open")
      const store = openStore(url)
      const created = await store.createStudy(newStudy("by-url"))
      await store.close()
      const again = openStore(url, { mustExist: true })
      expect(await again.findStudy("by-url")).toEqual(created)
      await again.close()
    })

    it("refuses a missing store with mustExist, creating nothing", async () => {
      const { schema, url } = freshSchema("missing")
      const store = openStore(url, { mustExist: true })
      const error = await rejection(store.listStudies())
      expect(error.kind).toBe("io")
      expect(error.message).toContain("does not exist")
      await store.close()
      expect(await onServer("SELECT 1 FROM pg_namespace WHERE nspname = $1", [schema])).toEqual([])
    })

    it("refuses a schema newer than this code", async () => {
      const { schema, url } = freshSchema("newer")
      const store = openPostgresStore(url)
      await store.connect()
      await store.close()
      const newer = (postgresMigrations.at(-1)?.version ?? 0) + 1
      await onServer(`INSERT INTO "${schema}".cosearch_migrations (version, applied_at) VALUES ($1, 0)`, [newer])
      for (const readOnly of [false, true]) {
        const reopened = openPostgresStore(url, { readOnly })
        expect((await rejection(reopened.listStudies())).message).toContain(
          `has schema version ${newer}; this cosearch reads up to ${newer - 1}`,
        )
        await reopened.close()
      }
    })

    it("names the study in a study-exists error", async () => {
      const { url } = freshSchema("exists")
      const store = openPostgresStore(url)
      await store.createStudy(newStudy("taken"))
      const error = await rejection(store.createStudy(newStudy("taken")))
      expect(error.kind).toBe("study-exists")
      expect(error.message).toBe(`a study named "taken" already exists in "${store.location}"`)
      await store.close()
    })
  })

  describe("openPostgresStore(url, { readOnly: true })", () => {
    const filled = async (): Promise<{ url: string; schema: string; id: number }> => {
      const { url, schema } = freshSchema("read_only")
      const store = openPostgresStore(url)
      const { id } = await store.createStudy(newStudy("a"))
      await store.addTrials(
        id,
        0,
        [0, 1, 2].map((k) => ({ params: { k }, origin: "random" })),
      )
      for (let k = 0; k < 3; k++) {
        const trial = await store.claimTrial(id, "w", 1)
        if (trial) await store.finishTrial(id, trial.number, "w", { state: "complete", values: [k] }, 2)
      }
      await store.close()
      return { url, schema, id }
    }

    it("reads, and rejects every write with a read-only StoreError, writing nothing", async () => {
      const { url, id } = await filled()
      const store = openStore(url, { readOnly: true }) as PostgresStudyStore
      expect((await store.listStudies()).map(({ study, counts }) => [study.name, counts.complete])).toEqual([["a", 3]])
      expect(await store.history(id, 1)).toHaveLength(2)
      const writes: [string, () => Promise<unknown>][] = [
        ["createStudy", () => store.createStudy(newStudy("b"))],
        ["addTrials", () => store.addTrials(id, 3, [{ params: {}, origin: "random" }])],
        ["claimTrial", () => store.claimTrial(id, "w", 3)],
        ["finishTrial", () => store.finishTrial(id, 0, "w", { state: "complete", values: [1] }, 3)],
        ["releaseTrials", () => store.releaseTrials(id, "w")],
        ["beatHeartbeat", () => store.beatHeartbeat(id, "w", 3)],
        ["requeueStaleTrials", () => store.requeueStaleTrials(id, { heartbeatBefore: 10 })],
      ]
      for (const [method, write] of writes) {
        const error = await rejection(write())
        expect(error.kind).toBe("read-only")
        expect(error.message).toBe(`database "${store.location}" is open read-only: ${method} would write`)
      }
      expect(await store.countTrials(id)).toMatchObject({ complete: 3, total: 3 })
      await store.close()
    })

    it("refuses a schema that is not a cosearch store, creating nothing", async () => {
      const { schema, url } = freshSchema("foreign")
      await onServer(`CREATE SCHEMA "${schema}"; CREATE TABLE "${schema}".notes (id integer)`)
      const store = openPostgresStore(url, { readOnly: true })
      const error = await rejection(store.listStudies())
      expect(error.kind).toBe("corrupt")
      expect(error.message).toBe(`"${store.location}" is not a cosearch store: schema "${schema}" has no studies and no trials table`)
      await store.close()
      const tables = await onServer<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = $1", [
        schema,
      ])
      expect(tables).toEqual([{ table_name: "notes" }])
    })

    it("sees what another handle writes after it opened", async () => {
      const { url, id } = await filled()
      const reader = openPostgresStore(url, { readOnly: true })
      const writer = openPostgresStore(url)
      expect(await reader.countTrials(id)).toMatchObject({ total: 3 })
      await writer.addTrials(id, 3, [{ params: { k: 3 }, origin: "random" }])
      expect(await reader.countTrials(id)).toMatchObject({ waiting: 1, total: 4 })
      await Promise.all([reader.close(), writer.close()])
    })
  })
}
