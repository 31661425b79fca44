import type { Trial, TrialProposal, TrialResult, TrialState } from "@cosearch/optimize"
import type { NewStudy, Study, StudySummary, TrialCounts } from "./study.js"

/**
 * What is known of a worker: `alive` (its trials are never re-queued), `dead` (they are, at once)
 * or `unknown` (they are when their heartbeat is stale).
 *
 * @example
 * const status: WorkerStatus = "unknown"
 */
export type WorkerStatus = "alive" | "dead" | "unknown"

/**
 * Which running trials to put back to `waiting` for a re-run: those whose worker `workerStatus`
 * says is dead (a gone process of this host), and those of unknown workers whose heartbeat is older
 * than `heartbeatBefore`.
 *
 * @example
 * const rule: StaleRule = { heartbeatBefore: Date.now() - 30_000, workerStatus: (worker) => (worker.startsWith("gone:") ? "dead" : "unknown") }
 */
export interface StaleRule {
  readonly heartbeatBefore: number
  readonly workerStatus?: (worker: string) => WorkerStatus
}

/**
 * Where studies and trials live. Every method is one atomic step, safe with other processes
 * writing the same storage; trial numbers are unique per study. SQLite (`openSqliteStore`) is the
 * implementation today; a server database implements the same interface and proves it with the
 * conformance suite, `storeConformance` from `@cosearch/store/testing`. Trials are
 * `@cosearch/optimize`'s `Trial`s, with the store's bookkeeping (study id, worker, heartbeat,
 * times, attempts) filled in.
 *
 * Studies are managed whole by `deleteStudy`, `renameStudy` and `copyStudy`, each one atomic step.
 *
 * The life of a trial: `addTrials` (waiting) → `claimTrial` (running, with a worker and a
 * heartbeat) → `finishTrial` (complete, failed or infeasible). `releaseTrials` and
 * `requeueStaleTrials` put running trials back to waiting.
 *
 * @example
 * const store = openSqliteStore("cosearch.db")
 * const study = (await store.findStudy("nb201")) ?? (await store.createStudy(newStudy))
 * await store.addTrials(study.id, 0, [{ params: { edge_1_0: "skip_connect" }, origin: "random" }])
 * const trial = await store.claimTrial(study.id, "host:42:0", Date.now())
 * if (trial) await store.finishTrial(study.id, trial.number, "host:42:0", { state: "complete", values: [1] }, Date.now())
 */
export interface StudyStore {
  /** A label for messages: the database file, or a server address. */
  readonly location: string
  /** Creates a study; fails with a `StoreError` of kind `study-exists` when the name is taken. */
  readonly createStudy: (study: NewStudy) => Promise<Study>
  readonly findStudy: (name: string) => Promise<Study | undefined>
  /** Every study, oldest first, with its trial counts. */
  readonly listStudies: () => Promise<StudySummary[]>
  /**
   * Deletes the study named `name` and all its trials, whatever their state; returns how many
   * trials went with it, or `undefined` (and nothing deleted) when no study has that name.
   */
  readonly deleteStudy: (name: string) => Promise<number | undefined>
  /**
   * Renames the study `from` to `to`, keeping its id, creation time, config and trials; returns it
   * renamed, or `undefined` when no study is named `from`. Fails with a `StoreError` of kind
   * `study-exists`, changing nothing, when `to` is taken (`from` itself included).
   */
  readonly renameStudy: (from: string, to: string) => Promise<Study | undefined>
  /**
   * Copies the study `from` to a new study `to` (a new id, created now): the same config, config
   * hash, space, objectives, constraints and seed, and every trial as it is (number, state,
   * params, results, worker, heartbeat, times, attempts), so a run of the experiment with
   * `to` as its study name resumes the copy; trials left running in the copy have no one beating
   * their heartbeat there and are re-queued as stale. Returns the copy, or `undefined` when no study
   * is named `from`. Fails with a `StoreError` of kind `study-exists`, copying nothing, when `to`
   * is taken.
   */
  readonly copyStudy: (from: string, to: string) => Promise<Study | undefined>
  /**
   * Adds waiting trials numbered `firstNumber, firstNumber + 1, ...`, unless a trial numbered
   * `firstNumber` or more exists (another process added them first): returns whether it added.
   */
  readonly addTrials: (studyId: number, firstNumber: number, trials: readonly TrialProposal[]) => Promise<boolean>
  /** Marks the lowest-numbered waiting trial running for `worker` and returns it. */
  readonly claimTrial: (studyId: number, worker: string, now: number) => Promise<Trial | undefined>
  /** Records a running trial's end; false (and nothing written) when `worker` no longer holds it. */
  readonly finishTrial: (studyId: number, number: number, worker: string, result: TrialResult, now: number) => Promise<boolean>
  /** Puts the trials `worker` holds (all, or those numbered) back to waiting; returns how many. */
  readonly releaseTrials: (studyId: number, worker: string, numbers?: readonly number[]) => Promise<number>
  /** Beats the heartbeat of the study's running trials whose worker starts with `workerPrefix`. */
  readonly beatHeartbeat: (studyId: number, workerPrefix: string, now: number) => Promise<void>
  /** Puts stale running trials back to waiting (see `StaleRule`); returns how many. */
  readonly requeueStaleTrials: (studyId: number, rule: StaleRule) => Promise<number>
  /** The trials, by number; only those in `states` when given. */
  readonly trials: (studyId: number, states?: readonly TrialState[]) => Promise<Trial[]>
  /**
   * Finished trials numbered `from` or more, by number: what the optimizer is told. With `limit`,
   * only the first `limit` of them (a page: the next starts after the last one's number).
   */
  readonly history: (studyId: number, from?: number, limit?: number) => Promise<Trial[]>
  readonly countTrials: (studyId: number) => Promise<TrialCounts>
  /**
   * A server store's connection step, which every method first waits for (connect, then check or
   * migrate the schema): resolves once done, rejects with the `StoreError` any method would.
   * Absent on stores that are ready once opened (SQLite). `connectStore` calls it.
   */
  readonly connect?: () => Promise<void>
  readonly close: () => Promise<void>
}
