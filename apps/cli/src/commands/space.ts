import { Command } from "@effect/cli"
import { spaceListCommand } from "./space-list.js"
import { spaceSampleCommand } from "./space-sample.js"
import { spaceShowCommand } from "./space-show.js"

/**
 * `cosearch space`: commands that inspect and sample search spaces.
 *
 * @example
 * // cosearch space sample nb201 --n 5 --seed 7
 */
export const spaceCommand = Command.make("space").pipe(
  Command.withDescription("Inspect and sample built-in search spaces and space files."),
  Command.withSubcommands([spaceListCommand, spaceShowCommand, spaceSampleCommand]),
)
