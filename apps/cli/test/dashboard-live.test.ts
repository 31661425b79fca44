// `cosearch dashboard` on a database that a running `cosearch run` writes, for 60 s, both real CLI
// processes, the live page in headless Chromium: new trials show within 2 s, the study ends with
// no failed trial, and neither process ever reports a busy or locked database.
import { writeFileSync } from "node:fs"
import { join } from "node:path"
import { isFeasible, paretoFront } from "@cosearch/optimize"
import { openSqliteStore, type StudyStore } from "@cosearch/store"
import type { Browser } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { drawnPoints, launchChromium, screenshot, type WatchedPage, watchedPage } from "./browser/chromium.js"
import { type CliProcess, startCli, waitFor } from "./browser/cli-process.js"
import { freshFolder } from "./study-kit.js"

const studySeconds = 60

// Two objectives and a constraint from the nb201 cell, 40 ms a trial (the study's pace).
const evaluatorSource = `const weights = { none: 0, skip_connect: 1, nor_conv_1x1: 2, nor_conv_3x3: 3, avg_pool_3x3: 1.5 }
export default async ({ configuration, number }, options) => {
  await new Promise((done) => setTimeout(done, options.ms))
  let accuracy = (number % 13) / 100
  let latencyMs = 1
  let areaMm2 = 0
  for (const [name, op] of Object.entries(configuration)) {
    const w = weights[op] ?? 0
    accuracy += w * (name.length % 3 === 0 ? 1.1 : 0.9)
    latencyMs += w * w
    areaMm2 += w * 10
  }
  return { accuracy, latencyMs, areaMm2 }
}
`

/** The number of finished trials a status line starts with ("120 finished of 128 trials: ..."). */
const finishedIn = (status: string): number => Number(/^(\d+) finished/.exec(status)?.[1] ?? -1)

/** The finished-trial count the live page shows now (from its last poll, or its first load). */
const pageFinished = (page: WatchedPage["page"]): Promise<number> =>
  page
    .evaluate(() => {
      const cosearch = (globalThis as unknown as { cosearch?: { data: { status?: string } } }).cosearch
      return cosearch?.data.status ?? ""
    })
    .then(finishedIn)

const finishedCount = async (store: StudyStore, studyId: number): Promise<number> => {
  const counts = await store.countTrials(studyId)
  return counts.complete + counts.failed + counts.infeasible
}

let folder: string
let database: string
let study: CliProcess
let dashboard: CliProcess
let url: string
let browser: Browser
let live: WatchedPage
let reader: StudyStore
let studyId: number
let studyStarted: number

