import { existsSync } from "node:fs"
import { join } from "node:path"
import type { Trial } from "@cosearch/optimize"
import { openSqliteStore } from "@cosearch/store"
import { describe, expect, it } from "vitest"
import { runInProcess } from "./run-cli.js"
import { freshFolder, readStudy, writeExperiment } from "./study-kit.js"

/** A database with the studies "study" (12 trials) and "other" (8 trials), and the experiment of "study". */
const twoStudies = async () => {
  const folder = freshFolder()
  const db = join(folder, "runs.db")
  const experiment = writeExperiment(folder, { budget: { trials: 12 } })
  expect((await runInProcess(["run", experiment, "--db", db, "--workers", "1"])).code).toBe(0)
  const other = writeExperiment(folder, { name: "other", seed: 5, budget: { trials: 8 } })
  expect((await runInProcess(["run", other, "--db", db, "--workers", "1"])).code).toBe(0)
  return { folder, db, experiment }
}

/** The study names of a database, oldest first. */
const studyNames = async (db: string): Promise<string[]> => {
  const store = openSqliteStore(db, { readOnly: true })
  const names = (await store.listStudies()).map(({ study }) => study.name)
  await store.close()
  return names
}

/** The trials without their study id, to compare a study's trials with a copy's. */
const unowned = (trials: readonly Trial[]) => trials.map(({ studyId: _, ...trial }) => trial)

describe("cosearch study create", () => {
  it("creates a study without trials that workers then run; again with the same experiment it exists; another experiment under its name is refused", async () => {
    const folder = freshFolder()
    const db = join(folder, "runs.db")
    const experiment = writeExperiment(folder, { budget: { trials: 8 } })
    const created = await runInProcess(["study", "create", "--db", db, experiment])
    expect(created).toMatchObject({ code: 0, stdout: `created study "study" in ${db}` })
    expect((await readStudy(db, "study")).trials).toEqual([])
    const again = await runInProcess(["study", "create", "--db", db, experiment])
    expect(again).toMatchObject({ code: 0, stdout: `study "study" exists in ${db}, made from this experiment (0 trials)` })

    const other = writeExperiment(folder, { name: "other", seed: 5 })
    const conflict = await runInProcess(["study", "create", "--db", db, "--study", "study", other])
    expect(conflict.code).toBe(1)
    expect(conflict.stderr).toContain(`study "study" in ${db} was made from a different experiment`)
    expect(conflict.stderr).toContain("--study NAME")
    expect(await studyNames(db)).toEqual(["study"])

    const served = await runInProcess(["worker", "--db", db, "--workers", "1"])
    expect(served.code).toBe(0)
    expect((await readStudy(db, "study")).trials.map((trial) => trial.state)).toEqual(Array(8).fill("complete"))
  })
})

describe("cosearch study delete|rename|copy", () => {
  it("deletes a study only with --yes, saying first what it would delete; other studies stay as they were", async () => {
    const { db } = await twoStudies()
    const other = await readStudy(db, "other")
    const dry = await runInProcess(["study", "delete", "study", "--db", db])
    expect(dry).toMatchObject({
      code: 2,
      stdout: "",
      stderr: `cosearch: study delete would delete study "study" and its 12 trials from ${db}; run it again with --yes to delete them`,
    })
    expect((await readStudy(db, "study")).trials).toHaveLength(12)

    const deleted = await runInProcess(["study", "delete", "study", "--db", db, "--yes"])
    expect(deleted).toMatchObject({ code: 0, stdout: `deleted study "study" and its 12 trials from ${db}` })
    expect(await studyNames(db)).toEqual(["other"])
    const after = await readStudy(db, "other")
    expect(after.trials).toEqual(other.trials)
    expect(after.integrity).toBe("ok")

    const again = await runInProcess(["study", "delete", "study", "--db", db, "--yes"])
    expect(again).toMatchObject({ code: 1, stderr: `cosearch: there is no study "study" in ${db}; its studies are other` })
    const dryUnknown = await runInProcess(["study", "delete", "nope", "--db", db])
    expect(dryUnknown).toMatchObject({ code: 1, stderr: `cosearch: there is no study "nope" in ${db}; its studies are other` })
  })

  it("renames a study, its trials kept; refuses a taken or unknown name and an invalid one", async () => {
    const { db } = await twoStudies()
    const before = await readStudy(db, "study")
    const renamed = await runInProcess(["study", "rename", "study", "renamed", "--db", db])
    expect(renamed).toMatchObject({ code: 0, stdout: `renamed study "study" to "renamed" in ${db}` })
    expect(await studyNames(db)).toEqual(["renamed", "other"])
    expect((await readStudy(db, "renamed")).trials).toEqual(before.trials)

    const taken = await runInProcess(["study", "rename", "renamed", "other", "--db", db])
    expect(taken).toMatchObject({ code: 1, stderr: `cosearch: there is already a study "other" in ${db}; pick another name` })
    const unknown = await runInProcess(["study", "rename", "study", "x", "--db", db])
    expect(unknown).toMatchObject({ code: 1, stderr: `cosearch: there is no study "study" in ${db}; its studies are renamed, other` })
    const blank = await runInProcess(["study", "rename", "renamed", " ", "--db", db])
    expect(blank.code).toBe(2)
    expect(blank.stderr).toContain('<to> " " is not a study name: it is only whitespace')
    const control = await runInProcess(["study", "copy", "renamed", "a\u001bb", "--db", db])
    expect(control.code).toBe(2)
    expect(control.stderr).toContain("is not a study name: it contains the control character \\x1b")
    expect(await studyNames(db)).toEqual(["renamed", "other"])
  })

  it("copies a study with its trials; a run with --study <copy> resumes the copy, the original untouched", async () => {
    const { db, experiment } = await twoStudies()
    const original = await readStudy(db, "study")
    const copied = await runInProcess(["study", "copy", "study", "copy", "--db", db])
    expect(copied).toMatchObject({ code: 0, stdout: `copied study "study" to "copy" in ${db} (12 trials)` })
    expect(await studyNames(db)).toEqual(["study", "other", "copy"])
    expect(unowned((await readStudy(db, "copy")).trials)).toEqual(unowned(original.trials))

    const taken = await runInProcess(["study", "copy", "study", "other", "--db", db])
    expect(taken).toMatchObject({ code: 1, stderr: `cosearch: there is already a study "other" in ${db}; pick another name` })

    const resumed = await runInProcess(["run", experiment, "--db", db, "--study", "copy", "--trials", "20", "--workers", "1"])
    expect(resumed.code).toBe(0)
    expect(resumed.stderr).toMatch(/^resuming study "copy" \(12\/20 trials done, 1 workers\)/)
    expect(resumed.stdout).toMatch(/^study "copy": 20 complete, 0 infeasible, 0 failed of 20/)
    const copy = await readStudy(db, "copy")
    expect(copy.trials.slice(0, 12).map((trial) => [trial.number, trial.params, trial.values])).toEqual(
      original.trials.map((trial) => [trial.number, trial.params, trial.values]),
    )
    expect(copy.trials.map((trial) => trial.number)).toEqual(Array.from({ length: 20 }, (_, k) => k))
    expect((await readStudy(db, "study")).trials).toEqual(original.trials)
  })

  it("creates no database and says so for a missing file; `study` alone is a usage error", async () => {
    const folder = freshFolder()
    const missing = join(folder, "none.db")
    for (const args of [
      ["delete", "a", "--yes"],
      ["delete", "a"],
      ["rename", "a", "b"],
      ["copy", "a", "b"],
    ]) {
      const run = await runInProcess(["study", ...args, "--db", missing])
      expect(run).toMatchObject({ code: 1, stderr: `cosearch: database "${missing}" does not exist` })
    }
    expect(existsSync(missing)).toBe(false)
    const bare = await runInProcess(["study"])
    expect(bare).toMatchObject({
      code: 2,
      stderr: "cosearch: study: give a comparison config (study <config.json>), or manage a study with study delete|rename|copy",
    })
  })
})

