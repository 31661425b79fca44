import { existsSync } from "node:fs"
import { availableParallelism } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { workerLimit } from "../src/study/run-options.js"
import { runInProcess } from "./run-cli.js"
import { freshFolder, writeExperiment } from "./study-kit.js"

describe("cosearch run --workers", () => {
  it("is capped at 64 (or the core count, when more)", () => {
    expect(workerLimit).toBe(Math.max(64, availableParallelism()))
  })

  it.each([
    ["1000", `--workers 1000 is more than the limit of ${workerLimit} pool workers`],
    [String(workerLimit + 1), `--workers ${workerLimit + 1} is more than the limit of ${workerLimit} pool workers`],
    ["0", '--workers "0" is not a positive integer'],
    ["-3", '--workers "-3" is not a positive integer'],
  ])("refuses %s with exit code 2, naming the flag, the value and the limit, before writing anything", async (value, message) => {
    const folder = freshFolder()
    const database = join(folder, "study.db")
    const run = await runInProcess(["run", writeExperiment(folder), "--db", database, "--workers", value])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain(message)
    expect(existsSync(database)).toBe(false)
  })
})
