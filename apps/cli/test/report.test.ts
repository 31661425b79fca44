import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { lookupSpace } from "@cosearch/engine"
import { isFeasible, paretoFront, type Trial, type TrialResult } from "@cosearch/optimize"
import { type Configuration, createRandom, sampleMany } from "@cosearch/space"
import { openSqliteStore, type SqliteStudyStore } from "@cosearch/store"
import { beforeAll, describe, expect, it } from "vitest"
import { runInProcess } from "./run-cli.js"

/** Adds a finished two-objective study with these parameters and config; values random, a fifth breaking the constraint. */
const writeStudy = async (store: SqliteStudyStore, name: string, config: unknown, params: readonly Configuration[]): Promise<void> => {
  const random = createRandom(name)
  const study = await store.createStudy({
    name,
    config,
    configHash: name,
    space: "nb201",
    objectives: [
      { metric: "accuracy", direction: "maximize" },
      { metric: "latencyMs", direction: "minimize" },
    ],
    constraints: [{ metric: "areaMm2", max: 8 }],
    seed: "1",
  })
  await store.addTrials(
    study.id,
    0,
    params.map((configuration) => ({ params: configuration, origin: "test" })),
  )
  for (let n = 0; n < params.length; n++) {
    const trial = await store.claimTrial(study.id, "w", n)
    if (trial === undefined) throw new Error("nothing to claim")
    const x = random()
    const values = [80 + 10 * x + random(), 0.5 + x * x + 0.2 * random()]
    const result: TrialResult =
      n % 11 === 10 ? { state: "failed", error: "boom" } : { state: "complete", values, constraints: [10 * random() - 8] }
    await store.finishTrial(study.id, trial.number, "w", result, n + 1)
  }
}

let folder: string
let db: string
let alpha: Trial[]

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), "cosearch-report-cli-"))
  db = join(folder, "runs.db")
  const store = openSqliteStore(db)
  const random = createRandom(1)
  await writeStudy(
    store,
    "alpha",
    { name: "alpha", space: "synthetic", evaluator: { kind: "module", module: "x.mjs" } },
    Array.from({ length: 300 }, () => ({ x: random(), kind: random() < 0.5 ? "a" : "b" })),
  )
  const found = lookupSpace("nb201")
  if (!found.ok) throw new Error(found.message)
  await writeStudy(
    store,
    "cells",
    { name: "cells", space: "nb201", evaluator: { kind: "cost", accelerator: "eyeriss-v1-like" } },
    sampleMany(found.entry.space, 30, "cells"),
  )
  const study = await store.findStudy("alpha")
  alpha = await store.trials(study?.id ?? -1)
  await store.close()
})

const embeddedCharts = (html: string): { id: string; option: { series: { name: string; data: unknown[] }[] } }[] => {
  const match = html.match(/<script id="cosearch-data" type="application\/json">([\s\S]*?)<\/script>/)
  return JSON.parse(match?.[1] ?? "{}").charts
}

describe("cosearch report", () => {
  it("writes one self-contained HTML page with every chart and prints one line", async () => {
    const out = join(folder, "report.html")
    const run = await runInProcess(["report", "alpha", "cells", "--db", db, "--out", out])
    expect(run.stderr).toBe("")
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(new RegExp(`^${out.replace(/[.\\/]/g, "\\$&")}: alpha, cells; 330 trials; \\d+\\.\\d\\d s$`))
    const html = readFileSync(out, "utf8")
    expect(html).not.toMatch(/<script src=|<link [^>]*href="http/)
    const charts = embeddedCharts(html)
    expect(charts.map((chart) => chart.id)).toEqual([
      "pareto",
      "history",
      "hypervolume",
      "importance",
      "parallel",
      "layers",
      "layer-utilization",
      "layer-levels",
    ])
    const directions = ["maximize", "minimize"] as const
    const pareto = charts[0]?.option.series ?? []
    const front = paretoFront(directions, alpha)
    const feasible = alpha.filter((trial) => isFeasible(directions, trial))
    expect(pareto.find((series) => series.name === "alpha: front")?.data).toHaveLength(front.length)
    expect(pareto.find((series) => series.name === "alpha: feasible")?.data).toHaveLength(feasible.length - front.length)
    // The layer charts are of the cost study's best trials only (alpha has no cost evaluator).
    expect(charts[5]?.option.series.every((series) => series.name.startsWith("cells #"))).toBe(true)
    expect(charts[5]?.option.series.length).toBeGreaterThan(0)
  })

  it("writes nothing for a missing study, naming it and the studies present, or for an --out that is not .html", async () => {
    const out = join(folder, "missing.html")
    const missing = await runInProcess(["report", "alpha", "nope", "--db", db, "--out", out])
    expect(missing).toMatchObject({ code: 1, stderr: `cosearch: there is no study "nope" in ${db}; its studies are alpha, cells` })
    const wrongOut = await runInProcess(["report", "alpha", "--db", db, "--out", join(folder, "report.txt")])
    expect(wrongOut).toMatchObject({ code: 1, stderr: `cosearch: --out "${join(folder, "report.txt")}" must name a .html file` })
    expect(existsSync(out)).toBe(false)
    expect(readdirSync(folder).filter((file) => file.includes("missing") || file.endsWith(".tmp"))).toEqual([])
  })
})

describe("cosearch plot", () => {
  it("draws one chart as SVG at the size asked, and as PNG", async () => {
    const svg = join(folder, "pareto.svg")
    const run = await runInProcess(["plot", "pareto", "alpha", "--db", db, "--out", svg, "--width", "640", "--height", "480"])
    expect(run.code).toBe(0)
    expect(run.stdout).toBe(`${svg}: Pareto front of alpha`)
    const text = readFileSync(svg, "utf8")
    expect(text).toMatch(/^<svg[^>]* width="640" height="480"/)
    const png = join(folder, "layers.png")
    expect((await runInProcess(["plot", "layers", "cells", "--db", db, "--out", png])).code).toBe(0)
    expect([...readFileSync(png).subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47])
  })

  it("writes nothing for an unknown kind or study, or a chart the study does not have", async () => {
    const out = join(folder, "nothing.svg")
    const kind = await runInProcess(["plot", "bogus", "alpha", "--db", db, "--out", out])
    expect(kind).toMatchObject({
      code: 1,
      stderr:
        'cosearch: there is no chart kind "bogus"; the kinds are pareto, history, hypervolume, importance, parallel, layers, layer-utilization, layer-levels',
    })
    const study = await runInProcess(["plot", "pareto", "nope", "--db", db, "--out", out])
    expect(study).toMatchObject({ code: 1, stderr: `cosearch: there is no study "nope" in ${db}; its studies are alpha, cells` })
    const layers = await runInProcess(["plot", "layers", "alpha", "--db", db, "--out", out])
    expect(layers.code).toBe(1)
    expect(layers.stderr).toContain('study "alpha" has no layers chart')
    expect(layers.stderr).toContain("its charts are pareto, history, hypervolume, importance, parallel")
    const format = await runInProcess(["plot", "pareto", "alpha", "--db", db, "--out", join(folder, "x.pdf")])
    expect(format).toMatchObject({ code: 1, stderr: `cosearch: --out "${join(folder, "x.pdf")}" must name a .svg or .png file` })
    expect(existsSync(out)).toBe(false)
  })
})
