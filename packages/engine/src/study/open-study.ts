import { type NewStudy, StoreError, type Study, type StudyStore } from "@cosearch/store"
import { Data, Effect } from "effect"
import type { Experiment } from "../config/experiment.js"

/**
 * A run that would mix two experiments in one study: the stored study was made from a config with
 * another hash. The message says how to go on (`--fork NEW_NAME` or `--study NAME`).
 *
 * @example
 * Effect.catchTag("StudyConflictError", (error) => Console.error(error.message))
 */
export class StudyConflictError extends Data.TaggedError("StudyConflictError")<{ readonly message: string }> {}

/**
 * A storage step that failed (after retries, for a busy database).
 *
 * @example
 * Effect.catchTag("StorageError", (error) => Console.error(error.message))
 */
export class StorageError extends Data.TaggedError("StorageError")<{ readonly message: string; readonly cause: unknown }> {}

/**
 * Runs a store call as an Effect; a `busy` database is retried a few times before failing.
 *
 * @example
 * const counts = yield* storeStep(() => store.countTrials(study.id))
 */
export const storeStep = <A>(call: () => Promise<A>): Effect.Effect<A, StorageError> =>
  Effect.tryPromise({
    try: call,
    catch: (error) => new StorageError({ message: error instanceof Error ? error.message : String(error), cause: error }),
  }).pipe(
    Effect.retry({
      times: 8,
      while: (error) => error.cause instanceof StoreError && error.cause.kind === "busy",
    }),
  )

/**
 * How `openStudy` found its study.
 *
 * @example
 * const opened: OpenedStudy = { study, resumed: true }
 */
export interface OpenedStudy {
  readonly study: Study
  readonly resumed: boolean
}

const newStudyOf = (experiment: Experiment, name: string): NewStudy => ({
  name,
  config: experiment.raw,
  configHash: experiment.hash,
  space: experiment.spaceSpec,
  objectives: experiment.objectives,
  constraints: experiment.constraints,
  seed: experiment.seed,
})

/**
 * A run that must resume a study (a worker serving a stored study) found none of that name: it was
 * deleted or renamed meanwhile. Nothing was created.
 *
 * @example
 * Effect.catchTag("StudyMissingError", (error) => Console.error(error.message))
 */
export class StudyMissingError extends Data.TaggedError("StudyMissingError")<{ readonly message: string }> {}

/**
 * Finds the study named `name` or creates it (unless `mustExist`); another process creating it
 * first is no error.
 */
const findOrCreate = (
  store: StudyStore,
  experiment: Experiment,
  name: string,
  mustExist = false,
): Effect.Effect<OpenedStudy, StorageError | StudyMissingError> =>
  Effect.gen(function* () {
    const found = yield* storeStep(() => store.findStudy(name))
    if (found !== undefined) return { study: found, resumed: true }
    if (mustExist) return yield* new StudyMissingError({ message: `no study named "${name}" in ${store.location} (deleted or renamed?)` })
    const created = yield* Effect.either(storeStep(() => store.createStudy(newStudyOf(experiment, name))))
    if (created._tag === "Right") return { study: created.right, resumed: false }
    const exists = created.left.cause instanceof StoreError && created.left.cause.kind === "study-exists"
    const raced = exists ? yield* storeStep(() => store.findStudy(name)) : undefined
    return raced === undefined ? yield* created.left : { study: raced, resumed: true }
  })

/**
 * Opens the study an experiment runs in: `name` (default the experiment's), created when new,
 * resumed when its config hash matches. A different hash is refused with a `StudyConflictError`,
 * unless `fork` names a study to create from this experiment (or resume, if it has this hash).
 * With `mustExist`, a missing study is a `StudyMissingError` and nothing is created.
 *
 * @example
 * const { study, resumed } = yield* openStudy(store, experiment, { fork: "nb201-coral-v2" })
 */
export const openStudy = (
  store: StudyStore,
  experiment: Experiment,
  options: { readonly name?: string | undefined; readonly fork?: string | undefined; readonly mustExist?: boolean | undefined } = {},
): Effect.Effect<OpenedStudy, StudyConflictError | StorageError | StudyMissingError> =>
  Effect.gen(function* () {
    const name = options.name ?? experiment.name
    const opened = yield* findOrCreate(store, experiment, name, options.mustExist)
    if (opened.study.configHash === experiment.hash) return opened
    const differs = (study: Study) =>
      `study "${study.name}" in ${store.location} was made from a different experiment (config hash ${study.configHash}; this one has ${experiment.hash})`
    if (options.fork === undefined) {
      return yield* new StudyConflictError({
        message: `${differs(opened.study)}; run with --fork NEW_NAME to start a new study from this experiment, or --study NAME to pick another study`,
      })
    }
    const forked = yield* findOrCreate(store, experiment, options.fork)
    if (forked.study.configHash !== experiment.hash) {
      return yield* new StudyConflictError({ message: `cannot fork into "${options.fork}": ${differs(forked.study)}` })
    }
    return forked
  })
