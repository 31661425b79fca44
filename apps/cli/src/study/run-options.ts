import { availableParallelism } from "node:os"
import { connectStore } from "@cosearch/store"
import { Options } from "@effect/cli"
import { Effect, Option } from "effect"
import { CliError } from "../cli/cli-error.js"
import { invalid, numberOption } from "../cli/options.js"

/**
 * The most pool workers a run may start: 64, or the core count on a machine with more cores (the
 * default, one per core, is always allowed). Each worker is a thread with its own V8 heap and its
 * own copy of the evaluator (tens of MB under Node, more with a large table or model loaded), so
 * a thousand of them exhaust memory; 64 still leaves room for `command` evaluators that mostly
 * wait on programs running elsewhere.
 */
export const workerLimit = Math.max(64, availableParallelism())

/**
 * `--workers N`: pool workers evaluating at once, from 1 to `workerLimit` (`run`, `worker`).
 *
 * @example
 * Command.make("run", { workers: workersOption }, ({ workers }) => Console.log(Option.getOrUndefined(workers)))
 */
export const workersOption = numberOption(
  "workers",
  "integer",
  `pool workers evaluating at once (default: the core count, ${availableParallelism()}; at most ${workerLimit})`,
).pipe(
  Options.mapEffect((value) =>
    Option.isSome(value) && value.value > workerLimit
      ? invalid(`--workers ${value.value} is more than the limit of ${workerLimit} pool workers (each is a thread with its own memory)`)
      : Effect.succeed(value),
  ),
)

/**
 * `--trials N`: the trial budget instead of the experiment's `budget.trials` (`run`, `worker`).
 *
 * @example
 * Command.make("run", { trials: trialsOption }, ({ trials }) => Console.log(Option.getOrUndefined(trials)))
 */
export const trialsOption = numberOption("trials", "integer", "the trial budget (default: the experiment's budget.trials)", {
  min: 1,
  max: 1e9,
})

/**
 * Opens (creating if new, unless `mustExist`) the database studies run in, closed with the scope;
 * a server (PostgreSQL) is connected to at once, so an unreachable one fails here, before the run
 * starts.
 *
 * @example
 * const store = yield* openStudyDatabase("cosearch.db")
 */
export const openStudyDatabase = (location: string, options: { readonly mustExist?: boolean } = {}) =>
  Effect.acquireRelease(
    Effect.tryPromise({
      try: () => connectStore(location, options),
      catch: (error) => new CliError({ message: error instanceof Error ? error.message : String(error) }),
    }),
    (store) => Effect.promise(() => store.close()),
  )
