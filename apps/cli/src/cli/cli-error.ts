import { Data } from "effect"

/**
 * A mistake in what the user asked for (an unknown network, a bad file, options that do not
 * apply). The CLI prints its message to stderr, without a stack trace, and exits with code 1.
 *
 * @example
 * Effect.fail(new CliError({ message: `network file "net.json" does not exist` }))
 */
export class CliError extends Data.TaggedError("CliError")<{ readonly message: string }> {}

/**
 * A command line that cannot go on as given, found by a command's handler rather than by the
 * option parser (e.g. `study delete` without `--yes`). The CLI prints its message to stderr and
 * exits with code 2, as for the parser's usage errors.
 *
 * @example
 * Effect.fail(new UsageError({ message: "study delete: add --yes to delete the study" }))
 */
export class UsageError extends Data.TaggedError("UsageError")<{ readonly message: string }> {}
