import { Command } from "@effect/cli"
import { networkListCommand } from "./network-list.js"
import { networkSummaryCommand } from "./network-summary.js"

/**
 * `cosearch network`: commands that inspect networks.
 *
 * @example
 * // cosearch network summary resnet50
 */
export const networkCommand = Command.make("network").pipe(
  Command.withDescription("Inspect zoo networks and network files."),
  Command.withSubcommands([networkSummaryCommand, networkListCommand]),
)
