import { Command, ValidationError } from "@effect/cli"
import type { CliApp } from "@effect/cli/CliApp"
import { Console, Effect } from "effect"
import { normalizeOneLetterOptions } from "./cli/argv.js"
import { terminalSafe } from "./cli/terminal-safe.js"
import { calibrateCommand } from "./commands/calibrate.js"
import { classesCommand, compareCommand, studyCommand } from "./commands/compare.js"
import { convertCommand } from "./commands/convert.js"
import { dashboardCommand } from "./commands/dashboard.js"
import { evaluateCommand } from "./commands/evaluate.js"
import { layersCommand } from "./commands/layers.js"
import { networkCommand } from "./commands/network.js"
import { plotCommand } from "./commands/plot.js"
import { reportCommand } from "./commands/report.js"
import { runCommand } from "./commands/run.js"
import { spaceCommand } from "./commands/space.js"
import { studyManagementCommands } from "./commands/study-manage.js"
import { bestCommand, exportCommand, statusCommand, trialsCommand } from "./commands/study-read.js"
import { surrogateCommand } from "./commands/surrogate.js"
import { workerCommand } from "./commands/worker.js"

/**
 * Exit codes: 0 success, 1 a user error (bad network, space, file or option value; constraints that leave
 * nothing to sample; a study conflict; an unknown study or a taken study name), 2 a command-line usage
 * error (`study delete` without `--yes` included) or an invalid experiment file,
 * 130 a run stopped by SIGINT or SIGTERM (set by the runtime, see bin.ts).
 *
 * @example
 * const code: ExitCode = 1 // `cosearch network summary nope`
 */
export type ExitCode = 0 | 1 | 2 | 130

const rootCommand = Command.make("cosearch").pipe(
  Command.withDescription("Joint search of neural networks and accelerators."),
  Command.withSubcommands([
    networkCommand,
    spaceCommand,
    evaluateCommand,
    convertCommand,
    calibrateCommand,
    compareCommand,
    classesCommand,
    studyCommand.pipe(Command.withSubcommands(studyManagementCommands)),
    layersCommand,
    runCommand,
    workerCommand,
    statusCommand,
    trialsCommand,
    bestCommand,
    exportCommand,
    dashboardCommand,
    surrogateCommand,
    reportCommand,
    plotCommand,
  ]),
)

/** An invalid experiment file (`ConfigError`) or a usage error a handler found (`UsageError`): exit 2. */
const isUsageLike = (error: unknown): boolean => {
  const tag = (error as { _tag?: unknown } | null)?._tag
  return tag === "ConfigError" || tag === "UsageError"
}

const run = Command.run(rootCommand, { name: "cosearch", version: "0.1.0" })

/**
 * Runs the CLI on `process.argv`-style arguments (runtime and script first) and returns the exit
 * code. User errors are printed to stderr as one message (`terminalSafe`) without a stack trace; usage errors
 * have already been printed by @effect/cli. Defects (bugs) are left to fail the effect.
 *
 * @example
 * const code = await Effect.runPromise(runCli(["node", "cosearch", "network", "list"]).pipe(Effect.provide(NodeContext.layer)))
 */
export const runCli = (argv: ReadonlyArray<string>): Effect.Effect<ExitCode, never, CliApp.Environment> =>
  run(normalizeOneLetterOptions(argv)).pipe(
    Effect.as<ExitCode>(0),
    Effect.catchAll((error) =>
      ValidationError.isValidationError(error)
        ? Effect.succeed<ExitCode>(2)
        : Console.error(`cosearch: ${terminalSafe(error.message)}`).pipe(Effect.as<ExitCode>(isUsageLike(error) ? 2 : 1)),
    ),
  )
