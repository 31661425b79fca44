import type { Trial, TrialProposal, TrialResult } from "@cosearch/optimize"
import { afterEach, describe, expect, it } from "vitest"
import { StoreError } from "../study/store-error.js"
import type { NewStudy } from "../study/study.js"
import type { StudyStore } from "../study/study-store.js"

/**
 * Opens one more handle (a connection) on the storage a `MakeStorage` made.
 *
 * @example
 * const openHandle: OpenHandle = () => openSqliteStore(path)
 */
export type OpenHandle = () => StudyStore | Promise<StudyStore>

/**
 * Makes a fresh, empty storage for one test (a new database file, a new schema on a server) and
 * returns how to open handles on it.
 *
 * @example
 * const makeStorage: MakeStorage = () => {
 *   const path = join(mkdtempSync(join(tmpdir(), "cosearch-")), "study.db")
 *   return () => openSqliteStore(path)
 * }
 */
export type MakeStorage = () => OpenHandle | Promise<OpenHandle>

/**
 * Options of `storeConformance`.
 *
 * @example
 * const options: ConformanceOptions = { sharedHandles: false } // a store living in one process's memory
 */
export interface ConformanceOptions {
  /**
   * Whether several handles can be open on one storage at once, as several processes would have
   * (default true). The races between handles and the reopening after `close` need it.
   */
  readonly sharedHandles?: boolean
}

const study = (name: string): NewStudy => ({
  name,
  config: { name, nested: { list: [1, "two", true, null], ratio: 0.1 } },
  configHash: `hash-${name}`,
  space: { name: "grid", parameters: [{ kind: "ordinal", name: "x", values: [1, 2, 3] }] },
  objectives: [
    { metric: "accuracy", direction: "maximize" },
    { metric: "latencyMs", direction: "minimize" },
  ],
  constraints: [
    { metric: "areaMm2", max: 10 },
    { metric: "accuracy", min: 80 },
  ],
  seed: "7",
})

const proposals = (n: number, origin = "random"): TrialProposal[] => Array.from({ length: n }, (_, k) => ({ params: { x: k }, origin }))

/** Every value type a parameter, a value and a metric can take, and errors with line breaks and quotes. */
const everyKind = {
  params: { dataflow: "ws", pe_x: 16, lr: 0.001, offset: -3, tiny: 1.5e-300, use_se: true, fused: false, "name with spaces": 'a "b"' },
  values: [93.5, 1.25e-7],
  constraints: [-1, 0, 0.5],
  metrics: { accuracy: 93.5, network: "nb201", placed: true, fused: false, energy: null, zero: 0, delta: -2.25 },
  error: 'line one\nline "two", ünïcödé',
} as const

/** The number and state of each trial. */
const states = (trials: readonly Trial[]): [number, Trial["state"]][] => trials.map((trial) => [trial.number, trial.state])

/**
 * Declares the vitest tests every `StudyStore` must pass: studies (create, find, list, a taken
 * name), `deleteStudy`, `renameStudy` and `copyStudy` (trials in every state copied as they are,
 * other studies untouched, taken and missing names), `addTrials` (numbering, "another process
 * added them first", races between handles), `claimTrial` (lowest number first, never one trial
 * to two claimers, concurrently from several handles), `finishTrial` (by the holder only),
 * `releaseTrials`, `beatHeartbeat`, `requeueStaleTrials` (dead workers at once, unknown ones by a
 * stale heartbeat, alive ones never), `trials`, `history` and `countTrials`, the round trip of
 * every field of a study and a trial, and `close`. Call it at the top level of a test file; every
 * test gets a fresh storage from `makeStorage`, and every handle it opens is closed after the test.
 *
 * @example
 * // packages/store/test/sqlite-conformance.test.ts
 * import { storeConformance } from "@cosearch/store/testing"
 * storeConformance("SQLite", () => {
 *   const path = join(mkdtempSync(join(tmpdir(), "cosearch-")), "study.db")
 *   return () => openSqliteStore(path)
 * })
 */
