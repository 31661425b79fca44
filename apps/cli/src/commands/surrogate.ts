import { Command } from "@effect/cli"
import { surrogateEvalCommand } from "./surrogate-eval.js"
import { surrogateSampleCommand } from "./surrogate-sample.js"
import { surrogateTrainCommand } from "./surrogate-train.js"

/**
 * `cosearch surrogate`: learned cost models: sample data, train, evaluate.
 *
 * @example
 * // cosearch surrogate train --data nb201.csv.gz --target lb_edgetpu_int8_ms --out coral.json
 */
export const surrogateCommand = Command.make("surrogate").pipe(
  Command.withDescription("Learned cost models: sample designs, train a surrogate, check its agreement."),
  Command.withSubcommands([surrogateTrainCommand, surrogateEvalCommand, surrogateSampleCommand]),
)
