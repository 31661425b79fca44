import { describe, expect, it } from "vitest"
import { freshDatabase, runToEnd, scoreExperiment, storeAt } from "./engine-test-kit.js"

const evolution = { name: "evolution", population: 10, sampleSize: 3, batch: 4 }

describe("optimizer.warmStart: transfer from an earlier study of the same database", () => {
  it("starts from the earlier study's best design under the new constraint, its metrics re-read", async () => {
    const path = freshDatabase()
    const store = storeAt(path)
    // The source study ran under a looser budget (cost <= 60: every design); the target's is cost <= 25.
    await runToEnd(scoreExperiment({ name: "source", constraints: [{ metric: "cost", max: 60 }], budget: { trials: 40 } }), store)
    const source = await store.findStudy("source")
    if (source === undefined) throw new Error("no source study")
    const sourceTrials = await store.trials(source.id)
    // Under cost <= 25, the best earlier design is the highest score among those with cost <= 40.
    const admissible = sourceTrials.filter((trial) => typeof trial.metrics?.cost === "number" && (trial.metrics.cost as number) <= 25)
    const bestScore = Math.max(...admissible.map((trial) => trial.metrics?.score as number))
    const bestDesigns = admissible.filter((trial) => trial.metrics?.score === bestScore).map((trial) => trial.params)
    // Some design the looser study preferred must now be out, or the test shows nothing.
    expect(sourceTrials.some((trial) => (trial.metrics?.cost as number) > 25 && (trial.metrics?.score as number) > bestScore)).toBe(true)

    await runToEnd(
      scoreExperiment({
        name: "target",
        constraints: [{ metric: "cost", max: 25 }],
        optimizer: { ...evolution, warmStart: { study: "source" } },
        budget: { trials: 8 },
      }),
      store,
    )
    const target = await store.findStudy("target")
    if (target === undefined) throw new Error("no target study")
    const [first] = await store.trials(target.id)
    expect(bestDesigns).toContainEqual(first?.params)
    await store.close()
  })

  it("passes optimizer.warmStart.screen to the optimizer: screen 1 is the unscreened evolution", async () => {
    const path = freshDatabase()
    const store = storeAt(path)
    await runToEnd(scoreExperiment({ name: "source", constraints: [{ metric: "cost", max: 60 }], budget: { trials: 40 } }), store)
    const paramsOf = async (name: string, screen: number | undefined) => {
      await runToEnd(
        scoreExperiment({
          name,
          constraints: [{ metric: "cost", max: 25 }],
          optimizer: { ...evolution, warmStart: { study: "source", ...(screen === undefined ? {} : { screen }) } },
          budget: { trials: 24 },
        }),
        store,
      )
      const study = await store.findStudy(name)
      if (study === undefined) throw new Error(`no study ${name}`)
      return (await store.trials(study.id)).map((trial) => trial.params)
    }
    const screened = await paramsOf("screened", undefined)
    const plain = await paramsOf("plain", 1)
    const plainAgain = await paramsOf("plain-again", 1)
    // The seeded population (the first 10) is the same; the children differ once the models choose them.
    expect(plain.slice(0, 10)).toEqual(screened.slice(0, 10))
    expect(plainAgain).toEqual(plain)
    expect(screened.slice(10)).not.toEqual(plain.slice(10))
    await store.close()
  })

  it("refuses a warm start from a study the database does not have, naming it", async () => {
    const store = storeAt(freshDatabase())
    await expect(
      runToEnd(
        scoreExperiment({ name: "target", optimizer: { ...evolution, warmStart: { study: "nowhere" } }, budget: { trials: 4 } }),
        store,
      ),
    ).rejects.toThrow('optimizer.warmStart.study "nowhere" is not a study of this database')
    await store.close()
  })
})
