import { Data } from "effect"

/**
 * A mistake in what the user asked for (an unknown network, a bad file, options that do not
 * apply). The CLI prints its message to stderr, without a stack trace, and exits with code 1.
 *
 * @example
 * Effect.fail(new CliError({ message: `network file "net.json" does not exist` }))
 */
export class CliError extends Data.TaggedError("CliError")<{ readonly message: string }> {}
