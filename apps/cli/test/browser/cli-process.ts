import { type ChildProcess, spawn } from "node:child_process"
import { resolve } from "node:path"

const repoRoot = resolve(import.meta.dirname, "../../../..")

/**
 * A `cosearch` child process with everything it printed so far and its exit.
 *
 * @example
 * const dashboard = startCli(["dashboard", "--db", "runs.db", "--port", "0"])
 */
export interface CliProcess {
  readonly child: ChildProcess
  readonly stdout: () => string
  readonly stderr: () => string
  /** The exit code, or the signal's name when a signal ended it. */
  readonly exited: Promise<number | string>
}

/**
 * Starts `cosearch <args>` (as `pnpm cosearch` runs it) in a child process from the repository root.
 *
 * @example
 * const study = startCli(["run", "experiment.json", "--db", "runs.db"])
 */
export const startCli = (args: readonly string[]): CliProcess => {
  const child = spawn(process.execPath, ["--conditions=@cosearch/source", "--import", "tsx", "apps/cli/src/bin.ts", ...args], {
    cwd: repoRoot,
    env: { ...process.env, NO_COLOR: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  })
  let stdout = ""
  let stderr = ""
  child.stdout?.on("data", (chunk: Buffer) => {
    stdout += chunk.toString("utf8")
  })
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8")
  })
  const exited = new Promise<number | string>((done) => child.on("exit", (code, signal) => done(code ?? signal ?? "unknown")))
  return { child, stdout: () => stdout, stderr: () => stderr, exited }
}

/**
 * Waits until `check` returns a value (polled every `everyMs`), failing after `timeoutMs` with
 * `what` in the message.
 *
 * @example
 * const url = await waitFor("the dashboard's URL", () => dashboard.stdout().match(/http:\S+/)?.[0], 30_000)
 */
export const waitFor = async <A>(what: string, check: () => A | undefined | Promise<A | undefined>, timeoutMs: number, everyMs = 50) => {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const found = await check()
    if (found !== undefined) return found
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await new Promise((done) => setTimeout(done, everyMs))
  }
}