export const storeConformance = (name: string, makeStorage: MakeStorage, options: ConformanceOptions = {}): void => {
  const sharedHandles = options.sharedHandles ?? true

  describe(`StudyStore conformance: ${name}`, () => {
    const open: StudyStore[] = []
    afterEach(async () => {
      for (const store of open.splice(0)) await store.close()
    })

    /** A fresh storage: a function opening handles on it, each closed after the test. */
    const storage = async (): Promise<() => Promise<StudyStore>> => {
      const openHandle = await makeStorage()
      return async () => {
        const store = await openHandle()
        open.push(store)
        return store
      }
    }
    /** One handle on a fresh storage. */
    const fresh = async (): Promise<StudyStore> => (await storage())()
    /** `count` handles on one fresh storage (one when handles cannot be shared). */
    const handles = async (count: number): Promise<StudyStore[]> => {
      const openHandle = await storage()
      const first = await openHandle()
      const rest = sharedHandles ? await Promise.all(Array.from({ length: count - 1 }, openHandle)) : []
      return [first, ...rest]
    }

    describe("studies", () => {
      it("creates a study with an id and a creation time and finds it by name as it was given", async () => {
        const store = await fresh()
        const before = Date.now()
        const created = await store.createStudy(study("a"))
        expect(created).toEqual({ ...study("a"), id: created.id, createdAt: created.createdAt })
        expect(Number.isInteger(created.id)).toBe(true)
        expect(created.createdAt).toBeGreaterThanOrEqual(before - 1000)
        expect(await store.findStudy("a")).toEqual(created)
        expect(await store.findStudy("b")).toBeUndefined()
        const named = await store.createStudy({ ...study("named-space"), space: "nb201", constraints: [] })
        expect(await store.findStudy("named-space")).toEqual(named)
        expect(named.id).not.toBe(created.id)
      })

      it("refuses a taken name with a StoreError of kind study-exists", async () => {
        const [first, second] = (await handles(2)) as [StudyStore, StudyStore | undefined]
        await first.createStudy(study("a"))
        for (const store of second === undefined ? [first] : [first, second]) {
          await expect(store.createStudy({ ...study("a"), configHash: "other" })).rejects.toSatisfy(
            (error: unknown) => error instanceof StoreError && error.kind === "study-exists",
          )
        }
        expect((await first.findStudy("a"))?.configHash).toBe("hash-a")
      })

      it("lists every study, oldest first, with its trial counts", async () => {
        const store = await fresh()
        expect(await store.listStudies()).toEqual([])
        const a = await store.createStudy(study("a"))
        const b = await store.createStudy(study("b"))
        await store.addTrials(b.id, 0, proposals(4))
        await store.claimTrial(b.id, "w:0", 10)
        await store.claimTrial(b.id, "w:1", 10)
        await store.finishTrial(b.id, 0, "w:0", { state: "failed", error: "crash" }, 11)
        const listed = await store.listStudies()
        expect(listed.map((summary) => summary.study)).toEqual([a, b])
        expect(listed.map((summary) => summary.counts)).toEqual([
          { waiting: 0, running: 0, complete: 0, failed: 0, infeasible: 0, total: 0 },
          { waiting: 2, running: 1, complete: 0, failed: 1, infeasible: 0, total: 4 },
        ])
      })
    })

    describe("deleteStudy, renameStudy and copyStudy", () => {
      /** A study "a" with trials in every state (0 infeasible ... 5 waiting), and a study "b" with one complete trial. */
      const twoStudies = async (store: StudyStore) => {
        const a = await store.createStudy(study("a"))
        const b = await store.createStudy({ ...study("b"), configHash: "hash-b2" })
        await store.addTrials(a.id, 0, proposals(6))
        const { params, values, constraints, metrics, error } = everyKind
        const ends: TrialResult[] = [
          { state: "infeasible", values, constraints, metrics, error },
          { state: "complete", values, constraints, metrics },
          { state: "failed", error },
        ]
        for (const [k, result] of ends.entries()) {
          await store.claimTrial(a.id, `w:${k}`, 100 + k)
          await store.finishTrial(a.id, k, `w:${k}`, result, 200 + k)
        }
        await store.claimTrial(a.id, "w:3", 300)
        await store.claimTrial(a.id, "w:4", 301)
        await store.releaseTrials(a.id, "w:4") // trial 4 waits again, with one attempt
        await store.addTrials(b.id, 0, [{ params: { ...params }, origin: "b-only" }])
        await store.claimTrial(b.id, "w:b", 400)
        await store.finishTrial(b.id, 0, "w:b", { state: "complete", values: [1, 2] }, 401)
        return { a, b }
      }
      const rejectsTaken = (error: unknown) => error instanceof StoreError && error.kind === "study-exists"
      /** The trials without their study id. */
      const unowned = (trials: readonly Trial[]) => trials.map(({ studyId: _, ...trial }) => trial)

      it("deletes a study with all its trials, leaving the other studies and their trials as they were", async () => {
        const [store, other] = (await handles(2)) as [StudyStore, StudyStore | undefined]
        const { a, b } = await twoStudies(store)
        const bTrials = await store.trials(b.id)
        expect(await store.deleteStudy("a")).toBe(6)
        for (const reader of other === undefined ? [store] : [store, other]) {
          expect(await reader.findStudy("a")).toBeUndefined()
          expect(await reader.trials(a.id)).toEqual([])
          expect(await reader.countTrials(a.id)).toMatchObject({ total: 0 })
          expect((await reader.listStudies()).map((summary) => [summary.study, summary.counts.total])).toEqual([[b, 1]])
          expect(await reader.trials(b.id)).toEqual(bTrials)
        }
        expect(await store.deleteStudy("a")).toBeUndefined()
        expect(await store.deleteStudy("never")).toBeUndefined()
        // The name is free again, for a study with no trials.
        const again = await store.createStudy(study("a"))
        expect(await store.trials(again.id)).toEqual([])
        expect(await store.deleteStudy("a")).toBe(0)
        expect((await store.listStudies()).map((summary) => summary.study.name)).toEqual(["b"])
      })

      it("renames a study, keeping its id, creation time, config and trials; refuses a taken name", async () => {
        const [store, other] = (await handles(2)) as [StudyStore, StudyStore | undefined]
        const { a, b } = await twoStudies(store)
        const trials = await store.trials(a.id)
        const renamed = await store.renameStudy("a", "renamed")
        expect(renamed).toEqual({ ...a, name: "renamed" })
        for (const reader of other === undefined ? [store] : [store, other]) {
          expect(await reader.findStudy("a")).toBeUndefined()
          expect(await reader.findStudy("renamed")).toEqual(renamed)
          expect(await reader.trials(a.id)).toEqual(trials)
        }
        await expect(store.renameStudy("renamed", "b")).rejects.toSatisfy(rejectsTaken)
        await expect(store.renameStudy("renamed", "renamed")).rejects.toSatisfy(rejectsTaken)
        expect(await store.renameStudy("missing", "c")).toBeUndefined()
        expect(await store.renameStudy("missing", "b")).toBeUndefined()
        expect((await store.listStudies()).map((summary) => summary.study)).toEqual([renamed, b])
        // The run goes on under the new name.
        expect(await store.claimTrial(a.id, "w:5", 500)).toMatchObject({ studyId: a.id, number: 4, attempts: 2 })
      })

      it("copies a study under a new name: its config and every trial as it is, then each goes its own way", async () => {
        const [store, other] = (await handles(2)) as [StudyStore, StudyStore | undefined]
        const { a, b } = await twoStudies(store)
        const trials = await store.trials(a.id)
        const before = Date.now()
        const copy = (await store.copyStudy("a", "copy")) as typeof a
        const { id: _id, createdAt: _createdAt, name: _name, ...content } = a
        expect(copy).toEqual({ ...content, name: "copy", id: copy.id, createdAt: copy.createdAt })
        expect(copy.id).not.toBe(a.id)
        expect(copy.id).not.toBe(b.id)
        expect(copy.createdAt).toBeGreaterThanOrEqual(before - 1000)
        for (const reader of other === undefined ? [store] : [store, other]) {
          expect(await reader.findStudy("copy")).toEqual(copy)
          expect(await reader.findStudy("a")).toEqual(a)
          const copied = await reader.trials(copy.id)
          expect(copied.map((trial) => trial.studyId)).toEqual(trials.map(() => copy.id))
          expect(unowned(copied)).toEqual(unowned(trials))
          expect(await reader.trials(a.id)).toEqual(trials)
          expect(await reader.countTrials(copy.id)).toEqual(await reader.countTrials(a.id))
          expect(unowned(await reader.history(copy.id))).toEqual(unowned(await reader.history(a.id)))
        }
        expect((await store.listStudies()).map((summary) => [summary.study.name, summary.counts.total])).toEqual([
          ["a", 6],
          ["b", 1],
          ["copy", 6],
        ])
        // Independent from now on: a claim, a finish and a re-queue in the copy leave the original as it was.
        expect(await store.claimTrial(copy.id, "w:copy", 600)).toMatchObject({ studyId: copy.id, number: 4, attempts: 2 })
        expect(await store.finishTrial(copy.id, 3, "w:3", { state: "complete", values: [5, 6] }, 601)).toBe(true)
        expect(await store.requeueStaleTrials(copy.id, { heartbeatBefore: 10_000, workerStatus: () => "unknown" })).toBe(1)
        expect(await store.trials(a.id)).toEqual(trials)
        expect(await store.addTrials(copy.id, 6, proposals(1, "copy-only"))).toBe(true)
        expect(await store.countTrials(a.id)).toMatchObject({ total: 6 })
        expect(await store.deleteStudy("copy")).toBe(7)
        expect(await store.trials(a.id)).toEqual(trials)
      })

      it("copies nothing onto a taken name, and nothing from a missing study", async () => {
        const store = await fresh()
        const { a, b } = await twoStudies(store)
        await expect(store.copyStudy("a", "b")).rejects.toSatisfy(rejectsTaken)
        await expect(store.copyStudy("a", "a")).rejects.toSatisfy(rejectsTaken)
        expect(await store.copyStudy("missing", "c")).toBeUndefined()
        expect((await store.listStudies()).map((summary) => [summary.study, summary.counts.total])).toEqual([
          [a, 6],
          [b, 1],
        ])
        const empty = await store.createStudy(study("empty"))
        const copy = await store.copyStudy("empty", "empty-copy")
        expect(copy?.name).toBe("empty-copy")
        expect(await store.trials(copy?.id ?? -1)).toEqual([])
        expect(await store.trials(empty.id)).toEqual([])
      })
    })

    describe("addTrials", () => {
      it("adds waiting trials numbered from firstNumber, with their params and origin", async () => {
        const store = await fresh()
        const { id } = await store.createStudy(study("a"))
        expect(await store.addTrials(id, 0, [...proposals(2), { params: { x: 9 }, origin: "evolution" }])).toBe(true)
        const trials = await store.trials(id)
        expect(states(trials)).toEqual([
          [0, "waiting"],
          [1, "waiting"],
          [2, "waiting"],
        ])
        expect(trials.map(({ params, origin }) => ({ params, origin }))).toEqual([
          ...proposals(2),
          { params: { x: 9 }, origin: "evolution" },
        ])
        for (const trial of trials) {
          expect(trial).toMatchObject({ studyId: id, attempts: 0 })
          for (const field of ["values", "constraints", "metrics", "error", "worker", "heartbeatAt", "startedAt", "finishedAt"] as const) {
            expect(trial[field]).toBeUndefined()
          }
        }
      })

      it("adds nothing when a trial numbered firstNumber or more exists: another process added them first", async () => {
        const store = await fresh()
        const { id } = await store.createStudy(study("a"))
        expect(await store.addTrials(id, 0, proposals(3))).toBe(true)
        expect(await store.addTrials(id, 0, proposals(3, "late"))).toBe(false)
        expect(await store.addTrials(id, 2, proposals(3, "late"))).toBe(false)
        expect(await store.addTrials(id, 3, proposals(2, "next"))).toBe(true)
        const trials = await store.trials(id)
        expect(trials.map((trial) => [trial.number, trial.origin])).toEqual([
          [0, "random"],
          [1, "random"],
          [2, "random"],
          [3, "next"],
          [4, "next"],
        ])
      })

      it("adds a batch once when several handles race for it", async () => {
        const stores = await handles(4)
        const { id } = await (stores[0] as StudyStore).createStudy(study("a"))
        const added = await Promise.all(stores.map((store, k) => store.addTrials(id, 0, proposals(5, `handle-${k}`))))
        expect(added.filter(Boolean)).toHaveLength(1)
        const trials = await (stores[0] as StudyStore).trials(id)
        expect(trials.map((trial) => trial.number)).toEqual([0, 1, 2, 3, 4])
        expect(new Set(trials.map((trial) => trial.origin))).toEqual(new Set([`handle-${added.indexOf(true)}`]))
      })

      it("numbers each study's trials on their own", async () => {
        const store = await fresh()
        const a = await store.createStudy(study("a"))
        const b = await store.createStudy(study("b"))
        expect(await store.addTrials(a.id, 0, proposals(2))).toBe(true)
        expect(await store.addTrials(b.id, 0, proposals(1))).toBe(true)
        expect((await store.trials(a.id)).map((trial) => [trial.studyId, trial.number])).toEqual([
          [a.id, 0],
          [a.id, 1],
        ])
        expect((await store.trials(b.id)).map((trial) => [trial.studyId, trial.number])).toEqual([[b.id, 0]])
      })
    })

    describe("claimTrial", () => {
      it("marks the lowest-numbered waiting trial running for the worker and returns it", async () => {
        const store = await fresh()
        const a = await store.createStudy(study("a"))
        const b = await store.createStudy(study("b"))
        await store.addTrials(a.id, 0, proposals(2))
        await store.addTrials(b.id, 0, proposals(1))
        const claimed = await store.claimTrial(a.id, "host:1:a:0", 100)
        expect(claimed).toMatchObject({
          studyId: a.id,
          number: 0,
          state: "running",
          params: { x: 0 },
          origin: "random",
          worker: "host:1:a:0",
          heartbeatAt: 100,
          startedAt: 100,
          finishedAt: undefined,
          attempts: 1,
        })
        expect(await store.trials(a.id, ["running"])).toEqual([claimed])
        expect((await store.claimTrial(a.id, "host:1:a:1", 101))?.number).toBe(1)
        expect(await store.claimTrial(a.id, "host:1:a:2", 102)).toBeUndefined()
        expect(states(await store.trials(b.id))).toEqual([[0, "waiting"]])
      })

      it("never gives one trial to two claimers, claiming concurrently from several handles", async () => {
        const stores = await handles(4)
        const { id } = await (stores[0] as StudyStore).createStudy(study("a"))
        await (stores[0] as StudyStore).addTrials(id, 0, proposals(40))
        const claimer = async (store: StudyStore, worker: string): Promise<[number, string][]> => {
          const got: [number, string][] = []
          for (;;) {
            const trial = await store.claimTrial(id, worker, 100)
            if (trial === undefined) return got
            got.push([trial.number, worker])
          }
        }
        const claims = (
          await Promise.all(stores.flatMap((store, h) => Array.from({ length: 3 }, (_, c) => claimer(store, `host:${h}:run:${c}`))))
        ).flat()
        expect(claims.map(([number]) => number).sort((x, y) => x - y)).toEqual(Array.from({ length: 40 }, (_, k) => k))
        const byNumber = new Map(claims)
        for (const trial of await (stores[0] as StudyStore).trials(id)) {
          expect(trial).toMatchObject({ state: "running", worker: byNumber.get(trial.number), attempts: 1 })
        }
      })
    })

    describe("finishTrial", () => {
      it("records the result of the worker holding the trial, and of no one else", async () => {
        const store = await fresh()
        const { id } = await store.createStudy(study("a"))
        await store.addTrials(id, 0, proposals(2))
        await store.claimTrial(id, "w:0", 100)
        const result: TrialResult = { state: "complete", values: [93.5, 1.2], constraints: [-1, -2], metrics: { accuracy: 93.5 } }
        expect(await store.finishTrial(id, 0, "someone-else", result, 103)).toBe(false)
        expect(await store.finishTrial(id, 1, "w:0", result, 103)).toBe(false) // waiting, not running
        expect(await store.trials(id)).toMatchObject([
          { number: 0, state: "running", values: undefined },
          { number: 1, state: "waiting", values: undefined },
        ])
        expect(await store.finishTrial(id, 0, "w:0", result, 110)).toBe(true)
        expect((await store.trials(id))[0]).toMatchObject({ number: 0, ...result, finishedAt: 110, startedAt: 100, attempts: 1 })
        expect(await store.finishTrial(id, 0, "w:0", { state: "failed", error: "again" }, 120)).toBe(false)
        expect((await store.trials(id))[0]).toMatchObject({ state: "complete", error: undefined, finishedAt: 110 })
      })

      it("refuses a worker whose trial was released or re-queued meanwhile", async () => {
        const store = await fresh()
        const { id } = await store.createStudy(study("a"))
        await store.addTrials(id, 0, proposals(2))
        await store.claimTrial(id, "w:0", 100)
        await store.claimTrial(id, "w:1", 100)
        await store.releaseTrials(id, "w:0")
        await store.requeueStaleTrials(id, { heartbeatBefore: 0, workerStatus: (worker) => (worker === "w:1" ? "dead" : "unknown") })
        expect(await store.finishTrial(id, 0, "w:0", { state: "complete", values: [1, 2] }, 110)).toBe(false)
        expect(await store.finishTrial(id, 1, "w:1", { state: "complete", values: [1, 2] }, 110)).toBe(false)
        expect(states(await store.trials(id))).toEqual([
          [0, "waiting"],
          [1, "waiting"],
        ])
      })
    })

    describe("releaseTrials, beatHeartbeat and requeueStaleTrials", () => {
      it("releases a worker's trials, all or those numbered, back to waiting", async () => {
        const store = await fresh()
        const { id } = await store.createStudy(study("a"))
        await store.addTrials(id, 0, proposals(4))
        for (const worker of ["h:1:r:0", "h:1:r:0", "h:1:r:0", "h:2:r:0"]) await store.claimTrial(id, worker, 100)
        expect(await store.releaseTrials(id, "h:1:r:0", [1, 3])).toBe(1) // trial 3 is another worker's
        expect(states(await store.trials(id))).toEqual([
          [0, "running"],
          [1, "waiting"],
          [2, "running"],
          [3, "running"],
        ])
        expect(await store.releaseTrials(id, "h:1:r:0")).toBe(2)
        expect(await store.releaseTrials(id, "nobody")).toBe(0)
        const released = (await store.trials(id))[0] as Trial
        expect(released).toMatchObject({ state: "waiting", worker: undefined, heartbeatAt: undefined, startedAt: undefined, attempts: 1 })
        expect(await store.claimTrial(id, "h:3:r:0", 200)).toMatchObject({ number: 0, worker: "h:3:r:0", startedAt: 200, attempts: 2 })
        expect((await store.trials(id, ["running"])).map((trial) => [trial.number, trial.worker])).toEqual([
          [0, "h:3:r:0"],
          [3, "h:2:r:0"],
        ])
      })

      it("beats the heartbeat of the running trials whose worker starts with the prefix, in that study only", async () => {
        const store = await fresh()
        const a = await store.createStudy(study("a"))
        const b = await store.createStudy(study("b"))
        await store.addTrials(a.id, 0, proposals(3))
        await store.addTrials(b.id, 0, proposals(1))
        await store.claimTrial(a.id, "h:1:r:0", 100)
        await store.claimTrial(a.id, "h:2:r:0", 100)
        await store.claimTrial(b.id, "h:1:r:0", 100)
        await store.beatHeartbeat(a.id, "h:1:", 500)
        expect((await store.trials(a.id)).map((trial) => [trial.number, trial.heartbeatAt])).toEqual([
          [0, 500],
          [1, 100],
          [2, undefined],
        ])
        expect((await store.trials(b.id))[0]?.heartbeatAt).toBe(100)
      })

      it("re-queues the trials of dead workers at once and of unknown ones by a stale heartbeat, never of live ones", async () => {
        const store = await fresh()
        const { id } = await store.createStudy(study("a"))
        await store.addTrials(id, 0, proposals(5))
        await store.claimTrial(id, "dead:0", 1000) // dead, fresh heartbeat
        await store.claimTrial(id, "alive:0", 100) // alive, stale heartbeat
        await store.claimTrial(id, "unknown:0", 100) // unknown, stale heartbeat
        await store.claimTrial(id, "unknown:1", 1000) // unknown, fresh heartbeat
        const workerStatus = (worker: string) => (worker.startsWith("dead:") ? "dead" : worker.startsWith("alive:") ? "alive" : "unknown")
        expect(await store.requeueStaleTrials(id, { heartbeatBefore: 500, workerStatus })).toBe(2)
        expect(states(await store.trials(id))).toEqual([
          [0, "waiting"],
          [1, "running"],
          [2, "waiting"],
          [3, "running"],
          [4, "waiting"],
        ])
        expect((await store.trials(id))[2]).toMatchObject({ worker: undefined, heartbeatAt: undefined, startedAt: undefined, attempts: 1 })
        // Without a status every worker is unknown: a stale heartbeat is enough, whoever holds the trial.
        expect(await store.requeueStaleTrials(id, { heartbeatBefore: 500 })).toBe(1)
        expect(await store.requeueStaleTrials(id, { heartbeatBefore: 500 })).toBe(0)
        expect(await store.claimTrial(id, "next:0", 2000)).toMatchObject({ number: 0, attempts: 2 })
        expect(await store.countTrials(id)).toMatchObject({ waiting: 3, running: 2 })
      })
    })

    describe("reading trials", () => {
      it("lists trials by number, filters them by state, and counts them", async () => {
        const store = await fresh()
        const { id } = await store.createStudy(study("a"))
        expect(await store.trials(id)).toEqual([])
        expect(await store.history(id)).toEqual([])
        expect(await store.countTrials(id)).toEqual({ waiting: 0, running: 0, complete: 0, failed: 0, infeasible: 0, total: 0 })
        await store.addTrials(id, 0, proposals(6))
        const ends: TrialResult[] = [
          { state: "infeasible", error: "too large" },
          { state: "complete", values: [1, 2] },
          { state: "failed", error: "crash" },
          { state: "complete", values: [3, 4] },
        ]
        for (const [k, result] of ends.entries()) {
          await store.claimTrial(id, `w:${k}`, 100)
          await store.finishTrial(id, k, `w:${k}`, result, 110)
        }
        await store.claimTrial(id, "w:4", 100)
        expect(states(await store.trials(id))).toEqual([
          [0, "infeasible"],
          [1, "complete"],
          [2, "failed"],
          [3, "complete"],
          [4, "running"],
          [5, "waiting"],
        ])
        expect(states(await store.trials(id, ["complete", "waiting"]))).toEqual([
          [1, "complete"],
          [3, "complete"],
          [5, "waiting"],
        ])
        expect(await store.trials(id, [])).toEqual([])
        expect(await store.countTrials(id)).toEqual({ waiting: 1, running: 1, complete: 2, failed: 1, infeasible: 1, total: 6 })
      })

      it("gives the finished trials numbered from `from` as history, by number", async () => {
        const store = await fresh()
        const { id } = await store.createStudy(study("a"))
        await store.addTrials(id, 0, proposals(5))
        for (let k = 0; k < 4; k++) await store.claimTrial(id, `w:${k}`, 100)
        // Finished out of order; trial 2 still runs, trial 4 waits.
        await store.finishTrial(id, 3, "w:3", { state: "complete", values: [3, 3] }, 110)
        await store.finishTrial(id, 0, "w:0", { state: "failed", error: "crash" }, 111)
        await store.finishTrial(id, 1, "w:1", { state: "infeasible", values: [1, 1], constraints: [2, -1] }, 112)
        expect(states(await store.history(id))).toEqual([
          [0, "failed"],
          [1, "infeasible"],
          [3, "complete"],
        ])
        expect(states(await store.history(id, 1))).toEqual([
          [1, "infeasible"],
          [3, "complete"],
        ])
        expect(await store.history(id, 4)).toEqual([])
        expect(await store.history(id)).toEqual(await store.trials(id, ["complete", "failed", "infeasible"]))
        // In pages: the first `limit`, then from after the last one's number.
        expect(states(await store.history(id, 0, 2))).toEqual([
          [0, "failed"],
          [1, "infeasible"],
        ])
        expect(states(await store.history(id, 2, 2))).toEqual([[3, "complete"]])
        expect(await store.history(id, 0, 0)).toEqual([])
      })
    })

    describe("round trip", () => {
      it("gives back every field of a trial as it was written: params of every type, values, constraints, metrics, errors", async () => {
        const stores = await handles(2)
        const [writer] = stores as [StudyStore]
        const reader = stores.at(-1) as StudyStore
        const { id } = await writer.createStudy(study("a"))
        const { params, values, constraints, metrics, error } = everyKind
        const results: TrialResult[] = [
          { state: "complete", values, constraints, metrics },
          { state: "infeasible", values, constraints, metrics, error },
          { state: "infeasible", metrics: { placed: false }, error },
          { state: "failed", error },
          { state: "failed" },
          { state: "complete", values: [0, -0.5] },
        ]
        await writer.addTrials(
          id,
          0,
          results.map((_, k) => ({ params: { ...params, k }, origin: `origin-${k}` })),
        )
        for (const [k, result] of results.entries()) {
          expect(await writer.claimTrial(id, `host:42:run:${k}`, 1000 + k)).toMatchObject({ number: k, params: { ...params, k } })
          expect(await writer.finishTrial(id, k, `host:42:run:${k}`, result, 2000 + k)).toBe(true)
        }
        const read = await reader.trials(id)
        expect(read).toHaveLength(results.length)
        for (const [k, result] of results.entries()) {
          const trial = read[k] as Trial
          expect(trial).toMatchObject({
            studyId: id,
            number: k,
            params: { ...params, k },
            origin: `origin-${k}`,
            startedAt: 1000 + k,
            finishedAt: 2000 + k,
            attempts: 1,
          })
          expect({
            state: trial.state,
            values: trial.values,
            constraints: trial.constraints,
            metrics: trial.metrics,
            error: trial.error,
          }).toEqual({
            values: undefined,
            constraints: undefined,
            metrics: undefined,
            error: undefined,
            ...result,
          })
          expect(Object.is(trial.values?.[1], result.values?.[1])).toBe(true) // -0.5, 1.25e-7 exactly
        }
        expect(await reader.history(id)).toEqual(read)
      })
    })

    describe("close", () => {
      it.skipIf(!sharedHandles)("closes a handle; a handle opened later reads everything written", async () => {
        const openHandle = await storage()
        const store = await openHandle()
        const created = await store.createStudy(study("a"))
        await store.addTrials(created.id, 0, proposals(2))
        await store.claimTrial(created.id, "w:0", 100)
        await store.finishTrial(created.id, 0, "w:0", { state: "complete", values: [1, 2], metrics: { note: "kept" } }, 110)
        const written = await store.trials(created.id)
        open.splice(open.indexOf(store), 1)
        await expect(store.close()).resolves.toBeUndefined()
        const again = await openHandle()
        expect(await again.findStudy("a")).toEqual(created)
        expect(await again.trials(created.id)).toEqual(written)
        expect((await again.listStudies()).map((summary) => summary.counts.total)).toEqual([2])
      })

      it("closes a handle without error", async () => {
        const store = await fresh()
        await store.createStudy(study("a"))
        open.splice(open.indexOf(store), 1)
        await expect(store.close()).resolves.toBeUndefined()
      })
    })
  })
}
