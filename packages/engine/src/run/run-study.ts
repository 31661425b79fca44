import { availableParallelism } from "node:os"
import { type Direction, isFeasible, type Trial, type TrialResult } from "@cosearch/optimize"
import type { Study, StudyStore, TrialCounts } from "@cosearch/store"
import { Duration, Effect, Schedule } from "effect"
import type { Experiment } from "../config/experiment.js"
import { candidateOf } from "../evaluators/evaluator.js"
import { makeEvaluationPool } from "../pool/evaluation-pool.js"
import { openStudy, type StorageError, type StudyConflictError, type StudyMissingError, storeStep } from "../study/open-study.js"
import { trialResultOf } from "../study/trial-result.js"
import { warmStartTrials } from "../study/warm-start.js"
import { createBatchPlanner } from "./batch-planner.js"
import type { StopSignal } from "./stop-signal.js"
import type { StopReason, StudyEvent } from "./study-event.js"
import { createWakeUp } from "./wake-up.js"
import { startRunIdentity } from "./worker-identity.js"

/**
 * Options of `runStudy`; only `store` is required.
 *
 * @example
 * const options: RunStudyOptions = { store: openSqliteStore("cosearch.db"), workers: 2, onEvent: console.log }
 */
export interface RunStudyOptions {
  readonly store: StudyStore
  /** The study's name (default the experiment's `name`). */
  readonly studyName?: string | undefined
  /** Start (or resume) this study instead when the named one has another config hash. */
  readonly fork?: string | undefined
  /** Only resume: a missing study is a `StudyMissingError` (a worker serving a stored study). */
  readonly mustExist?: boolean | undefined
  /** Pool workers, and trials evaluated at once (default: the number of cores). */
  readonly workers?: number | undefined
  /** The trial budget, instead of the experiment's `budget.trials`. */
  readonly trials?: number | undefined
  readonly stop?: StopSignal | undefined
  readonly onEvent?: ((event: StudyEvent) => void) | undefined
  /** How often running trials' heartbeats are beaten (default 2 s). */
  readonly heartbeatMs?: number | undefined
  /** A running trial whose heartbeat is older than this is re-run (default 30 s). */
  readonly staleAfterMs?: number | undefined
  /** How often a run waiting on another process's trials looks again (default 50 ms). */
  readonly pollMs?: number | undefined
}

/**
 * What a run did.
 *
 * @example
 * console.log(`${report.finishedThisRun} trials, stopped by ${report.reason}`)
 */
export interface StudyReport {
  readonly study: Study
  readonly resumed: boolean
  readonly reason: StopReason
  readonly counts: TrialCounts
  readonly finishedThisRun: number
  readonly elapsedMs: number
}

const errorText = (error: unknown): string => {
  if (error instanceof Error) return error.message || error.name
  if (typeof error === "object" && error !== null && "message" in error) return String((error as { message: unknown }).message)
  return String(error)
}

/** Whether `value` is at least as good as `target` in `direction`. */
const reaches = (direction: Direction, value: number, target: number): boolean =>
  direction === "maximize" ? value >= target : value <= target

/**
 * Runs a study: opens (or resumes, or forks) it in the store, re-queues trials left running by
 * dead processes, then on `workers` lanes claims waiting trials, evaluates them in a Piscina pool
 * and records each result in one transaction. When no trial is waiting and none is running, the
 * next batch is planned (see `BatchPlanner`) and added, once, whichever process gets there first.
 * Ends when the trial budget is spent, the wall time is up, the target is reached or `stop` is
 * requested, always after the running trials are recorded. Interrupting the effect stops at once
 * and puts running trials back to waiting.
 *
 * @example
 * const report = yield* runStudy(experiment, { store: openSqliteStore("cosearch.db"), workers: 2 })
 */
