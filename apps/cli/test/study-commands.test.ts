import { readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { runInProcess } from "./run-cli.js"
import { evaluatorFixtures, freshFolder, readStudy, spawnCli, until, writeExperiment } from "./study-kit.js"

describe("cosearch run and the study commands", () => {
  it("runs a study, then lists, shows the best of and exports it", async () => {
    const folder = freshFolder()
    const db = join(folder, "runs.db")
    const experiment = writeExperiment(folder, { budget: { trials: 16 } })
    const run = await runInProcess(["run", experiment, "--db", db, "--workers", "2"])
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/^study "study": 16 complete, 0 infeasible, 0 failed of 16 \(trial budget spent; 16 trials in/)
    expect(run.stdout).toContain('best trial of "study":')
    expect(run.stderr).toMatch(/^starting study "study" \(0\/16 trials done, 2 workers\)/)
    expect(run.stderr).toMatch(/trial \d+ complete values [\d.]+ \| 16\/16 trials/)

    const status = await runInProcess(["status", "--db", db])
    expect(status.stdout.split("\n")[2]).toMatch(/^study\s+16\s+16\s+0\s+0\s+0\s+0\s+maximize score/)
    const trials = await runInProcess(["trials", "study", "--db", db, "--json"])
    expect((JSON.parse(trials.stdout) as unknown[]).length).toBe(16)
    const best = await runInProcess(["best", "study", "--db", db, "--json"])
    const [top] = JSON.parse(best.stdout) as { values: number[] }[]
    const { trials: stored } = await readStudy(db, "study")
    expect(top?.values[0]).toBe(Math.max(...stored.map((trial) => trial.values?.[0] ?? 0)))
    const csv = await runInProcess(["export", "study", "--db", db, "--format", "csv"])
    expect(csv.stdout.split("\n")[0]).toMatch(
      /^number,state,origin,param\.edge_1_0,.*,value\.score,metric\.score,metric\.cost,error,attempts,started,finished$/,
    )
    expect(csv.stdout.split("\n")).toHaveLength(17)
    const json = await runInProcess(["export", "study", "--db", db, "--format", "json"])
    expect((JSON.parse(json.stdout) as { study: { name: string } }).study.name).toBe("study")

    const missing = await runInProcess(["best", "nope", "--db", db])
    expect(missing).toMatchObject({ code: 1, stderr: `cosearch: there is no study "nope" in ${db}; its studies are study` })
    const noDb = await runInProcess(["status", "--db", join(folder, "none.db")])
    expect(noDb).toMatchObject({ code: 1, stderr: `cosearch: database "${join(folder, "none.db")}" does not exist` })
    // Port 1 of the loopback: no server there.
    const server = await runInProcess(["status", "--db", "postgres://u:secret@127.0.0.1:1/cosearch"])
    expect(server).toMatchObject({
      code: 1,
      stderr: 'cosearch: database "postgres://u:***@127.0.0.1:1/cosearch": connect ECONNREFUSED 127.0.0.1:1',
    })
    // A run on an unreachable server fails before it starts, naming the database (password hidden).
    const runThere = await runInProcess(["run", experiment, "--db", "postgres://u:secret@127.0.0.1:1/cosearch"])
    expect(runThere).toMatchObject({
      code: 1,
      stdout: "",
      stderr: 'cosearch: database "postgres://u:***@127.0.0.1:1/cosearch": connect ECONNREFUSED 127.0.0.1:1',
    })
    const unknown = await runInProcess(["status", "--storage", "mysql://localhost/cosearch"])
    expect(unknown).toMatchObject({
      code: 1,
      stderr:
        'cosearch: no store backend opens "mysql://localhost/cosearch"; the backends are postgresql (a postgresql:// URL), sqlite (a database file path or sqlite:///path.db)',
    })
  })

  it("refuses an invalid experiment with exit 2, every problem listed, the database untouched", async () => {
    const folder = freshFolder()
    const db = join(folder, "runs.db")
    await runInProcess(["run", writeExperiment(folder, { budget: { trials: 4 } }), "--db", db])
    const before = readFileSync(db)
    const bad = join(folder, "bad.json")
    writeFileSync(
      bad,
      JSON.stringify({
        name: "study",
        space: "nb201",
        evaluator: { kind: "module", module: join(evaluatorFixtures, "score.mjs") },
        objectives: [{ metric: "score", direction: "up" }],
        optimizer: { name: "evolution", population: -3 },
        budget: { trials: 4 },
      }),
    )
    const run = await runInProcess(["run", bad, "--db", db])
    expect(run.code).toBe(2)
    expect(run.stderr).toBe(
      `cosearch: experiment ${bad} is not valid:\n  objectives[0].direction: expected "minimize" or "maximize", got "up"\n  optimizer.population: expected a positive integer, got -3`,
    )
    expect(readFileSync(db).equals(before)).toBe(true)
    writeFileSync(bad, "{ not json")
    const syntax = await runInProcess(["run", bad, "--db", db])
    expect(syntax.code).toBe(2)
    expect(syntax.stderr).toMatch(/^cosearch: experiment .* is not valid:\n {2}\(root\): expected JSON, got a syntax error/)
    expect(readFileSync(db).equals(before)).toBe(true)
    const conflict = await runInProcess(["run", writeExperiment(folder, { budget: { trials: 4 }, seed: 12 }), "--db", db])
    expect(conflict.code).toBe(1)
    expect(conflict.stderr).toMatch(/was made from a different experiment .* run with --fork NEW_NAME/)
  })

  it("stops on SIGINT: running trials finish, exit 130, and a second run completes the study", async () => {
    const folder = freshFolder()
    const db = join(folder, "runs.db")
    const sleepy = { kind: "module", module: join(evaluatorFixtures, "sleepy.mjs"), options: { ms: 300 } }
    const experiment = writeExperiment(folder, { evaluator: sleepy, budget: { trials: 24 } })
    const running = spawnCli(["run", experiment, "--db", db, "--workers", "2"])
    await until(running, () => running.trialLines() >= 1)
    running.child.kill("SIGINT")
    expect(await running.exited).toBe(130)
    expect(running.stderr()).toContain("stopping: stop requested; running trials were finished")
    const stopped = await readStudy(db, "study")
    expect(stopped.integrity).toBe("ok")
    expect(stopped.trials.filter((trial) => trial.state === "running")).toEqual([])
    expect(stopped.trials.filter((trial) => trial.state === "complete").length).toBeLessThan(24)
    const resumed = await runInProcess(["run", experiment, "--db", db, "--workers", "2"])
    expect(resumed.code).toBe(0)
    expect(resumed.stderr).toMatch(/^resuming study "study"/)
    const done = await readStudy(db, "study")
    expect(done.trials.map((trial) => [trial.number, trial.state])).toEqual(Array.from({ length: 24 }, (_, k) => [k, "complete"]))
  })
})
