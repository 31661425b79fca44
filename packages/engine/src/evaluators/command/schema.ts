import { expected, nonEmptyListOf, nonEmptyString, optionalField, positiveNumber } from "@cosearch/space"
import { Schema } from "effect"

/**
 * The form of the `command` evaluator's settings in an experiment file (see `CommandSettings`).
 *
 * @example
 * Schema.decodeUnknownSync(CommandSettingsSchema)({ kind: "command", command: ["python3", "train.py"], timeoutSeconds: 3600 })
 */
/**
 * The longest timeout a program may have, in seconds: Node's timers hold at most 2^31 - 1 ms
 * (about 24.8 days); a longer one would fire at once.
 */
export const maxCommandTimeoutSeconds = 2_147_483

export const CommandSettingsSchema = Schema.Struct({
  kind: Schema.Literal("command"),
  command: nonEmptyListOf(nonEmptyString, "a non-empty list of strings (the program and its arguments)"),
  timeoutSeconds: optionalField(
    positiveNumber
      .pipe(Schema.lessThanOrEqualTo(maxCommandTimeoutSeconds))
      .annotations(expected(`a positive number up to ${maxCommandTimeoutSeconds}`, false)),
  ),
  cwd: optionalField(nonEmptyString),
})

/**
 * Settings of the `command` evaluator: the program and its arguments, a timeout (default 600 s)
 * and the working directory (default the experiment file's directory).
 *
 * @example
 * const settings: CommandSettings = { kind: "command", command: ["python3", "train.py"], timeoutSeconds: 3600 }
 */
export type CommandSettings = Schema.Schema.Type<typeof CommandSettingsSchema>
