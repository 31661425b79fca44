import type { Study, StudyStore } from "@cosearch/store"
import { Data, Effect } from "effect"
import { type ConfigError, decodeExperiment } from "../config/decode-experiment.js"
import type { Experiment } from "../config/experiment.js"
import { type StorageError, type StudyConflictError, type StudyMissingError, storeStep } from "../study/open-study.js"
import { type RunStudyOptions, runStudy, type StudyReport } from "./run-study.js"

/**
 * A worker that cannot serve a study: none of that name, or its stored experiment does not decode
 * here (a file it names is missing on this host) or decodes to another config hash (another
 * cosearch version). The message names the study, the store and what to do.
 *
 * @example
 * Effect.catchTag("WorkerStudyError", (error) => Console.error(error.message))
 */
export class WorkerStudyError extends Data.TaggedError("WorkerStudyError")<{ readonly message: string }> {}

/**
 * Options of `runWorker`: `runStudy`'s, and which studies to serve.
 *
 * @example
 * const options: WorkerOptions = { store: await connectStore("postgresql://db/cosearch"), study: "nb201-coral", workers: 4 }
 */
export interface WorkerOptions extends Omit<RunStudyOptions, "studyName" | "fork"> {
  /** The study to serve; without it (and without `experiment`), every study with work left, oldest first. */
  readonly study?: string | undefined
  /**
   * The experiment, as this host reads it: the study (`study`, else the experiment's name) is
   * created from it when missing, and must have been made from it when present.
   */
  readonly experiment?: Experiment | undefined
  /** Where the relative paths of a stored experiment are read from (default the working directory). */
  readonly baseDirectory?: string | undefined
  /** Told of a study with work left that this worker cannot serve (every study mode only). */
  readonly onSkip?: ((error: WorkerStudyError) => void) | undefined
}

/**
 * What a worker did: a report per study it ran, in order, and the studies it could not serve.
 *
 * @example
 * const finished = report.runs.reduce((sum, run) => sum + run.finishedThisRun, 0)
 */
export interface WorkerReport {
  readonly runs: readonly StudyReport[]
  readonly skipped: readonly WorkerStudyError[]
}

/**
 * The experiment a study was made from, decoded on this host (relative paths from
 * `baseDirectory`) and checked against the study's config hash; a `WorkerStudyError` naming the
 * study and each problem otherwise.
 *
 * @example
 * const experiment = yield* storedExperiment(store, study, process.cwd())
 */
export const storedExperiment = (store: StudyStore, study: Study, baseDirectory: string): Effect.Effect<Experiment, WorkerStudyError> =>
  decodeExperiment(study.config, { source: `study "${study.name}"`, baseDirectory }).pipe(
    Effect.mapError(
      (error: ConfigError) =>
        new WorkerStudyError({
          message: `study "${study.name}" in ${store.location}: its experiment does not decode on this host (relative paths are read from ${baseDirectory}; set the base directory, or give the experiment file):\n${error.issues
            .map((issue) => `  ${issue.path}: ${issue.message}`)
            .join("\n")}`,
        }),
    ),
    Effect.filterOrFail(
      (experiment) => experiment.hash === study.configHash,
      (experiment) =>
        new WorkerStudyError({
          message: `study "${study.name}" in ${store.location} was made with config hash ${study.configHash}, but this host decodes its experiment to ${experiment.hash} (another cosearch version?); run workers of the version that made it`,
        }),
    ),
  )

/** Whether a study has trials to run or plan: some waiting or running, or fewer than `budget`. */
const hasWorkLeft = (store: StudyStore, study: Study, budget: number): Effect.Effect<boolean, StorageError> =>
  storeStep(() => store.countTrials(study.id)).pipe(Effect.map((counts) => counts.waiting + counts.running > 0 || counts.total < budget))

/**
 * Serves studies kept in a shared store, as one of any number of processes on any number of hosts
 * (see docs/distributed.md): each claims waiting trials, evaluates them and plans the next batch
 * when none is left, exactly as `runStudy` does, so the trials do not depend on how many workers
 * ran them or which were killed; a killed worker's trials are re-run once its heartbeat is stale
 * (at once on its own host).
 *
 * With `experiment`, serves its study (created when missing). With `study` alone, reads the
 * study's experiment from the store and decodes it here (relative paths from `baseDirectory`).
 * With neither, serves every study with work left, oldest first, skipping (and telling `onSkip`)
 * those it cannot decode, and passing over one deleted meanwhile; each study once, so one that
 * reached its target or wall time is left for the next. The stored modes never create a study
 * (`StudyMissingError` for a study deleted meanwhile). A study's budget is its experiment's
 * `budget.trials` unless `trials` is given. Ends when the served studies are done or a stop is
 * requested.
 *
 * @example
 * const report = yield* runWorker({ store: await connectStore(process.env.COSEARCH_STORAGE!), workers: 2 })
 */
export const runWorker = (
  options: WorkerOptions,
): Effect.Effect<WorkerReport, WorkerStudyError | StudyConflictError | StorageError | StudyMissingError> =>
  Effect.gen(function* () {
    const { store, study: name, experiment, baseDirectory = process.cwd(), onSkip, ...run } = options
    const runOne = (study: Study, decoded: Experiment) => runStudy(decoded, { ...run, store, studyName: study.name, mustExist: true })
    const named = (studyName: string) =>
      storeStep(() => store.findStudy(studyName)).pipe(
        Effect.filterOrFail(
          (study): study is Study => study !== undefined,
          () =>
            new WorkerStudyError({
              message: `no study named "${studyName}" in ${store.location}; create it with \`cosearch study create EXPERIMENT.json\` on this storage, or give the experiment file to the worker (--config)`,
            }),
        ),
      )

    if (experiment !== undefined) {
      return { runs: [yield* runStudy(experiment, { ...run, store, studyName: name ?? experiment.name })], skipped: [] }
    }
    if (name !== undefined) {
      const study = yield* named(name)
      return { runs: [yield* runOne(study, yield* storedExperiment(store, study, baseDirectory))], skipped: [] }
    }

    const runs: StudyReport[] = []
    const skipped = new Map<number, WorkerStudyError>()
    const done = new Set<number>()
    while (!options.stop?.requested) {
      const listed = yield* storeStep(() => store.listStudies())
      let next: { study: Study; experiment: Experiment } | undefined
      for (const { study } of listed) {
        if (done.has(study.id) || skipped.has(study.id)) continue
        const decoded = yield* Effect.either(storedExperiment(store, study, baseDirectory))
        if (decoded._tag === "Left") {
          const stored = (study.config as { budget?: { trials?: unknown } } | null)?.budget?.trials
          const budget = run.trials ?? stored
          if (typeof budget !== "number" || (yield* hasWorkLeft(store, study, budget))) {
            skipped.set(study.id, decoded.left)
            onSkip?.(decoded.left)
          } else done.add(study.id)
          continue
        }
        if (yield* hasWorkLeft(store, study, run.trials ?? decoded.right.config.budget.trials)) {
          next = { study, experiment: decoded.right }
          break
        }
        done.add(study.id)
      }
      if (next === undefined) break
      // A study deleted or renamed since the listing is passed over; a target reached or the wall
      // time up ends that study's run (this worker does not take it up again), a stop ends them all.
      const ran = yield* Effect.either(runOne(next.study, next.experiment))
      done.add(next.study.id)
      if (ran._tag === "Left") {
        if (ran.left._tag === "StudyMissingError") continue
        return yield* ran.left
      }
      runs.push(ran.right)
      if (ran.right.reason === "stopped") break
    }
    return { runs, skipped: [...skipped.values()] }
  })
