import { Command } from "@effect/cli"
import { networkExportCommand } from "./network-export.js"
import { networkImportCommand } from "./network-import.js"
import { networkListCommand } from "./network-list.js"
import { networkSummaryCommand } from "./network-summary.js"

/**
 * `cosearch network`: commands that inspect networks.
 *
 * @example
 * // cosearch network summary resnet50
 */
export const networkCommand = Command.make("network").pipe(
  Command.withDescription("Inspect zoo networks and network files; import ONNX models, export networks."),
  Command.withSubcommands([networkSummaryCommand, networkListCommand, networkImportCommand, networkExportCommand]),
)
