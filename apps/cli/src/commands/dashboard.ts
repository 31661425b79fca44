import { startDashboard } from "@cosearch/report"
import { openStore } from "@cosearch/store"
import { Command, Options } from "@effect/cli"
import { Console, Effect } from "effect"
import { CliError } from "../cli/cli-error.js"
import { invalid } from "../cli/options.js"
import { databaseOption } from "../study/study-options.js"

const port = Options.text("port").pipe(
  Options.withPseudoName("N"),
  Options.mapEffect((text) => {
    const value = Number(text)
    return text.trim() !== "" && Number.isInteger(value) && value >= 0 && value <= 65_535
      ? Effect.succeed(value)
      : invalid(`--port "${text}" is not a port number (0 to 65535; 0 takes any free port)`)
  }),
  Options.withDefault(8765),
  Options.withDescription("the TCP port to serve on (default 8765; 0 takes any free port)"),
)

const host = Options.text("host").pipe(
  Options.withPseudoName("H"),
  Options.withDefault("127.0.0.1"),
  Options.withDescription("the address to listen on (default 127.0.0.1, this machine only)"),
)

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error))

/**
 * `cosearch dashboard [--db FILE] [--port N] [--host H]`: serves the database's studies as live
 * pages until SIGINT or SIGTERM, reading the database read-only (it never writes to it nor changes
 * its journal mode, so a study may go on writing it). A missing file or one that is not a cosearch
 * database exits 1 with the reason.
 *
 * @example
 * // cosearch dashboard --db runs.db --port 8765
 */
export const dashboardCommand = Command.make("dashboard", { db: databaseOption, port, host }, (args) =>
  Effect.scoped(
    Effect.gen(function* () {
      const store = yield* Effect.acquireRelease(
        Effect.try({
          try: () => openStore(args.db, { readOnly: true }),
          catch: (error) => new CliError({ message: message(error) }),
        }),
        (opened) => Effect.promise(() => opened.close()),
      )
      const dashboard = yield* Effect.acquireRelease(
        Effect.tryPromise({
          try: () =>
            startDashboard({
              store,
              port: args.port,
              host: args.host,
              onError: (error) => console.error(`cosearch dashboard: ${message(error)}`),
            }),
          catch: (error) => new CliError({ message: `cannot serve on ${args.host}:${args.port}: ${message(error)}` }),
        }),
        (started) => Effect.promise(() => started.close()),
      )
      yield* Console.log(`cosearch dashboard: ${dashboard.url} (reading ${args.db} read-only; Ctrl-C stops)`)
      // Serves until the runtime interrupts this fiber on SIGINT or SIGTERM; the scope then stops
      // the server and closes the store.
      return yield* Effect.never
    }),
  ),
).pipe(Command.withDescription("Serve the database's studies as live web pages (read-only; stays open while studies run)."))