beforeAll(async () => {
  folder = freshFolder()
  database = join(folder, "live.db")
  const evaluator = join(folder, "evaluator.mjs")
  writeFileSync(evaluator, evaluatorSource)
  const experiment = join(folder, "live.json")
  writeFileSync(
    experiment,
    JSON.stringify({
      name: "live",
      space: "nb201",
      evaluator: { kind: "module", module: evaluator, options: { ms: 40 } },
      objectives: [
        { metric: "accuracy", direction: "maximize" },
        { metric: "latencyMs", direction: "minimize" },
      ],
      constraints: [{ metric: "areaMm2", max: 120 }],
      optimizer: { name: "random", batch: 8 },
      budget: { trials: 1_000_000, wallTimeSeconds: studySeconds },
      seed: 3,
    }),
  )
  studyStarted = Date.now()
  study = startCli(["run", experiment, "--db", database, "--workers", "2"])
  // The dashboard refuses a file that is not a cosearch database yet: wait for the study's first trial.
  const opened = await waitFor(
    "the study's first finished trial",
    async () => {
      try {
        const store = openSqliteStore(database, { readOnly: true })
        const found = await store.findStudy("live")
        if (found !== undefined && (await finishedCount(store, found.id)) > 0) return { store, id: found.id }
        await store.close()
      } catch {
        // not created yet
      }
      if (study.child.exitCode !== null) throw new Error(`the study exited early: ${study.stderr()}`)
      return undefined
    },
    40_000,
    100,
  )
  reader = opened.store
  studyId = opened.id
  dashboard = startCli(["dashboard", "--db", database, "--port", "0"])
  url = await waitFor("the dashboard's URL", () => /http:\/\/127\.0\.0\.1:\d+\//.exec(dashboard.stdout())?.[0], 40_000)
  browser = await launchChromium()
  live = await watchedPage(browser)
}, 90_000)

afterAll(async () => {
  await browser?.close()
  for (const running of [study, dashboard]) if (running?.child.exitCode === null) running.child.kill("SIGKILL")
  await reader?.close()
})

describe("the dashboard on a database a running study writes", () => {
  it("lists the study and shows the trials the study adds within 2 s", async () => {
    const { page, errors } = live
    await page.goto(url)
    expect(await page.locator('#studies a[href="/study/live"]').count()).toBe(1)
    await screenshot(page, "dashboard-studies")

    await page.goto(`${url}study/live`)
    await page.waitForFunction(() => (globalThis as unknown as { cosearch?: unknown }).cosearch !== undefined)
    const delays: number[] = []
    const seen: number[] = []
    for (let round = 0; round < 8; round++) {
      const finished = await finishedCount(reader, studyId)
      const asked = Date.now()
      await waitFor(
        `the page to show ${finished} finished trials`,
        async () => ((await pageFinished(page)) >= finished ? true : undefined),
        10_000,
        20,
      )
      delays.push(Date.now() - asked)
      seen.push(finished)
      await new Promise((done) => setTimeout(done, 300 + round * 100))
    }
    console.log(`dashboard live delays (ms): ${delays.join(", ")}; finished trials: ${seen.join(", ")}`)
    expect(seen.at(-1)).toBeGreaterThan(seen[0] ?? 0)
    expect(Math.max(...delays)).toBeLessThanOrEqual(2000)
    await screenshot(page, "dashboard-live")
    expect(errors).toEqual([])
  }, 60_000)

  it(`runs beside the study for ${studySeconds} s: no failed trial, no busy or locked database`, async () => {
    // The test polls the dashboard's API too, as fast as it answers (plus 100 ms), while the page polls every second.
    const statuses = new Map<number, number>()
    const failures: string[] = []
    let studyDone = false
    void study.exited.then(() => {
      studyDone = true
    })
    let polls = 0
    while (!studyDone) {
      try {
        const response = await fetch(`${url}api/study/live/charts`)
        await response.arrayBuffer()
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1)
      } catch (error) {
        failures.push(error instanceof Error ? error.message : String(error))
      }
      polls++
      await new Promise((done) => setTimeout(done, 100))
    }
    const code = await study.exited
    const ranSeconds = (Date.now() - studyStarted) / 1000

    // The page catches up with the finished study and draws its front and feasible trials exactly.
    const trials = await reader.trials(studyId)
    const finished = trials.filter((trial) => trial.state !== "waiting" && trial.state !== "running").length
    const { page, errors } = live
    await waitFor("the page to show the finished study", async () => ((await pageFinished(page)) === finished ? true : undefined), 5000)
    const directions = ["maximize", "minimize"] as const
    const front = paretoFront(directions, trials).length
    const feasible = trials.filter((trial) => isFeasible(directions, trial)).length
    const infeasible = trials.filter((trial) => trial.state === "infeasible").length
    const expected = { "live: front": front, "live: feasible": feasible - front, "live: infeasible": infeasible }
    // Charts slow to build are rebuilt at most once per four build times, so they may trail the
    // status line by a poll or two: wait for them, then compare exactly.
    await waitFor(
      "the page to draw the finished study's points",
      async () => (JSON.stringify(await drawnPoints(page, "pareto")) === JSON.stringify(expected) ? true : undefined),
      10_000,
    ).catch(() => undefined)
    expect(await drawnPoints(page, "pareto")).toEqual(expected)
    await screenshot(page, "dashboard-finished")

    dashboard.child.kill("SIGTERM")
    const dashboardCode = await dashboard.exited
    const integrity = (() => {
      const store = openSqliteStore(database, { readOnly: true })
      const result = store.integrityCheck()
      void store.close()
      return result
    })()
    console.log(
      `dashboard beside a ${ranSeconds.toFixed(0)} s study: ${finished} finished trials, ${polls} API polls (${[...statuses].map(([status, n]) => `${n} x ${status}`).join(", ")}), page updates ${await page.evaluate(() => (globalThis as unknown as { cosearch: { updates: number } }).cosearch.updates)}`,
    )

    expect({ code, stderr: code === 0 ? "" : study.stderr().slice(-2000) }).toEqual({ code: 0, stderr: "" })
    expect(ranSeconds).toBeGreaterThanOrEqual(studySeconds - 5)
    expect(dashboardCode).toBe(130)
    expect(trials.filter((trial) => trial.state === "failed" || trial.error !== undefined)).toEqual([])
    expect(finished).toBeGreaterThan(200)
    expect(infeasible).toBeGreaterThan(0)
    expect([...statuses.keys()]).toEqual([200])
    expect(failures).toEqual([])
    for (const output of [study.stdout(), study.stderr(), dashboard.stdout(), dashboard.stderr()]) {
      expect(output).not.toMatch(/busy|locked|SQLITE_/i)
    }
    expect(dashboard.stderr()).toBe("")
    expect(integrity).toBe("ok")
    expect(errors).toEqual([])
  }, 150_000)
})
