import { type ModelMeta, type SplitRule, splitRows, writeModelFile } from "@cosearch/engine"
import { createRandom } from "@cosearch/space"
import { agreementOf, type ModelKind, modelKinds, subsetOf, trainSurrogate } from "@cosearch/surrogate"
import { Command, Options } from "@effect/cli"
import { Console, Effect, Option } from "effect"
import { CliError } from "../cli/cli-error.js"
import { optionalText } from "../cli/options.js"
import { checkOutputPath } from "../cli/output-path.js"
import { databaseOption } from "../study/study-options.js"
import { agreementLine, surrogateJsonOption } from "../surrogate/agreement-text.js"
import { featurizing, isCsvPath, labeledRows } from "../surrogate/data-source.js"

/**
 * `--data STUDY|FILE.csv[.gz]`: a study of `--db` or a CSV file.
 *
 * @example
 * Command.make("eval", { data: dataOption }, ({ data }) => Console.log(data))
 */
export const dataOption = Options.text("data").pipe(
  Options.withPseudoName("STUDY|FILE.csv[.gz]"),
  Options.withDescription("a study of --db, or a CSV file (gzipped when it ends in .gz)"),
)

/**
 * `--features COL,COL`: CSV columns used as numeric features.
 *
 * @example
 * Command.make("train", { features: featuresOption }, ({ features }) => Console.log(features))
 */
export const featuresOption = optionalText(
  "features",
  "COLUMN,COLUMN",
  "CSV data: numeric columns to use as features (default: none when there is a network column, else every numeric column)",
)

/**
 * `--network-column COL`: the CSV column naming each row's network.
 *
 * @example
 * Command.make("train", { networkColumn: networkColumnOption }, ({ networkColumn }) => Console.log(networkColumn))
 */
export const networkColumnOption = optionalText(
  "network-column",
  "COLUMN",
  "CSV data: the column naming each row's network (an NB201 arch string, a zoo spec or a .json file; default arch, arch_str or network)",
)

const target = Options.text("target").pipe(
  Options.withPseudoName("METRIC|COLUMN"),
  Options.withDescription("the metric or column to predict"),
)
const model = Options.choice("model", modelKinds).pipe(Options.withDefault<ModelKind>("gbt"), Options.withDescription("the model kind"))
const split = Options.choice("split", ["index-mod-5", "random"] as const).pipe(
  Options.withDefault<SplitRule>("index-mod-5"),
  Options.withDescription("test rows: those whose index (CSV index column, or trial number) is a multiple of 5, or a seeded random 20%"),
)
const seed = Options.text("seed").pipe(
  Options.withDefault("0"),
  Options.withDescription("seed of the split, the validation rows and the model"),
)
const out = Options.file("out").pipe(Options.withPseudoName("FILE.json"), Options.withDescription("where to write the model (atomically)"))

const columnsOf = (text: Option.Option<string>): string[] | undefined =>
  Option.match(text, {
    onNone: () => undefined,
    onSome: (value) =>
      value
        .split(",")
        .map((column) => column.trim())
        .filter((column) => column !== ""),
  })

/**
 * `cosearch surrogate train --data <study --db FILE | FILE.csv[.gz]> --target METRIC --out model.json
 * [--model gbt|rf|mlp|gp] [--features COLS] [--network-column COL] [--split index-mod-5|random] [--seed N] [--json]`:
 * featurizes the data (infeasible and failed trials, and rows without a target, are left out and
 * counted), holds out the test rows, trains on the rest (with a seeded validation share for early
 * stopping), prints the validation and test agreement and writes the model with its featurizer.
 * With `--json`, one document: rows used, for training, for testing and left out, and the
 * `validation` and `test` agreement (`test` null without test rows).
 *
 * @example
 * // cosearch surrogate train --data /work/shared/data/nb201.csv.gz --target lb_edgetpu_int8_ms --out coral.json
 */
export const surrogateTrainCommand = Command.make(
  "train",
  {
    data: dataOption,
    db: databaseOption,
    target,
    model,
    features: featuresOption,
    networkColumn: networkColumnOption,
    split,
    seed,
    out,
    json: surrogateJsonOption,
  },
  (args) =>
    Effect.gen(function* () {
      yield* checkOutputPath(args.out)
      const rows = yield* labeledRows({
        data: args.data,
        db: args.db,
        target: args.target,
        columns: columnsOf(args.features),
        networkColumn: Option.getOrUndefined(args.networkColumn),
      })
      const { train, test } = splitRows(rows.keys, args.split, createRandom(`${args.seed}|split`))
      if (train.length < 2) {
        return yield* new CliError({
          message: `--data: ${rows.dataset.rows} usable rows leave ${train.length} to train on; at least 2 are needed`,
        })
      }
      const source = isCsvPath(args.data) ? `CSV ${args.data}` : `study "${args.data}" in ${args.db}`
      const meta: ModelMeta = { featurizer: rows.featurizer.spec, data: source, split: args.split, seed: args.seed }
      const trained = yield* featurizing(() =>
        trainSurrogate(subsetOf(rows.dataset, train), args.target, { model: args.model, seed: args.seed }, meta),
      )
      const tested = test.length === 0 ? undefined : subsetOf(rows.dataset, test)
      const testAgreement =
        tested === undefined ? undefined : agreementOf(tested.targets, trained.surrogate.predictMany(tested.features, tested.rows))
      yield* featurizing(() => writeModelFile(args.out, trained.surrogate))
      if (args.json) {
        return yield* Console.log(
          JSON.stringify({
            model: args.model,
            target: args.target,
            data: source,
            rows: rows.dataset.rows,
            trainRows: train.length,
            testRows: test.length,
            features: rows.featurizer.names.length,
            excluded: rows.excluded,
            exclusions: rows.exclusions,
            split: args.split,
            seed: args.seed,
            validation: trained.validation,
            test: testAgreement ?? null,
            out: args.out,
          }),
        )
      }
      const lines = [
        `trained ${args.model} on ${train.length} of ${rows.dataset.rows} rows of ${source}, target ${args.target}, ${rows.featurizer.names.length} features`,
      ]
      if (rows.excluded > 0) lines.push(`left out: ${rows.exclusions.join(", ")}`)
      lines.push(agreementLine("validation", trained.validation))
      if (testAgreement !== undefined) lines.push(agreementLine("test", testAgreement))
      lines.push(`wrote ${args.out}`)
      yield* Console.log(lines.join("\n"))
    }),
).pipe(Command.withDescription("Train a surrogate on a study or a CSV file; print its validation and test agreement."))
