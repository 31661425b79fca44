import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { paretoFront, type Trial } from "@cosearch/optimize"
import { type NewStudy, openSqliteStore, type StudyStore } from "@cosearch/store"
import { afterEach, describe, expect, it } from "vitest"
import { type Dashboard, startDashboard } from "../src/index.js"

const newStudy = (name: string): NewStudy => ({
  name,
  config: { name },
  configHash: "hash",
  space: "nb201",
  objectives: [
    { metric: "accuracy", direction: "maximize" },
    { metric: "latencyMs", direction: "minimize" },
  ],
  constraints: [],
  seed: "0",
})

/** Adds and finishes `count` trials numbered from `first`, values from a fixed formula. */
const finishTrials = async (store: StudyStore, studyId: number, first: number, count: number): Promise<void> => {
  await store.addTrials(
    studyId,
    first,
    Array.from({ length: count }, (_, k) => ({ params: { k: first + k }, origin: "random" })),
  )
  for (let k = 0; k < count; k++) {
    const trial = await store.claimTrial(studyId, "w", 1)
    if (trial === undefined) throw new Error("nothing to claim")
    const n = trial.number
    const result =
      n % 11 === 5
        ? { state: "failed" as const, error: "boom" }
        : { state: "complete" as const, values: [((n * 37) % 101) / 100, ((n * 53) % 97) / 10] }
    await store.finishTrial(studyId, n, "w", result, 2)
  }
}

interface Fixture {
  readonly path: string
  readonly writer: StudyStore
  readonly reader: StudyStore
  readonly studyId: number
  readonly dashboard: Dashboard
}

let open: Fixture[] = []
afterEach(async () => {
  for (const fixture of open) {
    await fixture.dashboard.close()
    await fixture.reader.close()
    await fixture.writer.close()
  }
  open = []
})

const fixture = async (name: string, trials: number): Promise<Fixture> => {
  const path = join(mkdtempSync(join(tmpdir(), "cosearch-dashboard-")), "runs.db")
  const writer = openSqliteStore(path)
  const study = await writer.createStudy(newStudy(name))
  await finishTrials(writer, study.id, 0, trials)
  const reader = openSqliteStore(path, { readOnly: true })
  const dashboard = await startDashboard({ store: reader, port: 0 })
  const made = { path, writer, reader, studyId: study.id, dashboard }
  open.push(made)
  return made
}

const get = async (dashboard: Dashboard, path: string, init?: RequestInit) => {
  const response = await fetch(new URL(path, dashboard.url), init)
  return { status: response.status, type: response.headers.get("content-type") ?? "", text: await response.text() }
}

interface ChartsResponse {
  charts: { id: string; option: { series: { name: string; data: unknown[] }[] } }[]
  status: string
  counts: { complete: number; failed: number; total: number }
}

const charts = async (dashboard: Dashboard, name: string): Promise<ChartsResponse> =>
  JSON.parse((await get(dashboard, `/api/study/${encodeURIComponent(name)}/charts`)).text) as ChartsResponse

