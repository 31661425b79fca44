import { studyNameProblem } from "@cosearch/engine"
import { isPrecision, type Precision, precisions } from "@cosearch/network"
import { Args, HelpDoc, Options, ValidationError } from "@effect/cli"
import { Effect, type Option } from "effect"
import { terminalSafe } from "./terminal-safe.js"

/**
 * Fails an option's parse with a usage error carrying `message` (exit code 2), printed
 * `terminalSafe` (it may quote what the user typed).
 *
 * @example
 * Options.mapEffect((text) => (text === "a" ? Effect.succeed(text) : invalid(`--x "${text}" is not a`)))
 */
export const invalid = (message: string) => Effect.fail(ValidationError.invalidValue(HelpDoc.p(terminalSafe(message))))

/**
 * The values a numeric option accepts, both ends included.
 *
 * @example
 * const resolutions: NumberRange = { min: 1, max: 4096 }
 */
export interface NumberRange {
  readonly min: number
  readonly max: number
}

/**
 * An optional numeric option whose errors name the flag, the value given and the range, e.g.
 * `--resolution "abc" is not a positive integer (expected 1 to 4096)` or `--resolution "1e308"
 * is out of range (expected 1 to 4096)`. Non-finite values (`Infinity`, `1e999`, `NaN`) are never
 * accepted; without a `range`, an integer is at most 2^53 - 1 and a number any positive finite one.
 *
 * @example
 * const resolution = numberOption("resolution", "integer", "input height and width", { min: 1, max: 4096 })
 */
export const numberOption = (
  name: string,
  kind: "integer" | "number",
  description: string,
  range?: NumberRange,
): Options.Options<Option.Option<number>> => {
  const { min, max } = range ?? {
    min: kind === "integer" ? 1 : Number.MIN_VALUE,
    max: kind === "integer" ? Number.MAX_SAFE_INTEGER : Number.MAX_VALUE,
  }
  const expected = `(expected ${kind === "integer" ? "an integer" : "a number"} from ${min} to ${max})`
  return Options.text(name).pipe(
    Options.withPseudoName(kind === "integer" ? "N" : "X"),
    Options.mapEffect((text) => {
      const value = Number(text)
      const fail = (what: string) => invalid(`--${name} "${text}" ${what} ${expected}`)
      if (text.trim() === "" || Number.isNaN(value)) return fail(`is not a positive ${kind}`)
      if (!Number.isFinite(value)) return fail("is not finite")
      if (value > max) return fail("is out of range")
      if ((kind === "integer" && !Number.isInteger(value)) || value <= 0) return fail(`is not a positive ${kind}`)
      if (value < min) return fail("is out of range")
      return Effect.succeed(value)
    }),
    Options.withDescription(range === undefined ? description : `${description}; ${min} to ${max}`),
    Options.optional,
  )
}

/**
 * An optional `--<name> NAME` option naming a study: an empty or blank name, or one with control
 * characters, is refused naming the flag (see `studyNameProblem`), e.g. `--study "" is not a
 * study name: it is empty`.
 *
 * @example
 * const study = studyNameOption("study", "the study's name (default: the experiment's name)")
 */
export const studyNameOption = (name: string, description: string): Options.Options<Option.Option<string>> =>
  Options.text(name).pipe(
    Options.withPseudoName("NAME"),
    Options.mapEffect((text) => {
      const problem = studyNameProblem(text)
      return problem === undefined ? Effect.succeed(text) : invalid(`--${name} "${text}" is not a study name: it ${problem}`)
    }),
    Options.withDescription(description),
    Options.optional,
  )

/**
 * A positional `<name>` argument naming a study, refused as `studyNameOption` refuses a name, e.g.
 * `<to> "" is not a study name: it is empty`.
 *
 * @example
 * const to = studyNameArgument("to", "the new name")
 */
export const studyNameArgument = (name: string, description: string): Args.Args<string> =>
  Args.text({ name }).pipe(
    Args.mapEffect((text) => {
      const problem = studyNameProblem(text)
      return problem === undefined
        ? Effect.succeed(text)
        : Effect.fail(HelpDoc.p(terminalSafe(`<${name}> "${text}" is not a study name: it ${problem}`)))
    }),
    Args.withDescription(description),
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
