/**
 * The dashboard on a big study: a synthetic study of `--trials` (default 100,000) finished trials
 * (seeded: 80 % complete, 15 % constraint-infeasible, 5 % failed; two objectives, nb201-like
 * parameters) written straight into a SQLite database, served by `startDashboard` on a read-only
 * store, and opened in headless Debian Chromium (playwright-core, /usr/bin/chromium).
 *
 * Figures: `storeReadMs` and `chartsBuildMs` (reading every finished trial, making their charts:
 * where a cold request's time goes), `apiColdMs` (the first `/api/study/<name>/charts` of a fresh dashboard: reading every
 * trial, making the charts, the JSON), `apiWarmMs` (median of 5 more, nothing changed),
 * `apiIncrementalMs` (the first after 100 more trials finished), `apiBytes`; in Chromium, on a
 * fresh dashboard, `firstPaintMs` and `firstContentfulPaintMs` (Paint Timing, from navigation
 * start: the page is sent before the server's cold read ends, with empty charts) and
 * `chartsReadyMs` (until the charts hold the study: its first poll answered and drawn, the
 * server's cold read included), then the same warm (`...WarmMs`, a reload); the page's JS heap
 * (`heapUsedMbAfterLoad`, CDP `Performance.getMetrics` JSHeapUsedSize after a forced GC) and again
 * after `--seconds` (default 15) of live polling while 100 trials finish each second
 * (`heapUsedMbAfterPolls`, `heapUsedMbEvery5s`, `pageUpdates`); the server's `serverHeapUsedMb` and `serverRssMb`.
 * Target: first paint <= 2 s at 100,000 trials; the heap after polling about that after load.
 *
 * Ends stdout with one JSON line: `{"bench":"dashboard","trials":..,"apiColdMs":..,...}`.
 *
 * @example
 * // pnpm -s bench dashboard --trials 100000 --seconds 15
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs"
import { createRequire } from "node:module"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { performance } from "node:perf_hooks"
import { startDashboard, studyCharts } from "@cosearch/report"
import { createRandom } from "@cosearch/space"
import { openSqliteStore, type StudyStore } from "@cosearch/store"
import { chromium } from "playwright-core"

const chromiumPath = "/usr/bin/chromium"
const studyName = "bench"

const parseFlags = (args: readonly string[]): { trials: number; seconds: number } => {
  let trials = 100_000
  let seconds = 15
  for (let i = 0; i < args.length; i += 2) {
    const value = Number(args[i + 1])
    if (args[i] === "--trials" && Number.isInteger(value) && value >= 100) trials = value
    else if (args[i] === "--seconds" && Number.isInteger(value) && value >= 1) seconds = value
    else throw new Error(`unknown flag or bad value at "${args.slice(i, i + 2).join(" ")}"; flags: --trials N (>= 100), --seconds N (>= 1)`)
  }
  return { trials, seconds }
}

const operations = ["none", "skip_connect", "nor_conv_1x1", "nor_conv_3x3", "avg_pool_3x3"]
const edges = ["edge_1_0", "edge_2_0", "edge_2_1", "edge_3_0", "edge_3_1", "edge_3_2"]

/** Writes the study and its finished trials in one transaction, through better-sqlite3 (the store's own driver). */
const writeStudy = async (path: string, trials: number): Promise<void> => {
  const store = openSqliteStore(path)
  const study = await store.createStudy({
    name: studyName,
    config: { name: studyName },
    configHash: "bench",
    space: "nb201",
    objectives: [
      { metric: "accuracy", direction: "maximize" },
      { metric: "latencyMs", direction: "minimize" },
    ],
    constraints: [{ metric: "areaMm2", max: 150 }],
    seed: "0",
  })
  await store.close()
  const Database = createRequire(join(import.meta.dirname, "../packages/store/package.json"))("better-sqlite3") as new (
    path: string,
  ) => {
    prepare: (sql: string) => { run: (...values: unknown[]) => void }
    transaction: (work: () => void) => () => void
    close: () => void
  }
  const db = new Database(path)
  const insert = db.prepare(
    `INSERT INTO trials (study_id, number, state, params, origin, objective_values, constraint_values, metrics, error, worker, started_at, finished_at, attempts)
     VALUES (?, ?, ?, ?, 'random', ?, ?, ?, ?, 'bench', ?, ?, 1)`,
  )
  const random = createRandom("dashboard-bench")
  db.transaction(() => {
    for (let number = 0; number < trials; number++) {
      const params = Object.fromEntries(edges.map((edge) => [edge, operations[Math.floor(random() * operations.length)]]))
      const accuracy = 0.5 + 0.45 * random() ** 0.5
      const latencyMs = 0.5 + 20 * random() + 15 * accuracy
      const area = 60 + 110 * random()
      const roll = random()
      const state = roll < 0.05 ? "failed" : area > 150 ? "infeasible" : "complete"
      const finished = state !== "failed"
      insert.run(
        study.id,
        number,
        state,
        JSON.stringify(params),
        finished ? JSON.stringify([accuracy, latencyMs]) : null,
        finished ? JSON.stringify([area - 150]) : null,
        finished ? JSON.stringify({ accuracy, latencyMs, areaMm2: area }) : null,
        finished ? null : "synthetic failure",
        number,
        number + 1,
      )
    }
  })()
  db.close()
}

