import { readModelFile } from "@cosearch/engine"
import { agreementOf } from "@cosearch/surrogate"
import { Command, Options } from "@effect/cli"
import { Console, Effect, Option } from "effect"
import { databaseOption } from "../study/study-options.js"
import { agreementLine, surrogateJsonOption } from "../surrogate/agreement-text.js"
import { featurizing, labeledRows } from "../surrogate/data-source.js"
import { dataOption } from "./surrogate-train.js"

const model = Options.file("model").pipe(Options.withPseudoName("FILE.json"), Options.withDescription("a model written by surrogate train"))
const target = Options.text("target").pipe(
  Options.withPseudoName("METRIC|COLUMN"),
  Options.withDescription("the metric or column to compare with (default: the model's target)"),
  Options.optional,
)

/**
 * `cosearch surrogate eval --model model.json --data <study --db FILE | FILE.csv[.gz]> [--target COL] [--json]`:
 * the model's agreement (rows, Kendall tau, Spearman, MAPE) with the data, featurized as the
 * model was trained; with `--json`, one document: the model, the target, the rows used and left
 * out, and `all` (the agreement).
 *
 * @example
 * // cosearch surrogate eval --model coral.json --data other-campaign.csv
 */
export const surrogateEvalCommand = Command.make(
  "eval",
  { model, data: dataOption, db: databaseOption, target, json: surrogateJsonOption },
  (args) =>
    Effect.gen(function* () {
      const loaded = yield* featurizing(() => readModelFile(args.model))
      const metric = Option.getOrElse(args.target, () => loaded.surrogate.target)
      const rows = yield* labeledRows({ data: args.data, db: args.db, target: metric, spec: loaded.featurizer.spec })
      const predicted = loaded.surrogate.predictMany(rows.dataset.features, rows.dataset.rows)
      const all = agreementOf(rows.dataset.targets, predicted)
      if (args.json) {
        return yield* Console.log(
          JSON.stringify({
            model: loaded.surrogate.model,
            modelFile: args.model,
            modelTarget: loaded.surrogate.target,
            target: metric,
            data: args.data,
            rows: rows.dataset.rows,
            excluded: rows.excluded,
            exclusions: rows.exclusions,
            all,
          }),
        )
      }
      const lines = [`${loaded.surrogate.model} model of ${loaded.surrogate.target} (${args.model}) against ${metric} of ${args.data}`]
      if (rows.excluded > 0) lines.push(`left out: ${rows.exclusions.join(", ")}`)
      lines.push(agreementLine("all", all))
      yield* Console.log(lines.join("\n"))
    }),
).pipe(Command.withDescription("A trained surrogate's agreement with a study or a CSV file."))
