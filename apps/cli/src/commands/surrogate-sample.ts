import { existsSync, readFileSync } from "node:fs"
import { dirname, resolve } from "node:path"
import { decodeExperiment, type ExperimentConfig, runStudy, samplingExperiment } from "@cosearch/engine"
import { openStore } from "@cosearch/store"
import { Command, Options } from "@effect/cli"
import { Console, Effect, Option } from "effect"
import { CliError } from "../cli/cli-error.js"
import { numberOption, optionalText, studyNameOption } from "../cli/options.js"
import { databaseOption } from "../study/study-options.js"
import { surrogateJsonOption } from "../surrogate/agreement-text.js"

const space = optionalText(
  "space",
  "NAME",
  "the built-in space to sample (default: the experiment's, with --evaluator FILE naming an experiment)",
)
const evaluator = Options.text("evaluator").pipe(
  Options.withPseudoName("JSON|FILE"),
  Options.withDescription(
    'the evaluator: inline JSON (\'{"kind":"cost","network":"mobilenet_v2"}\'), a file holding one, or an experiment file',
  ),
)
const metric = optionalText(
  "metric",
  "METRIC",
  "the metric every trial must report (default latencyMs; an experiment file's objectives instead)",
)
const samples = numberOption("n", "integer", "designs to sample (the study's trial budget)", { min: 1, max: 1e9 }).pipe(
  Options.map((value) => Option.getOrElse(value, () => 1000)),
)
const batch = numberOption(
  "batch",
  "integer",
  "designs planned at once (default 64); a study sampled to N and continued to a larger N has the designs of one sampled straight to it when N is a multiple of the batch",
  { min: 1, max: 65_536 },
)
const workers = numberOption("workers", "integer", "pool workers evaluating at once (default: the core count)")
const seed = Options.text("seed").pipe(Options.withDescription("the sampling seed (default: the experiment's, else 0)"), Options.optional)
const study = studyNameOption("study", "the study's name (default sample-<space>, or <experiment>-sample)")

/** Reads `--evaluator`: inline JSON, or a file holding an evaluator or a whole experiment. */
const readEvaluatorArgument = (text: string): Effect.Effect<{ readonly json: unknown; readonly baseDirectory: string }, CliError> =>
  Effect.try({
    try: () => {
      if (text.trim().startsWith("{")) return { json: JSON.parse(text) as unknown, baseDirectory: process.cwd() }
      if (!existsSync(text)) throw new Error(`--evaluator: expected inline JSON or a file, got "${text}", which does not exist`)
      return { json: JSON.parse(readFileSync(text, "utf8")) as unknown, baseDirectory: dirname(resolve(text)) }
    },
    catch: (error) =>
      new CliError({
        message: (error as Error).message.startsWith("--evaluator") ? (error as Error).message : `--evaluator: ${(error as Error).message}`,
      }),
  })

/**
 * `cosearch surrogate sample --space NAME --evaluator JSON|FILE --n 100000 --db FILE [--workers N] [--seed S]`:
 * evaluates `n` uniform random designs of the space with the evaluator (an experiment file's, with
 * its objectives and constraints, when `--evaluator` names one) in the worker pool and stores them
 * as a study: deterministic per seed, resumable (run again to continue an interrupted run, or
 * with a larger `--n`: batches are cut at the budget, so the designs equal those of a study
 * sampled straight to the larger `--n` when the smaller one is a multiple of `--batch`).
 * Train on it with `cosearch surrogate train --data <study> --db FILE`. With `--json`, the result
 * as one document on stdout (the study, its trial counts, the designs evaluated by this run and
 * the time); progress stays on stderr.
 *
 * @example
 * // cosearch surrogate sample --space nb201-edgetpu --evaluator '{"kind":"cost"}' --n 100000 --db samples.db
 */
export const surrogateSampleCommand = Command.make(
  "sample",
  { space, evaluator, metric, samples, db: databaseOption, workers, batch, seed, study, json: surrogateJsonOption },
  (args) =>
    Effect.scoped(
      Effect.gen(function* () {
        const { json, baseDirectory } = yield* readEvaluatorArgument(args.evaluator)
        const isExperiment = typeof json === "object" && json !== null && "evaluator" in json
        const spaceName = Option.getOrUndefined(args.space)
        let base: ExperimentConfig
        if (isExperiment) {
          const experiment = json as ExperimentConfig
          if (Option.isSome(args.metric))
            return yield* new CliError({ message: "--metric: an experiment file's objectives are the metrics; leave --metric out" })
          base = spaceName === undefined ? experiment : { ...experiment, space: spaceName }
        } else {
          if (spaceName === undefined)
            return yield* new CliError({ message: "--space: name the space to sample (or give --evaluator an experiment file)" })
          base = {
            name: `sample-${spaceName}`,
            space: spaceName,
            evaluator: json as ExperimentConfig["evaluator"],
            objectives: [{ metric: Option.getOrElse(args.metric, () => "latencyMs"), direction: "minimize" }],
            optimizer: { name: "random" },
            budget: { trials: args.samples },
          }
        }
        const config = samplingExperiment(base, {
          samples: args.samples,
          ...(Option.isSome(args.batch) ? { batch: args.batch.value } : {}),
          ...(Option.isSome(args.seed) ? { seed: args.seed.value } : {}),
          ...(Option.isSome(args.study) ? { name: args.study.value } : isExperiment ? {} : { name: base.name }),
        })
        const experiment = yield* decodeExperiment(config, { source: "surrogate sample", baseDirectory })
        const store = yield* Effect.acquireRelease(
          Effect.try({ try: () => openStore(args.db), catch: (error) => new CliError({ message: (error as Error).message }) }),
          (opened) => Effect.promise(() => opened.close()),
        )
        let last = Date.now()
        const report = yield* runStudy(experiment, {
          store,
          workers: Option.getOrUndefined(args.workers),
          onEvent: (event) => {
            if (event.kind === "started")
              console.error(`sampling "${event.study.name}": ${event.counts.total}/${event.budget} designs done, ${event.workers} workers`)
            if (event.kind === "trial" && Date.now() - last >= 5000) {
              last = Date.now()
              console.error(`${event.counts.complete + event.counts.infeasible + event.counts.failed}/${event.budget} designs`)
            }
          },
        }).pipe(Effect.mapError((error) => new CliError({ message: error.message })))
        const { counts } = report
        if (args.json) {
          return yield* Console.log(
            JSON.stringify({
              study: report.study.name,
              db: args.db,
              resumed: report.resumed,
              samples: args.samples,
              counts,
              finishedThisRun: report.finishedThisRun,
              elapsedMs: report.elapsedMs,
            }),
          )
        }
        yield* Console.log(
          `study "${report.study.name}" in ${args.db}: ${counts.complete} complete, ${counts.infeasible} infeasible, ${counts.failed} failed of ${counts.total} (${report.finishedThisRun} evaluated in ${(report.elapsedMs / 1000).toFixed(1)} s)`,
        )
      }),
    ),
).pipe(Command.withDescription("Evaluate random designs in the worker pool and store them as a study, to train surrogates on."))
