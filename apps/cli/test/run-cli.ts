import { spawnSync } from "node:child_process"
import { resolve } from "node:path"
import { NodeContext } from "@effect/platform-node"
import { Effect } from "effect"
import { vi } from "vitest"
import { runCli } from "../src/cli.js"

/**
 * What a CLI run produced.
 *
 * @example
 * const run: CliRun = { code: 1, stdout: "", stderr: "cosearch: ..." }
 */
export interface CliRun {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

const joinArgs = (args: readonly unknown[]): string => args.map(String).join(" ")

/**
 * Runs the CLI in this process with `console.log` and `console.error` captured (Effect's default
 * console writes through them).
 *
 * @example
 * const { code, stdout } = await runInProcess(["network", "list"])
 */
export const runInProcess = async (args: readonly string[]): Promise<CliRun> => {
  const stdout: string[] = []
  const stderr: string[] = []
  const log = vi.spyOn(console, "log").mockImplementation((...parts: unknown[]) => void stdout.push(joinArgs(parts)))
  const error = vi.spyOn(console, "error").mockImplementation((...parts: unknown[]) => void stderr.push(joinArgs(parts)))
  try {
    const code = await Effect.runPromise(runCli(["node", "cosearch", ...args]).pipe(Effect.provide(NodeContext.layer)))
    return { code, stdout: stdout.join("\n"), stderr: stderr.join("\n") }
  } finally {
    log.mockRestore()
    error.mockRestore()
  }
}

const repoRoot = resolve(import.meta.dirname, "../../..")

/**
 * Runs `apps/cli/src/bin.ts` as `pnpm cosearch` does, in a child process from the repository root
 * (about a second each, so used sparingly).
 *
 * @example
 * const { code, stderr } = runSubprocess(["network", "summary", "nope"])
 */
export const runSubprocess = (args: readonly string[]): CliRun => {
  const child = spawnSync(process.execPath, ["--conditions=@cosearch/source", "--import", "tsx", "apps/cli/src/bin.ts", ...args], {
    cwd: repoRoot,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
  })
  return { code: child.status ?? -1, stdout: child.stdout, stderr: child.stderr }
}