describe("startDashboard", () => {
  it("lists the studies with their counts and links, names escaped", async () => {
    const { dashboard, writer } = await fixture("a<b>&\"c'", 12)
    await writer.createStudy(newStudy("second study"))
    const page = await get(dashboard, "/")
    expect(page.status).toBe(200)
    expect(page.type).toMatch(/^text\/html/)
    expect(page.text).toContain('<a href="/study/a%3Cb%3E%26%22c&#39;">a&lt;b&gt;&amp;&quot;c&#39;</a>')
    expect(page.text).toContain('<a href="/study/second%20study">second study</a>')
    expect(page.text).not.toContain("<b>")
    expect(JSON.parse((await get(dashboard, "/api/studies")).text)).toEqual([
      { name: "a<b>&\"c'", counts: { waiting: 0, running: 0, complete: 11, failed: 1, infeasible: 0, total: 12 } },
      { name: "second study", counts: { waiting: 0, running: 0, complete: 0, failed: 0, infeasible: 0, total: 0 } },
    ])
  })

  it("serves a study's live page and its charts, 404 for an unknown study or path, 405 for a write", async () => {
    const { dashboard } = await fixture("quick", 30)
    const page = await get(dashboard, "/study/quick")
    expect(page.status).toBe(200)
    expect(page.text).toContain('"live":{"url":"/api/study/quick/charts","intervalMs":1000}')
    expect(page.text).toContain("30 finished of 30 trials: 27 complete, 0 infeasible, 3 failed") // failed trials are finished too
    const missing = await get(dashboard, "/study/nope")
    expect(missing.status).toBe(404)
    expect(missing.text).toContain("there is no study &quot;nope&quot; in")
    const missingApi = await get(dashboard, "/api/study/nope/charts")
    expect(missingApi.status).toBe(404)
    expect(JSON.parse(missingApi.text).error).toMatch(/^there is no study "nope" in .*runs\.db$/)
    expect((await get(dashboard, "/elsewhere")).status).toBe(404)
    expect((await get(dashboard, "/favicon.ico")).status).toBe(204)
    expect((await get(dashboard, "/api/study/quick/charts", { method: "POST" })).status).toBe(405)
  })

  it("draws the front and the other feasible trials, and shows trials finished after the last poll", async () => {
    const { dashboard, writer, reader, studyId } = await fixture("live", 40)
    const counts = async () => {
      const trials: Trial[] = await reader.trials(studyId)
      const directions = ["maximize", "minimize"] as const
      const front = paretoFront(directions, trials).length
      return [front, trials.filter((trial) => trial.state === "complete").length - front]
    }
    const drawn = (response: ChartsResponse) =>
      response.charts
        .find((chart) => chart.id === "pareto")
        ?.option.series.slice(0, 2)
        .map((series) => series.data.length)

    const first = await charts(dashboard, "live")
    expect(drawn(first)).toEqual(await counts())
    expect(first.counts.total).toBe(40)

    await finishTrials(writer, studyId, 40, 25)
    const second = await charts(dashboard, "live")
    expect(second.counts.total).toBe(65)
    expect(second.status).toBe("65 finished of 65 trials: 59 complete, 0 infeasible, 6 failed, 0 running, 0 waiting")
    expect(drawn(second)).toEqual(await counts())
    expect(drawn(second)?.reduce((a, b) => a + b)).toBe(59)
  })

  it("answers 304 with no body to a poll naming the version it already has, and the new charts once a trial finishes", async () => {
    const { dashboard, writer, studyId } = await fixture("tagged", 20)
    const url = new URL("/api/study/tagged/charts", dashboard.url)
    const first = await fetch(url)
    const tag = first.headers.get("etag")
    expect(first.status).toBe(200)
    expect(tag).toMatch(/^".+"$/)
    await first.arrayBuffer()
    const unchanged = await fetch(url, { headers: { "if-none-match": tag ?? "" } })
    expect(unchanged.status).toBe(304)
    expect((await unchanged.arrayBuffer()).byteLength).toBe(0)
    await finishTrials(writer, studyId, 20, 1)
    const changed = await fetch(url, { headers: { "if-none-match": tag ?? "" } })
    expect(changed.status).toBe(200)
    expect(changed.headers.get("etag")).not.toBe(tag)
    expect(((await changed.json()) as ChartsResponse).counts.total).toBe(21)
  })

  it("reads only the newly finished trials on a poll, and nothing when nothing finished", async () => {
    const { path, writer, studyId } = await fixture("incremental", 50)
    const reader = openSqliteStore(path, { readOnly: true })
    const reads: number[] = []
    const spied: StudyStore = {
      ...reader,
      history: (id, from, limit) => {
        reads.push(from ?? 0)
        return reader.history(id, from, limit)
      },
      trials: () => Promise.reject(new Error("the dashboard should not read every trial")),
    }
    const dashboard = await startDashboard({ store: spied })
    try {
      await charts(dashboard, "incremental")
      await charts(dashboard, "incremental")
      expect(reads).toEqual([0])
      // A running trial changes the status, not the charts: no trials read.
      await writer.addTrials(studyId, 50, [{ params: {}, origin: "random" }])
      await writer.claimTrial(studyId, "w", 3)
      expect((await charts(dashboard, "incremental")).counts).toMatchObject({ total: 51 })
      expect(reads).toEqual([0])
      await writer.finishTrial(studyId, 50, "w", { state: "complete", values: [2, 0] }, 4)
      const after = await charts(dashboard, "incremental")
      expect(reads).toEqual([0, 50])
      expect(after.status).toMatch(/^51 finished of 51 trials/)
    } finally {
      await dashboard.close()
      await reader.close()
    }
  })
})
