import { isPrecision, type Precision, precisions } from "@cosearch/network"
import { HelpDoc, Options, ValidationError } from "@effect/cli"
import { Effect, type Option } from "effect"

/**
 * Fails an option's parse with a usage error carrying `message` (exit code 2).
 *
 * @example
 * Options.mapEffect((text) => (text === "a" ? Effect.succeed(text) : invalid(`--x "${text}" is not a`)))
 */
export const invalid = (message: string) => Effect.fail(ValidationError.invalidValue(HelpDoc.p(message)))

/**
 * An optional numeric option whose errors name the flag and the value given, e.g.
 * `--resolution "abc" is not a positive integer`.
 *
 * @example
 * const resolution = numberOption("resolution", "integer", "input height and width")
 */
export const numberOption = (name: string, kind: "integer" | "number", description: string): Options.Options<Option.Option<number>> =>
  Options.text(name).pipe(
    Options.withPseudoName(kind === "integer" ? "N" : "X"),
    Options.mapEffect((text) => {
      const value = Number(text)
      const ok = text.trim() !== "" && (kind === "integer" ? Number.isInteger(value) : Number.isFinite(value)) && value > 0
      return ok ? Effect.succeed(value) : invalid(`--${name} "${text}" is not a positive ${kind}`)
    }),
    Options.withDescription(description),
    Options.optional,
  )

/**
 * `--precision int8|bf16|fp32` (default int8); an unknown value is named in the error.
 *
 * @example
 * Command.make("summary", { precision: precisionOption }, ({ precision }) => Console.log(precision))
 */
export const precisionOption: Options.Options<Precision> = Options.text("precision").pipe(
  Options.withPseudoName(precisions.join("|")),
  Options.mapEffect((text) =>
    isPrecision(text) ? Effect.succeed(text) : invalid(`--precision "${text}" is not a precision; use one of ${precisions.join(", ")}`),
  ),
  Options.withDefault<Precision>("int8"),
  Options.withDescription(`element width of weights and activations: ${precisions.join(", ")}`),
)

/**
 * An optional text option `--<name> PSEUDO`.
 *
 * @example
 * const study = optionalText("study", "NAME", "the study's name")
 */
export const optionalText = (name: string, pseudoName: string, description: string): Options.Options<Option.Option<string>> =>
  Options.text(name).pipe(Options.withPseudoName(pseudoName), Options.withDescription(description), Options.optional)
