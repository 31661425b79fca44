// The report page (one self-contained HTML file) in a real headless Chromium: it loads with no
// console errors and its Pareto chart draws exactly the study's front and its other feasible trials.
import { writeFileSync } from "node:fs"
import { join } from "node:path"
import { pathToFileURL } from "node:url"
import { isFeasible, paretoFront } from "@cosearch/optimize"
import { loadReportStudy, reportPage, studyCharts } from "@cosearch/report"
import { type NewStudy, openSqliteStore } from "@cosearch/store"
import type { Browser } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { drawnPoints, launchChromium, screenshot, watchedPage } from "./browser/chromium.js"
import { freshFolder } from "./study-kit.js"

const study: NewStudy = {
  name: "report-study",
  config: { name: "report-study" },
  configHash: "hash",
  space: "nb201",
  objectives: [
    { metric: "accuracy", direction: "maximize" },
    { metric: "latencyMs", direction: "minimize" },
  ],
  constraints: [{ metric: "areaMm2", max: 100 }],
  seed: "0",
}

/** A database with a 300-trial study: complete, constraint-infeasible and failed trials, from a fixed formula. */
const writeStudy = async (path: string): Promise<void> => {
  const store = openSqliteStore(path)
  const { id } = await store.createStudy(study)
  const trials = 300
  await store.addTrials(
    id,
    0,
    Array.from({ length: trials }, (_, k) => ({ params: { k }, origin: "random" })),
  )
  for (let k = 0; k < trials; k++) {
    const trial = await store.claimTrial(id, "w", 1)
    if (trial === undefined) throw new Error("nothing to claim")
    const n = trial.number
    const accuracy = 0.5 + ((n * 7919) % 1000) / 2000
    const latencyMs = 1 + ((n * 104_729) % 997) / 50 + accuracy * 10
    const area = 40 + ((n * 31) % 89)
    const result =
      n % 23 === 7
        ? { state: "failed" as const, error: "evaluator crashed" }
        : area > 100
          ? { state: "infeasible" as const, values: [accuracy, latencyMs], constraints: [area - 100] }
          : { state: "complete" as const, values: [accuracy, latencyMs], constraints: [area - 100] }
    await store.finishTrial(id, n, "w", result, 2)
  }
  await store.close()
}

let browser: Browser
beforeAll(async () => {
  browser = await launchChromium()
}, 30_000)
afterAll(async () => {
  await browser?.close()
})

describe("the report page in headless Chromium", () => {
  it("loads with no console errors and draws exactly the front and the other feasible trials", async () => {
    const folder = freshFolder()
    const database = join(folder, "report.db")
    await writeStudy(database)
    const store = openSqliteStore(database, { readOnly: true })
    const loaded = await loadReportStudy(store, study.name)
    await store.close()
    if (loaded === undefined) throw new Error("the study was not written")
    const file = join(folder, "report.html")
    writeFileSync(file, reportPage({ title: loaded.name, status: `${loaded.trials.length} trials`, charts: studyCharts([loaded]) }))

    const directions = loaded.objectives.map((objective) => objective.direction)
    const front = paretoFront(directions, loaded.trials).length
    const feasible = loaded.trials.filter((trial) => isFeasible(directions, trial)).length
    const infeasible = loaded.trials.filter((trial) => trial.state === "infeasible").length
    // The study has all three kinds, so the counts below say something.
    expect([front > 1, feasible - front > 10, infeasible > 10]).toEqual([true, true, true])

    const { page, errors } = await watchedPage(browser)
    await page.goto(pathToFileURL(file).href)
    await page.waitForFunction(() => (globalThis as unknown as { cosearch?: unknown }).cosearch !== undefined)
    expect(await drawnPoints(page, "pareto")).toEqual({
      "report-study: front": front,
      "report-study: feasible": feasible - front,
      "report-study: infeasible": infeasible,
    })
    // The chart is drawn (a canvas of the chart's size), not only configured.
    const canvas = await page.locator("#pareto canvas").first().boundingBox()
    expect(canvas?.width).toBeGreaterThan(500)
    await screenshot(page, "report-pareto")
    expect(errors).toEqual([])
    await page.context().close()
  })
})
