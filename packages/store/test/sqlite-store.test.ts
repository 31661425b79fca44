import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { bestTrials, migrations, type NewStudy, openSqliteStore, paretoFront, StoreError, type Trial } from "../src/index.js"

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

const planned = (n: number) => Array.from({ length: n }, (_, k) => ({ params: { x: k }, origin: "random" }))

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
  })

  it("adds a numbered batch once, even when two connections race for it", async () => {
    const path = databasePath()
    const first = openSqliteStore(path)
    const second = openSqliteStore(path)
    const { id } = await first.createStudy(newStudy("a"))
    expect(await first.addTrials(id, 0, planned(3))).toBe(true)
    expect(await second.addTrials(id, 0, planned(3))).toBe(false)
    expect(await second.addTrials(id, 2, planned(3))).toBe(false)
    expect(await second.addTrials(id, 3, planned(2))).toBe(true)
    expect((await first.trials(id)).map((trial) => [trial.number, trial.state])).toEqual([
      [0, "waiting"],
      [1, "waiting"],
      [2, "waiting"],
      [3, "waiting"],
      [4, "waiting"],
    ])
  })

  it("claims the lowest waiting trial and lets only its holder finish it", async () => {
    const store = openSqliteStore(databasePath())
    const { id } = await store.createStudy(newStudy("a"))
    await store.addTrials(id, 0, planned(2))
    const claimed = await store.claimTrial(id, "host:1:a:0", 100)
    expect(claimed).toMatchObject({ number: 0, state: "running", worker: "host:1:a:0", heartbeatAt: 100, startedAt: 100, attempts: 1 })
    expect((await store.claimTrial(id, "host:1:a:1", 101))?.number).toBe(1)
    expect(await store.claimTrial(id, "host:1:a:2", 102)).toBeUndefined()
    expect(await store.finishTrial(id, 0, "someone-else", { state: "complete", values: [1, 2] }, 103)).toBe(false)
    const result = { state: "complete", values: [93.5, 1.2], constraints: [-1], metrics: { accuracy: 93.5, note: "x" } } as const
    expect(await store.finishTrial(id, 0, "host:1:a:0", result, 110)).toBe(true)
    const [done] = await store.history(id)
    expect(done).toMatchObject({ number: 0, state: "complete", values: [93.5, 1.2], constraints: [-1], finishedAt: 110 })
    expect(done?.metrics).toEqual({ accuracy: 93.5, note: "x" })
    expect(await store.countTrials(id)).toEqual({ waiting: 0, running: 1, complete: 1, failed: 0, infeasible: 0, total: 2 })
  })

  it("releases, beats and requeues running trials", async () => {
    const store = openSqliteStore(databasePath())
    const { id } = await store.createStudy(newStudy("a"))
    await store.addTrials(id, 0, planned(3))
    await store.claimTrial(id, "h:1:r:0", 100)
    await store.claimTrial(id, "h:1:r:1", 100)
    await store.claimTrial(id, "h:2:r:0", 100)
    expect(await store.releaseTrials(id, "h:1:r:1")).toBe(1)
    await store.beatHeartbeat(id, "h:1:", 500)
    expect((await store.trials(id, ["running"])).map((trial) => [trial.number, trial.heartbeatAt])).toEqual([
      [0, 500],
      [2, 100],
    ])
    // Trial 2's heartbeat is stale; trial 0's worker is dead; a live worker's trials stay.
    const status = (worker: string) => (worker.startsWith("h:1:") ? "dead" : worker.startsWith("h:2:") ? "alive" : "unknown")
    expect(
      await store.requeueStaleTrials(id, {
        heartbeatBefore: 200,
        workerStatus: (worker) => (worker.startsWith("h:2:") ? "alive" : "unknown"),
      }),
    ).toBe(0)
    expect(await store.requeueStaleTrials(id, { heartbeatBefore: 200 })).toBe(1)
    expect(await store.requeueStaleTrials(id, { heartbeatBefore: 0, workerStatus: status })).toBe(1)
    const again = await store.claimTrial(id, "h:3:r:0", 600)
    expect(again).toMatchObject({ number: 0, attempts: 2 })
    expect((await store.listStudies()).map(({ study, counts }) => [study.name, counts.waiting, counts.running])).toEqual([["a", 2, 1]])
  })
})

const trial = (number: number, values: number[] | undefined, state: Trial["state"] = "complete", constraints?: number[]): Trial => ({
  studyId: 1,
  number,
  state,
  params: {},
  origin: "test",
  values,
  constraints,
  metrics: undefined,
  error: undefined,
  worker: undefined,
  heartbeatAt: undefined,
  startedAt: undefined,
  finishedAt: undefined,
  attempts: 1,
})

describe("ranking", () => {
  const study = newStudy("a")
  const trials = [
    trial(0, [90, 2]),
    trial(1, [93, 3]),
    trial(2, [94, 9], "complete", [0.5]), // violates its constraint
    trial(3, [92, 1]),
    trial(4, [91, 4]), // dominated by 1
    trial(5, undefined, "failed"),
    trial(6, [93, 3]),
  ]

  it("orders feasible trials by the first objective", () => {
    expect(bestTrials(study, trials, 3).map((t) => t.number)).toEqual([1, 6, 3])
  })

  it("keeps the non-dominated feasible trials", () => {
    expect(paretoFront(study, trials).map((t) => t.number)).toEqual([1, 3, 6])
  })
})
