import { resolve } from "node:path"
import { csvRows, FeaturizeError, type FeaturizerSpec, type LabeledRows, studyRows } from "@cosearch/engine"
import { Effect } from "effect"
import { CliError } from "../cli/cli-error.js"
import { findStudy, openExistingStore } from "../study/study-options.js"

/**
 * Whether a `--data` argument is a CSV file (`.csv` or `.csv.gz`) rather than a study name.
 *
 * @example
 * isCsvPath("/work/shared/data/nb201.csv.gz") // true
 */
export const isCsvPath = (data: string): boolean => /\.csv(\.gz)?$/i.test(data)

/** Runs a featurizing step, turning its errors into a `CliError`. */
export const featurizing = <A>(step: () => A): Effect.Effect<A, CliError> =>
  Effect.try({
    try: step,
    catch: (error) => new CliError({ message: error instanceof Error ? error.message : String(error) }),
  })

/**
 * The labeled rows `--data` names: a CSV file (features from `--features` and `--network-column`,
 * or by convention) or a study of the database `db`; `spec` fixes the featurizer (a loaded model's).
 *
 * @example
 * const rows = yield* labeledRows({ data: "apollo", db: "x.db", target: "latencyMs" })
 */
export const labeledRows = (request: {
  readonly data: string
  readonly db: string
  readonly target: string
  readonly spec?: FeaturizerSpec | undefined
  readonly columns?: readonly string[] | undefined
  readonly networkColumn?: string | undefined
}): Effect.Effect<LabeledRows, CliError> =>
  Effect.scoped(
    Effect.gen(function* () {
      const { data, target, spec } = request
      if (isCsvPath(data)) {
        if (spec !== undefined && spec.kind !== "table") {
          return yield* new CliError({ message: `--data: this model reads configurations of a study, not a CSV file ("${data}")` })
        }
        const tableSpec =
          spec ??
          (request.columns === undefined && request.networkColumn === undefined
            ? undefined
            : {
                kind: "table" as const,
                columns: request.columns ?? [],
                ...(request.networkColumn === undefined ? {} : { networkColumn: request.networkColumn }),
              })
        return yield* featurizing(() => csvRows(resolve(data), target, tableSpec))
      }
      if (spec?.kind === "table") return yield* new CliError({ message: `--data: this model reads CSV rows, not the study "${data}"` })
      if (request.columns !== undefined || request.networkColumn !== undefined) {
        return yield* new CliError({
          message: "--features and --network-column apply to CSV data only; a study's features come from its space",
        })
      }
      const store = yield* openExistingStore(request.db)
      const study = yield* findStudy(store, data)
      const trials = yield* Effect.promise(() => store.trials(study.id))
      return yield* featurizing(() => studyRows(study, trials, target, spec))
    }),
  )

export { FeaturizeError }
