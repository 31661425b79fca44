import { join } from "node:path"
import { createRandom } from "@cosearch/space"
import { describe, expect, it } from "vitest"
import { runInProcess } from "./run-cli.js"
import { freshFolder, readStudy, spawnCli, until, writeExperiment } from "./study-kit.js"

const budget = 500
const kills = 10

/** The configurations of a study by trial number. */
const configurations = async (database: string) => (await readStudy(database, "study")).trials.map((trial) => [trial.number, trial.params])

describe.concurrent("a 500-trial study killed with SIGKILL at 10 random moments", () => {
  it.each(["random", "evolution"])(
    "ends like an uninterrupted run (%s)",
    async (optimizer) => {
      const folder = freshFolder()
      const settings =
        optimizer === "evolution" ? { name: optimizer, population: 24, sampleSize: 6, batch: 8 } : { name: optimizer, batch: 8 }
      const experiment = writeExperiment(folder, { optimizer: settings, budget: { trials: budget } })

      const reference = join(folder, "reference.db")
      expect((await runInProcess(["run", experiment, "--db", reference, "--workers", "2"])).code).toBe(0)

      const crashed = join(folder, "crashed.db")
      const rng = createRandom(`crash-${optimizer}`)
      for (let kill = 0; kill < kills; kill++) {
        const running = spawnCli(["run", experiment, "--db", crashed, "--workers", "1"])
        // Half the kills come at a random moment of the start-up (opening the study, re-queueing,
        // starting the pool), half after a random number of trials (up to about a twentieth of the budget).
        if (rng() < 0.5) await new Promise((done) => setTimeout(done, 200 + rng() * 1500))
        else {
          const after = 1 + Math.floor(rng() * 25)
          await until(running, () => running.trialLines() >= after)
        }
        running.child.kill("SIGKILL")
        await running.exited
      }
      const beforeLast = await readStudy(crashed, "study")
      expect(beforeLast.trials.filter((trial) => trial.state === "complete").length).toBeLessThan(budget)
      const last = await runInProcess(["run", experiment, "--db", crashed, "--workers", "2"])
      expect(last.code).toBe(0)

      const { trials, integrity } = await readStudy(crashed, "study")
      expect(integrity).toBe("ok")
      expect(trials).toHaveLength(budget)
      expect(trials.filter((trial) => trial.state === "complete")).toHaveLength(budget)
      expect(new Set(trials.map((trial) => trial.number)).size).toBe(budget)
      expect(await configurations(crashed)).toEqual(await configurations(reference))
    },
    240_000,
  )
})

describe("two processes on one study and database", () => {
  it("share the trials: no lock errors, no duplicate numbers, the budget met exactly", async () => {
    const folder = freshFolder()
    const experiment = writeExperiment(folder, { budget: { trials: 80 } })
    const shared = join(folder, "shared.db")
    const first = spawnCli(["run", experiment, "--db", shared, "--workers", "1"])
    const second = spawnCli(["run", experiment, "--db", shared, "--workers", "1"])
    // On a failure, the processes' stderr in the message: what went wrong, not only that it did.
    const codes = [await first.exited, await second.exited]
    expect({ codes, stderr: codes.some((code) => code !== 0) ? [first.stderr(), second.stderr()] : [] }).toEqual({
      codes: [0, 0],
      stderr: [],
    })
    for (const run of [first, second]) expect(run.stderr()).not.toMatch(/locked|busy|SQLITE/i)
    // Both did part of the work.
    expect(first.trialLines()).toBeGreaterThan(0)
    expect(second.trialLines()).toBeGreaterThan(0)
    expect(first.trialLines() + second.trialLines()).toBe(80)

    const { trials, integrity } = await readStudy(shared, "study")
    expect(integrity).toBe("ok")
    expect(trials.map((trial) => [trial.number, trial.state, trial.attempts])).toEqual(
      Array.from({ length: 80 }, (_, k) => [k, "complete", 1]),
    )
    const alone = join(folder, "alone.db")
    await runInProcess(["run", experiment, "--db", alone, "--workers", "2"])
    expect(await configurations(shared)).toEqual(await configurations(alone))
  })
})
