import { existsSync, mkdirSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { runInProcess } from "./run-cli.js"
import { freshFolder, repoRoot } from "./study-kit.js"

// Issue 20: `--out` was checked only after the work was done (a whole comparison ran, then
// "cannot write"). It is checked first now: nothing runs, nothing is written.
describe("--out is checked before the work", () => {
  it("refuses a folder that does not exist, or a folder given as the file, before running anything", async () => {
    const folder = freshFolder()
    const missing = join(folder, "no-such-folder", "mensa.md")
    const compare = await runInProcess(["compare", join(repoRoot, "experiments/mensa.json"), "--out", missing])
    expect(compare.code).toBe(1)
    // No progress line: the comparison did not run.
    expect(compare.stderr).toBe(`cosearch: --out "${missing}": the folder ${join(folder, "no-such-folder")} does not exist`)

    const aFolder = join(folder, "taken")
    mkdirSync(aFolder)
    const exported = await runInProcess(["network", "export", "mobilenet_v2", "--format", "onnx", "--out", aFolder])
    // The option's own check (a usage error, exit 2) catches a folder before the command runs.
    expect(exported.code).toBe(2)
    expect(exported.stderr).toContain(`Expected path '${aFolder}' to be a regular file`)

    const file = join(folder, "a-file")
    writeFileSync(file, "x")
    const converted = await runInProcess([
      "convert",
      "--network",
      "resnet18",
      "--accelerator",
      "maestro-256pe",
      "--to",
      "maestro",
      "--out",
      file,
    ])
    expect(converted.code).toBe(2)
    expect(converted.stderr).toContain(`Expected path '${file}' to be a directory`)
    expect(existsSync(missing)).toBe(false)
  })
})
