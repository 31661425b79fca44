import { existsSync } from "node:fs"
import { join } from "node:path"
import { openSqliteStore } from "@cosearch/store"
import { describe, expect, it } from "vitest"
import { terminalSafe } from "../src/cli/terminal-safe.js"
import { runInProcess } from "./run-cli.js"
import { freshFolder, writeExperiment } from "./study-kit.js"

const ESC = "\u001b"

/** The raw BEL, ESC and CR characters of a text. */
const rawControls = (text: string): string[] => [...text].filter((character) => ["\u0007", ESC, "\r"].includes(character))

describe("cosearch run refuses what no study can use, before anything is written", () => {
  it("an objective or a constraint on a metric the evaluator does not give: exit 2 naming the path, the metric and the metrics", async () => {
    const folder = freshFolder()
    const db = join(folder, "runs.db")
    const experiment = writeExperiment(folder, {
      evaluator: { kind: "nb201-table" },
      objectives: [{ metric: "acuracy", direction: "maximize" }],
      constraints: [{ metric: "latencyMs", max: 1 }],
    })
    const run = await runInProcess(["run", experiment, "--db", db])
    expect(run.code).toBe(2)
    expect(run.stderr).toBe(
      [
        `cosearch: experiment ${experiment} is not valid:`,
        '  objectives[0].metric: expected a metric the evaluator gives (accuracy, coralLatencyMs, mflops, mparams), got "acuracy"',
        '  constraints[0].metric: expected a metric the evaluator gives (accuracy, coralLatencyMs, mflops, mparams), got "latencyMs"',
      ].join("\n"),
    )
    expect(existsSync(db)).toBe(false)
  })

  it.each([
    ["", "is not a study name: it is empty"],
    ["   ", "is not a study name: it is only whitespace"],
    [`red${ESC}[31m`, "is not a study name: it contains the control character \\x1b"],
  ])("--study %j: exit 2 naming the flag", async (name, problem) => {
    const folder = freshFolder()
    const db = join(folder, "runs.db")
    for (const flag of ["--study", "--fork"]) {
      const run = await runInProcess(["run", writeExperiment(folder), "--db", db, flag, name])
      expect(run.code).toBe(2)
      expect(run.stderr).toContain(`${flag} "${terminalSafe(name)}" ${problem}`)
      expect(run.stderr).not.toContain(ESC)
    }
    expect(existsSync(db)).toBe(false)
  })

  it("an experiment name that is blank or holds control characters: exit 2", async () => {
    const folder = freshFolder()
    const db = join(folder, "runs.db")
    const run = await runInProcess(["run", writeExperiment(folder, { name: `bell\u0007` }), "--db", db])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('name: expected a study name (not blank, without control characters), got "bell\\u0007"')
    expect(run.stderr).not.toContain("\u0007")
    expect(existsSync(db)).toBe(false)
  })

  it.each([
    ["1e308", "is out of range"],
    ["Infinity", "is not finite"],
    ["1e999", "is not finite"],
    ["0", "is not a positive integer"],
    ["2.5", "is not a positive integer"],
  ])("--trials %s: exit 2 naming the flag, the value and the range", async (value, problem) => {
    const folder = freshFolder()
    const db = join(folder, "runs.db")
    const run = await runInProcess(["run", writeExperiment(folder), "--db", db, "--trials", value])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain(`--trials "${value}" ${problem} (expected an integer from 1 to 1000000000)`)
    expect(existsSync(db)).toBe(false)
  })
})

describe("names are printed terminal-safe", () => {
  it("a study named with escape sequences prints escaped in status and best, and as JSON with --json", async () => {
    const db = join(freshFolder(), "runs.db")
    const name = `evil${ESC}[2J${ESC}]0;owned\u0007\r`
    const store = openSqliteStore(db)
    const study = await store.createStudy({
      name,
      config: { name },
      configHash: "hash",
      space: "nb201",
      objectives: [{ metric: "score", direction: "maximize" }],
      constraints: [],
      seed: "0",
    })
    await store.addTrials(study.id, 0, [{ params: { edge_1_0: `skip${ESC}[5m` }, origin: "random" }])
    const trial = await store.claimTrial(study.id, "test:0", Date.now())
    await store.finishTrial(study.id, trial?.number ?? 0, "test:0", { state: "complete", values: [1], metrics: { score: 1 } }, Date.now())
    await store.close()
    const escaped = "evil\\x1b[2J\\x1b]0;owned\\x07\\x0d"
    const status = await runInProcess(["status", "--db", db])
    expect(status.code).toBe(0)
    expect(status.stdout).toContain(escaped)
    const best = await runInProcess(["best", name, "--db", db])
    expect(best.code).toBe(0)
    expect(best.stdout).toContain(`best trial of "${escaped}":`)
    expect(best.stdout).toContain("skip\\x1b[5m")
    for (const output of [status.stdout, best.stdout]) expect(rawControls(output)).toEqual([])
    const json = await runInProcess(["best", name, "--db", db, "--json"])
    expect(JSON.parse(json.stdout)[0].params.edge_1_0).toBe(`skip${ESC}[5m`)
    const missing = await runInProcess(["best", `${name}x`, "--db", db])
    expect(missing.code).toBe(1)
    expect(missing.stderr).toContain(`there is no study "${escaped}x"`)
    expect(rawControls(missing.stderr)).toEqual([])
  })

  it("terminalSafe writes control characters but newline and tab as \\xHH", () => {
    expect(terminalSafe(`a${ESC}[31mb\u0007c\rd\u009be\u007ff\n\tg`)).toBe("a\\x1b[31mb\\x07c\\x0dd\\x9be\\x7ff\n\tg")
    expect(terminalSafe("plain")).toBe("plain")
  })
})
