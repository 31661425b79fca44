import type { Agreement } from "@cosearch/surrogate"
import { Options } from "@effect/cli"

/**
 * One line of agreement figures: rows, Kendall tau, Spearman, MAPE.
 *
 * @example
 * agreementLine("test", { rows: 3057, kendallTau: 0.871, spearman: 0.97, mape: 3.1 })
 * // "test        3057 rows  Kendall tau 0.8710  Spearman 0.9700  MAPE 3.10%"
 */
export const agreementLine = (label: string, agreement: Agreement): string =>
  `${label.padEnd(10)} ${String(agreement.rows).padStart(6)} rows  Kendall tau ${agreement.kendallTau.toFixed(4)}  Spearman ${agreement.spearman.toFixed(4)}  MAPE ${agreement.mape.toFixed(2)}%`

/**
 * `--json` of the surrogate commands: their figures as one JSON document on stdout instead of text
 * (progress, if any, stays on stderr). Agreement figures are `{ rows, kendallTau, spearman, mape }`
 * (MAPE in percent); a figure that is not a finite number (a rank correlation of constant values, a
 * MAPE over a zero actual value) is `null`, as `JSON.stringify` writes it.
 *
 * @example
 * Command.make("eval", { json: surrogateJsonOption }, ({ json }) => Console.log(json))
 */
export const surrogateJsonOption = Options.boolean("json").pipe(
  Options.withDescription("print the figures as one JSON document instead of text"),
)