/** Finishes `count` more trials through the store, as a running study would. */
const finishMore = async (store: StudyStore, studyId: number, count: number): Promise<void> => {
  const first = (await store.countTrials(studyId)).total
  await store.addTrials(
    studyId,
    first,
    Array.from({ length: count }, () => ({ params: { edge_1_0: "skip_connect" }, origin: "random" })),
  )
  for (let k = 0; k < count; k++) {
    const trial = await store.claimTrial(studyId, "bench-writer", Date.now())
    if (trial === undefined) break
    const accuracy = 0.5 + (trial.number % 100) / 250
    await store.finishTrial(
      studyId,
      trial.number,
      "bench-writer",
      { state: "complete", values: [accuracy, 10 + accuracy], constraints: [-1] },
      Date.now(),
    )
  }
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN
}

const round = (value: number, digits = 1): number => Number(value.toFixed(digits))

const timedFetch = async (url: string): Promise<{ ms: number; bytes: number }> => {
  const started = performance.now()
  const response = await fetch(url)
  const body = await response.arrayBuffer()
  if (!response.ok) throw new Error(`${url} answered ${response.status}`)
  return { ms: performance.now() - started, bytes: body.byteLength }
}

export const main = async (args: string[]): Promise<void> => {
  const { trials, seconds } = parseFlags(args)
  if (!existsSync(chromiumPath)) throw new Error(`needs Debian's Chromium at ${chromiumPath}: apt-get install -y chromium`)
  const folder = mkdtempSync(join(tmpdir(), "cosearch-bench-dashboard-"))
  const path = join(folder, "dashboard.db")
  try {
    let started = performance.now()
    await writeStudy(path, trials)
    console.log(`wrote ${trials} trials in ${round((performance.now() - started) / 1000)} s`)

    const reader = openSqliteStore(path, { readOnly: true })
    const writer = openSqliteStore(path)
    const studyId = (await writer.findStudy(studyName))?.id ?? -1
    const apiPath = `api/study/${studyName}/charts`

    // Where a cold request's time goes: reading every finished trial, making the charts.
    started = performance.now()
    const history = await reader.history(studyId, 0)
    const storeReadMs = performance.now() - started
    const study = await reader.findStudy(studyName)
    started = performance.now()
    studyCharts([
      { name: studyName, objectives: study?.objectives ?? [], constraints: study?.constraints ?? [], config: {}, trials: history },
    ])
    const chartsBuildMs = performance.now() - started
    console.log(`reading ${history.length} finished trials: ${round(storeReadMs)} ms; their charts: ${round(chartsBuildMs)} ms`)

    // The API, on a fresh dashboard: cold, warm, after 100 more trials.
    const apiDashboard = await startDashboard({ store: reader })
    const cold = await timedFetch(apiDashboard.url + apiPath)
    const warm: number[] = []
    for (let k = 0; k < 5; k++) warm.push((await timedFetch(apiDashboard.url + apiPath)).ms)
    await finishMore(writer, studyId, 100)
    const incremental = await timedFetch(apiDashboard.url + apiPath)
    await apiDashboard.close()
    console.log(
      `API: cold ${round(cold.ms)} ms (${round(cold.bytes / 1e6, 2)} MB), warm ${round(median(warm))} ms, after 100 more trials ${round(incremental.ms)} ms`,
    )

    // The page in Chromium, on another fresh dashboard (its first request reads the study cold).
    const dashboard = await startDashboard({ store: reader, intervalMs: 1000 })
    const browser = await chromium.launch({
      executablePath: chromiumPath,
      headless: true,
      chromiumSandbox: false,
      args: [
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--enable-precise-memory-info",
      ],
    })
    const page = await (await browser.newContext({ viewport: { width: 1200, height: 900 } })).newPage()
    const errors: string[] = []
    page.on("console", (message) => void (message.type() === "error" && errors.push(message.text())))
    page.on("pageerror", (error) => void errors.push(error.message))
    const cdp = await page.context().newCDPSession(page)
    await cdp.send("Performance.enable")
    const heapMb = async (): Promise<number> => {
      await cdp.send("HeapProfiler.collectGarbage")
      const { metrics } = await cdp.send("Performance.getMetrics")
      return round((metrics.find((metric) => metric.name === "JSHeapUsedSize")?.value ?? Number.NaN) / 2 ** 20)
    }
    const pageTimes = async () => {
      // The charts hold the study once the status line counts its trials (a page sent before the
      // server's first read ends shows empty charts until its first poll).
      await page.waitForFunction(
        () => /^\d+ finished/.test((globalThis as unknown as { cosearch?: { data: { status?: string } } }).cosearch?.data.status ?? ""),
        undefined,
        { polling: 10, timeout: 60_000 },
      )
      // No named function inside: tsx would wrap it in a helper the page does not have.
      const times = await page.evaluate(() => [
        performance.now(),
        ...["first-paint", "first-contentful-paint"].map(
          (name) => performance.getEntries().find((entry) => entry.name === name)?.startTime ?? Number.NaN,
        ),
      ])
      return { chartsReady: times[0] ?? Number.NaN, firstPaint: times[1] ?? Number.NaN, firstContentfulPaint: times[2] ?? Number.NaN }
    }
    await page.goto(`${dashboard.url}study/${studyName}`, { timeout: 60_000 })
    const coldPage = await pageTimes()
    const heapAfterLoad = await heapMb()
    await page.reload({ timeout: 60_000 })
    const warmPage = await pageTimes()
    console.log(
      `page: first paint ${round(coldPage.firstPaint)} ms (warm ${round(warmPage.firstPaint)} ms), charts ready ${round(coldPage.chartsReady)} ms (warm ${round(warmPage.chartsReady)} ms), JS heap ${heapAfterLoad} MB`,
    )

    // Live: 100 trials finish each second; the page polls every second.
    const updatesBefore = await page.evaluate(() => (globalThis as unknown as { cosearch: { updates: number } }).cosearch.updates)
    started = performance.now()
    const heapSamples: number[] = [heapAfterLoad]
    for (let second = 1; second <= seconds; second++) {
      const tick = performance.now()
      await finishMore(writer, studyId, 100)
      if (second % 5 === 0) heapSamples.push(await heapMb())
      await new Promise((done) => setTimeout(done, Math.max(0, 1000 - (performance.now() - tick))))
    }
    await new Promise((done) => setTimeout(done, 1500))
    const updates =
      (await page.evaluate(() => (globalThis as unknown as { cosearch: { updates: number } }).cosearch.updates)) - updatesBefore
    const heapAfterPolls = await heapMb()
    const server = process.memoryUsage()
    console.log(
      `after ${seconds} s live (${updates} page updates): JS heap ${heapAfterPolls} MB (every 5 s: ${heapSamples.join(", ")} MB); page errors: ${errors.length}`,
    )
    await browser.close()
    await dashboard.close()
    await reader.close()
    await writer.close()

    console.log(
      JSON.stringify({
        bench: "dashboard",
        trials,
        storeReadMs: round(storeReadMs),
        chartsBuildMs: round(chartsBuildMs),
        apiColdMs: round(cold.ms),
        apiWarmMs: round(median(warm)),
        apiIncrementalMs: round(incremental.ms),
        apiBytes: cold.bytes,
        firstPaintMs: round(coldPage.firstPaint),
        firstContentfulPaintMs: round(coldPage.firstContentfulPaint),
        chartsReadyMs: round(coldPage.chartsReady),
        firstPaintWarmMs: round(warmPage.firstPaint),
        chartsReadyWarmMs: round(warmPage.chartsReady),
        heapUsedMbAfterLoad: heapAfterLoad,
        heapUsedMbAfterPolls: heapAfterPolls,
        heapUsedMbEvery5s: heapSamples,
        liveSeconds: seconds,
        pageUpdates: updates,
        pageErrors: errors.length,
        serverHeapUsedMb: round(server.heapUsed / 2 ** 20),
        serverRssMb: round(server.rss / 2 ** 20),
      }),
    )
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
}