describe("--json on status and run", () => {
  it("status --json: each study with its counts, as the store has them", async () => {
    const { db } = await twoStudies()
    const status = await runInProcess(["status", "--db", db, "--json"])
    expect(status.code).toBe(0)
    const document = JSON.parse(status.stdout) as {
      db: string
      studies: { name: string; createdAt: string; configHash: string; counts: Record<string, number> }[]
    }
    const store = openSqliteStore(db, { readOnly: true })
    const summaries = await store.listStudies()
    await store.close()
    expect(document.db).toBe(db)
    expect(document.studies).toEqual(
      summaries.map(({ study, counts }) => ({
        name: study.name,
        createdAt: new Date(study.createdAt).toISOString(),
        objectives: study.objectives,
        constraints: study.constraints,
        configHash: study.configHash,
        counts: { ...counts, finished: counts.complete + counts.failed + counts.infeasible },
      })),
    )
    expect(document.studies.map((study) => [study.name, study.counts.total, study.counts.finished])).toEqual([
      ["study", 12, 12],
      ["other", 8, 8],
    ])
    const empty = join(freshFolder(), "empty.db")
    await openSqliteStore(empty).close()
    expect(JSON.parse((await runInProcess(["status", "--db", empty, "--json"])).stdout)).toEqual({ db: empty, studies: [] })
  })

  it("run --json: one JSON document on stdout (counts, budget, reason, best), progress on stderr", async () => {
    const folder = freshFolder()
    const db = join(folder, "runs.db")
    const experiment = writeExperiment(folder, { budget: { trials: 10 } })
    const run = await runInProcess(["run", experiment, "--db", db, "--workers", "1", "--json"])
    expect(run.code).toBe(0)
    expect(run.stderr).toMatch(/^starting study "study" \(0\/10 trials done, 1 workers\)/)
    const report = JSON.parse(run.stdout) as {
      study: string
      resumed: boolean
      budget: number
      reason: string
      reasonText: string
      counts: Record<string, number>
      finishedThisRun: number
      best: Trial[]
    }
    expect(report).toMatchObject({
      study: "study",
      resumed: false,
      budget: 10,
      reason: "budget",
      reasonText: "trial budget spent",
      counts: { complete: 10, failed: 0, infeasible: 0, running: 0, waiting: 0, total: 10 },
      finishedThisRun: 10,
    })
    const { trials } = await readStudy(db, "study")
    const best = JSON.parse((await runInProcess(["best", "study", "--db", db, "--json"])).stdout) as Trial[]
    expect(report.best).toEqual(best)
    expect(report.best[0]?.values?.[0]).toBe(Math.max(...trials.map((trial) => trial.values?.[0] ?? 0)))

    const more = await runInProcess(["run", experiment, "--db", db, "--workers", "1", "--trials", "14", "--json"])
    expect(JSON.parse(more.stdout)).toMatchObject({ resumed: true, budget: 14, finishedThisRun: 4, counts: { complete: 14 } })
  })
})
