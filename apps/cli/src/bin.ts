#!/usr/bin/env node
import { NodeContext, NodeRuntime } from "@effect/platform-node"
import { Effect } from "effect"
import { runCli } from "./cli.js"

// The process exits with the code runCli returns; defects are reported by runMain with exit code 1.
runCli(process.argv).pipe(
  Effect.flatMap((code) =>
    Effect.sync(() => {
      process.exitCode = code
    }),
  ),
  Effect.provide(NodeContext.layer),
  NodeRuntime.runMain,
)
