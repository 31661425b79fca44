#!/usr/bin/env node
import { NodeContext, NodeRuntime } from "@effect/platform-node"
import { Cause, Effect, Exit } from "effect"
import { runCli } from "./cli.js"

// A reader that goes away (`cosearch trials x | head`) closes our stdout: stop quietly, as Unix
// tools do, instead of dying with an EPIPE stack trace. Other stream errors are reported.
for (const stream of [process.stdout, process.stderr])
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0)
    throw error
  })

// The process exits with the code runCli returns; defects are reported by runMain with exit code 1;
// a run interrupted by SIGINT or SIGTERM exits 130.
runCli(process.argv).pipe(
  Effect.flatMap((code) =>
    Effect.sync(() => {
      process.exitCode = code
    }),
  ),
  Effect.provide(NodeContext.layer),
  (program) =>
    NodeRuntime.runMain(program, {
      teardown: (exit, onExit) => onExit(Exit.isSuccess(exit) ? 0 : Cause.isInterruptedOnly(exit.cause) ? 130 : 1),
    }),
)
