// `cosearch worker` on a real PostgreSQL server (COSEARCH_TEST_POSTGRES, which .ci/run and the
// test set-up start): four worker processes share a 500-trial study while two of them are killed
// with SIGKILL at random moments and started again; the study must end as one process alone ends
// it on SQLite.
import { copyFileSync } from "node:fs"
import { join } from "node:path"
import type { Trial } from "@cosearch/optimize"
import { createRandom } from "@cosearch/space"
import { connectStore } from "@cosearch/store"
import { dropSchemas, freshSchema, missingServer, onServer, serverUrl } from "@cosearch/store/testing/postgres"
import { afterAll, describe, expect, it } from "vitest"
import { runInProcess } from "./run-cli.js"
import { type CliChild, evaluatorFixtures, freshFolder, readStudy, spawnCli, until, writeExperiment } from "./study-kit.js"

const budget = 500

/** What must not depend on who ran a trial: its number, configuration, state and results. */
const outcome = (trials: readonly Trial[]) =>
  trials.map((trial) => ({ number: trial.number, params: trial.params, state: trial.state, values: trial.values }))

const storedTrials = async (url: string, name: string): Promise<Trial[]> => {
  const store = await connectStore(url, { readOnly: true })
  try {
    const study = await store.findStudy(name)
    return study === undefined ? [] : await store.trials(study.id)
  } finally {
    await store.close()
  }
}

/** Whether the study is there yet (the schema too: the first worker to connect makes it). */
const studyExists = async (url: string, name: string): Promise<boolean> => {
  try {
    const store = await connectStore(url, { readOnly: true })
    try {
      return (await store.findStudy(name)) !== undefined
    } finally {
      await store.close()
    }
  } catch {
    return false
  }
}

if (serverUrl === "") {
  describe("cosearch worker on PostgreSQL", () => {
    it("needs a PostgreSQL server (COSEARCH_TEST_POSTGRES)", () => {
      expect.fail(missingServer)
    })
  })
} else {
  afterAll(dropSchemas)

  describe("cosearch worker on PostgreSQL", () => {
    it("4 worker processes, 2 killed at random moments and restarted, finish a 500-trial study as one SQLite process does", async () => {
      const folder = freshFolder()
      const experiment = writeExperiment(folder, { budget: { trials: budget } })
      const { url } = freshSchema("workers")

      const reference = join(folder, "reference.db")
      expect((await runInProcess(["run", experiment, "--db", reference, "--workers", "1"])).code).toBe(0)

      // The first four are given the experiment file (the first to get there creates the study);
      // the restarted ones only the study's name, and read its experiment from the database.
      const first = (): CliChild => spawnCli(["worker", "--storage", url, "--config", experiment, "--workers", "1"])
      const restarted = (): CliChild => spawnCli(["worker", "--storage", url, "--study", "study", "--workers", "1"])
      const workers = [first(), first(), first(), first()]
      const rng = createRandom("worker-kills")
      const victims = [0, 1, 2, 3].sort(() => rng() - 0.5).slice(0, 2)
      const kills = victims.map(async (index) => {
        const victim = workers[index] as CliChild
        // A random moment: during its start-up, or after it finished a random number of trials.
        if (rng() < 0.3) await new Promise((done) => setTimeout(done, 300 + rng() * 2000))
        else {
          const after = 1 + Math.floor(rng() * 60)
          await until(victim, () => victim.trialLines() >= after)
        }
        victim.child.kill("SIGKILL")
        expect(await victim.exited).toBeNull()
        // Killed in its start-up, it may have been the first; the others create the study.
        while (!(await studyExists(url, "study"))) await new Promise((done) => setTimeout(done, 50))
        workers.push(restarted())
      })
      await Promise.all(kills)
      const survivors = workers.filter((_, index) => !victims.includes(index))
      const codes = await Promise.all(survivors.map((worker) => worker.exited))
      expect({ codes, stderr: codes.some((code) => code !== 0) ? survivors.map((worker) => worker.stderr()) : [] }).toEqual({
        codes: survivors.map(() => 0),
        stderr: [],
      })

      const trials = await storedTrials(url, "study")
      expect(trials).toHaveLength(budget)
      expect(new Set(trials.map((trial) => trial.number)).size).toBe(budget)
      expect(trials.map((trial) => trial.number)).toEqual(Array.from({ length: budget }, (_, k) => k))
      expect(trials.every((trial) => trial.state === "complete")).toBe(true)
      // The first workers never killed did part of the work (a restarted one may come too late to).
      for (const index of [0, 1, 2, 3].filter((index) => !victims.includes(index)))
        expect((workers[index] as CliChild).trialLines()).toBeGreaterThan(0)
      expect(outcome(trials)).toEqual(outcome((await readStudy(reference, "study")).trials))
    }, 240_000)

    it("refuses a study it does not have, and one whose experiment does not decode on this host, naming them", async () => {
      const { url, schema } = freshSchema("refuse")
      // A schema no cosearch process made: refused, and not created.
      const noStore = await runInProcess(["worker", "--storage", url, "--study", "nope"])
      expect(noStore.code).toBe(1)
      expect(noStore.stderr).toContain("has no cosearch tables")
      expect(await onServer("SELECT 1 FROM information_schema.schemata WHERE schema_name = $1", [schema])).toEqual([])

      // A study whose experiment names its evaluator module by a relative path.
      const folder = freshFolder()
      copyFileSync(join(evaluatorFixtures, "score.mjs"), join(folder, "score.mjs"))
      const experiment = writeExperiment(folder, { evaluator: { kind: "module", module: "score.mjs" }, budget: { trials: 8 } })
      expect((await runInProcess(["run", experiment, "--storage", url, "--trials", "1", "--workers", "1"])).code).toBe(0)

      const missing = await runInProcess(["worker", "--storage", url, "--study", "nope"])
      expect(missing.code).toBe(1)
      expect(missing.stderr).toContain('no study named "nope"')

      const elsewhere = freshFolder()
      const lost = await runInProcess(["worker", "--storage", url, "--study", "study", "--base-dir", elsewhere])
      expect(lost.code).toBe(1)
      expect(lost.stderr).toContain(`study "study" in ${url.replace(/^(postgresql:\/\/[^:]+:)[^@]+@/, "$1***@")}`)
      expect(lost.stderr).toContain(`relative paths are read from ${elsewhere}`)
      expect(lost.stderr).toContain("evaluator.module")
      const skipping = await runInProcess(["worker", "--storage", url, "--base-dir", elsewhere])
      expect(skipping.code).toBe(1)
      expect(skipping.stderr).toContain('skipping study "study"')
      expect((await storedTrials(url, "study")).length).toBe(1)

      const served = await runInProcess(["worker", "--storage", url, "--study", "study", "--base-dir", folder, "--workers", "1"])
      expect(served.code).toBe(0)
      expect((await storedTrials(url, "study")).map((trial) => trial.state)).toEqual(Array(8).fill("complete"))
    })
  })
}
