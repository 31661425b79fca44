// `cosearch worker`'s refusals before any work: a storage that does not exist (without an
// experiment to create a study from), heartbeat settings that would re-run other hosts' trials,
// and --base-dir beside --config.
import { existsSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { runInProcess } from "./run-cli.js"
import { freshFolder, writeExperiment } from "./study-kit.js"

describe("cosearch worker refuses", () => {
  it("a storage that does not exist, creating nothing", async () => {
    const missing = join(freshFolder(), "typo.db")
    const run = await runInProcess(["worker", "--db", missing])
    expect(run.code).toBe(1)
    expect(run.stderr).toContain(missing)
    expect(existsSync(missing)).toBe(false)
  })

  it("a stale-after below twice the heartbeat, naming both", async () => {
    const run = await runInProcess([
      "worker",
      "--db",
      join(freshFolder(), "a.db"),
      "--stale-after-seconds",
      "3",
      "--heartbeat-seconds",
      "2",
    ])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain("--stale-after-seconds 3 must be at least twice the heartbeat interval (2 s, --heartbeat-seconds)")
    const defaults = await runInProcess(["worker", "--db", join(freshFolder(), "a.db"), "--stale-after-seconds", "1"])
    expect(defaults.code).toBe(2)
    expect(defaults.stderr).toContain("--stale-after-seconds 1 must be at least twice the heartbeat interval (2 s")
  })

  it("--base-dir with --config", async () => {
    const folder = freshFolder()
    const experiment = writeExperiment(folder)
    const run = await runInProcess(["worker", "--db", join(folder, "a.db"), "--config", experiment, "--base-dir", folder])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain(`--base-dir "${folder}" applies to experiments read from the storage`)
    expect(existsSync(join(folder, "a.db"))).toBe(false)
  })
})