export const runStudy = (
  experiment: Experiment,
  options: RunStudyOptions,
): Effect.Effect<StudyReport, StudyConflictError | StorageError | StudyMissingError> =>
  Effect.scoped(
    Effect.gen(function* () {
      const { store } = options
      const started = Date.now()
      const budget = options.trials ?? experiment.config.budget.trials
      const workers = Math.max(1, options.workers ?? availableParallelism())
      const staleAfterMs = options.staleAfterMs ?? 30_000
      const pollMs = options.pollMs ?? 50
      const { wallTimeSeconds, target } = experiment.config.budget
      const execution = experiment.config.execution ?? {}
      const firstObjective = experiment.objectives[0]
      const emit = options.onEvent ?? (() => {})

      const { study, resumed } = yield* openStudy(store, experiment, {
        name: options.studyName,
        fork: options.fork,
        mustExist: options.mustExist,
      })
      const identity = yield* Effect.acquireRelease(Effect.sync(startRunIdentity), (run) => Effect.sync(run.end))
      const requeue = storeStep(() =>
        store.requeueStaleTrials(study.id, { heartbeatBefore: Date.now() - staleAfterMs, workerStatus: identity.workerStatus }),
      ).pipe(Effect.tap((count) => (count > 0 ? Effect.sync(() => emit({ kind: "requeued", count })) : Effect.void)))
      yield* requeue
      emit({ kind: "started", study, resumed, counts: yield* storeStep(() => store.countTrials(study.id)), budget, workers })

      const pool = yield* makeEvaluationPool(
        { evaluator: experiment.evaluator, space: experiment.spaceSpec, baseDirectory: experiment.baseDirectory },
        workers,
      )
      // A failed beat (a server restarting) is skipped, not the end of the beating.
      yield* storeStep(() => store.beatHeartbeat(study.id, identity.prefix, Date.now())).pipe(
        Effect.ignore,
        Effect.repeat(Schedule.spaced(Duration.millis(options.heartbeatMs ?? 2000))),
        Effect.forkScoped,
      )

      const planner = createBatchPlanner(experiment, yield* warmStartTrials(store, experiment))
      const planLock = yield* Effect.makeSemaphore(1)
      const wakeUp = createWakeUp()
      let reason: StopReason | undefined
      let best: number | undefined
      let finishedThisRun = 0
      let lastRequeue = Date.now()

      const directions = experiment.objectives.map((objective) => objective.direction)
      const noteBest = (trial: Pick<Trial, "state" | "values" | "constraints">): void => {
        const value = trial.values?.[0]
        if (firstObjective === undefined || value === undefined || !isFeasible(directions, trial)) return
        if (best === undefined || reaches(firstObjective.direction, value, best)) best = value
        if (target !== undefined && reaches(firstObjective.direction, value, target)) reason ??= "target"
      }

      const stopRequested = (): boolean => {
        if (reason === undefined && options.stop?.requested) reason = "stopped"
        if (reason === undefined && wallTimeSeconds !== undefined && Date.now() - started >= wallTimeSeconds * 1000) reason = "wall-time"
        return reason !== undefined
      }

      const evaluate = (trial: Trial): Effect.Effect<TrialResult> => {
        const task = candidateOf(study.name, trial)
        const attempt = Effect.tryPromise({ try: (signal) => pool.evaluate(task, signal), catch: errorText })
        const timed =
          execution.timeoutSeconds === undefined
            ? attempt
            : attempt.pipe(
                Effect.timeoutFail({
                  duration: Duration.seconds(execution.timeoutSeconds),
                  onTimeout: () => `the evaluation timed out after ${execution.timeoutSeconds} s`,
                }),
              )
        return timed.pipe(
          Effect.retry({ times: execution.retries ?? 0 }),
          Effect.map((evaluation) => trialResultOf(evaluation, experiment.objectives, experiment.constraints)),
          Effect.catchAll((error) => Effect.succeed<TrialResult>({ state: "failed", error })),
        )
      }

      const runTrial = (trial: Trial, worker: string) =>
        Effect.gen(function* () {
          const result = yield* evaluate(trial)
          const recorded = yield* storeStep(() => store.finishTrial(study.id, trial.number, worker, result, Date.now()))
          wakeUp.wake()
          if (!recorded) return // another process re-ran it after our heartbeat went stale
          finishedThisRun += 1
          noteBest(result)
          if (options.onEvent !== undefined) {
            const counts = yield* progressCounts(result.state)
            emit({
              kind: "trial",
              number: trial.number,
              state: result.state,
              error: result.error,
              values: result.values,
              counts,
              budget,
              best,
              finishedThisRun,
              elapsedMs: Date.now() - started,
            })
          }
        }).pipe(Effect.onInterrupt(() => Effect.ignore(storeStep(() => store.releaseTrials(study.id, worker, [trial.number])))))

      // Counting a study's trials reads all its rows: for progress events, count at most every
      // quarter second and account for this run's own trials in between.
      let counted: { at: number; counts: TrialCounts } | undefined
      const progressCounts = (state: TrialResult["state"]): Effect.Effect<TrialCounts, StorageError> =>
        Effect.gen(function* () {
          if (counted === undefined || Date.now() - counted.at >= 250) {
            counted = { at: Date.now(), counts: yield* storeStep(() => store.countTrials(study.id)) }
            return counted.counts
          }
          const { counts } = counted
          counted = { at: counted.at, counts: { ...counts, running: Math.max(0, counts.running - 1), [state]: counts[state] + 1 } }
          return counted.counts
        })

      /** With nothing to claim: plan the next batch, or say to wait, or that the budget is spent. */
      const planNext: Effect.Effect<"again" | "wait" | "done", StorageError> = planLock.withPermits(1)(
        Effect.gen(function* () {
          const counts = yield* storeStep(() => store.countTrials(study.id))
          if (counts.waiting > 0) return "again"
          if (counts.running > 0) {
            if (Date.now() - lastRequeue >= Math.min(staleAfterMs, 1000)) {
              lastRequeue = Date.now()
              if ((yield* requeue) > 0) return "again"
            }
            return "wait"
          }
          if (counts.total >= budget) return "done"
          const history = yield* storeStep(() => store.history(study.id, planner.told))
          for (const trial of history) noteBest(trial)
          if (stopRequested()) return "done"
          const planned = planner.plan(history, counts.total, Math.min(experiment.batch, budget - counts.total))
          yield* storeStep(() => store.addTrials(study.id, counts.total, planned))
          return "again"
        }),
      )

      const lane = (index: number) =>
        Effect.gen(function* () {
          const worker = identity.worker(index)
          while (!stopRequested()) {
            const claimed = yield* storeStep(() => store.claimTrial(study.id, worker, Date.now()))
            if (claimed !== undefined) {
              yield* runTrial(claimed, worker)
              continue
            }
            const next = yield* planNext
            if (next === "done") {
              reason ??= "budget"
              return
            }
            if (next === "wait") yield* wakeUp.wait(pollMs)
          }
        })

      yield* Effect.all(
        Array.from({ length: workers }, (_, index) => lane(index)),
        { concurrency: "unbounded", discard: true },
      )
      emit({ kind: "stopping", reason: reason ?? "budget" })
      const counts = yield* storeStep(() => store.countTrials(study.id))
      return { study, resumed, reason: reason ?? "budget", counts, finishedThisRun, elapsedMs: Date.now() - started }
    }),
  )
