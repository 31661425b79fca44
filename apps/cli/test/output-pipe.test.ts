import { spawn } from "node:child_process"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { runInProcess } from "./run-cli.js"
import { freshFolder, repoRoot } from "./study-kit.js"

// Issue 20: `pnpm -s cosearch trials x | head` died with an EPIPE stack trace. A reader that
// closes the pipe early now ends the command quietly, exit 0.
describe("output into a pipe the reader closes early", () => {
  it("stops quietly, with no EPIPE stack trace", async () => {
    const folder = freshFolder()
    const db = join(folder, "runs.db")
    // The quickstart's 240 trials export as about 300 kB of JSON: more than a pipe holds.
    expect((await runInProcess(["run", join(repoRoot, "experiments/quickstart.json"), "--db", db])).code).toBe(0)
    const child = spawn(
      process.execPath,
      ["--conditions=@cosearch/source", "--import", "tsx", "apps/cli/src/bin.ts", "export", "quickstart", "--db", db, "--format", "json"],
      { cwd: repoRoot, stdio: ["ignore", "pipe", "pipe"] },
    )
    let stderr = ""
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8")
    })
    // Like `head -c 100`: read one chunk, then close the pipe.
    child.stdout.once("data", () => child.stdout.destroy())
    const code = await new Promise<number | null>((done) => child.on("exit", (exit) => done(exit)))
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" })
  })
})
