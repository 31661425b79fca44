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
import { bestCommand, exportCommand, statusCommand, trialsCommand } from "./commands/study-read.js"
import { surrogateCommand } from "./commands/surrogate.js"

/**
 * Exit codes: 0 success, 1 a user error (bad network, space, file or option value; constraints that leave
 * nothing to sample; a study conflict), 2 a command-line usage error or an invalid experiment file,
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
    studyCommand,
    layersCommand,
    runCommand,
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

const isConfigError = (error: unknown): boolean => (error as { _tag?: unknown } | null)?._tag === "ConfigError"

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
        : Console.error(`cosearch: ${terminalSafe(error.message)}`).pipe(Effect.as<ExitCode>(isConfigError(error) ? 2 : 1)),
    ),
  )
