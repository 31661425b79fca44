/**
 * How long a report takes for a big study: a synthetic two-objective study of `--trials N`
 * trials (default 100,000; fixed seed) is written to a temporary SQLite database, then timed from
 * opening the database to the HTML page in memory: reading the study (`loadReportStudy`), making
 * every chart (`studyCharts`: front, history, hypervolume, importance, parallel coordinates) and
 * the page (`reportPage`). Issue 19 asks for at most 10 s at 100,000 trials. The per-layer costs
 * (the CLI's, from the engine) are not part of it: the synthetic study has no cost evaluator.
 *
 * Flags: `--trials N`. Ends stdout with one JSON line:
 * `{ "bench": "report", "trials", "feasible", "front", "writeSeconds", "loadSeconds", "chartSeconds",
 * "pageSeconds", "reportSeconds", "htmlBytes" }`.
 *
 * @example
 * // pnpm -s bench report --trials 20000
 */
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { isFeasible, paretoFront, type TrialResult } from "@cosearch/optimize"
import { loadReportStudy, reportPage, studyCharts } from "@cosearch/report"
import { createRandom } from "@cosearch/space"
import { openSqliteStore } from "@cosearch/store"

const parseTrials = (args: readonly string[]): number => {
  let trials = 100_000
  for (let i = 0; i < args.length; i += 2) {
    const value = Number(args[i + 1])
    if (args[i] === "--trials" && Number.isInteger(value) && value > 0) trials = value
    else throw new Error(`unknown flag or bad value at "${args.slice(i, i + 2).join(" ")}"; flags: --trials N (a positive integer)`)
  }
  return trials
}

const round = (value: number, digits = 3): number => Number(value.toFixed(digits))

/** Writes the synthetic study: parameters x, y (drivers), noise, shape; a trade-off of accuracy and latency; a fifth infeasible, 1 in 17 failed. */
const writeStudy = async (path: string, trials: number): Promise<void> => {
  const random = createRandom("bench-report")
  const store = openSqliteStore(path)
  const study = await store.createStudy({
    name: "synthetic",
    config: { name: "synthetic", space: "synthetic" },
    configHash: "synthetic",
    space: "synthetic",
    objectives: [
      { metric: "accuracy", direction: "maximize" },
      { metric: "latencyMs", direction: "minimize" },
    ],
    constraints: [{ metric: "areaMm2", max: 8 }],
    seed: "0",
  })
  const batch = 5000
  for (let first = 0; first < trials; first += batch) {
    const count = Math.min(batch, trials - first)
    const proposals = Array.from({ length: count }, () => ({
      params: { x: random(), y: random(), noise: random(), shape: ["a", "b", "c"][Math.floor(random() * 3)] as string },
      origin: "synthetic",
    }))
    await store.addTrials(study.id, first, proposals)
    for (let n = first; n < first + count; n++) {
      const trial = await store.claimTrial(study.id, "bench", n)
      if (trial === undefined) throw new Error(`trial ${n} could not be claimed`)
      const x = trial.params.x as number
      const y = trial.params.y as number
      const accuracy = 60 + 30 * x + 3 * y + 2 * random()
      const latencyMs = 0.2 + 3 * x * x + 0.5 * y + 0.3 * random()
      const area = 10 * random()
      const result: TrialResult =
        n % 17 === 16
          ? { state: "failed", error: "synthetic" }
          : { state: "complete", values: [accuracy, latencyMs], constraints: [area - 8], metrics: { accuracy, latencyMs, areaMm2: area } }
      await store.finishTrial(study.id, n, "bench", result, n + 1)
    }
  }
  await store.close()
}

/** Runs the bench (see the file's comment). */
export const main = async (args: string[]): Promise<void> => {
  const trials = parseTrials(args)
  const folder = mkdtempSync(join(tmpdir(), "cosearch-bench-report-"))
  try {
    const path = join(folder, "study.db")
    const writeStart = performance.now()
    await writeStudy(path, trials)
    const writeSeconds = (performance.now() - writeStart) / 1000
    console.log(`wrote a synthetic study of ${trials} trials in ${writeSeconds.toFixed(1)} s`)

    const start = performance.now()
    const store = openSqliteStore(path, { mustExist: true })
    const study = await loadReportStudy(store, "synthetic")
    await store.close()
    if (study === undefined) throw new Error("the synthetic study is missing")
    const loaded = performance.now()
    const charts = studyCharts([study])
    const charted = performance.now()
    const html = reportPage({ title: "synthetic", charts })
    const done = performance.now()

    const directions = study.objectives.map((objective) => objective.direction)
    const feasible = study.trials.filter((trial) => isFeasible(directions, trial)).length
    const front = paretoFront(
      directions,
      study.trials.filter((trial) => isFeasible(directions, trial)),
    ).length
    const figures = {
      bench: "report",
      trials,
      feasible,
      front,
      writeSeconds: round(writeSeconds, 1),
      loadSeconds: round((loaded - start) / 1000),
      chartSeconds: round((charted - loaded) / 1000),
      pageSeconds: round((done - charted) / 1000),
      reportSeconds: round((done - start) / 1000),
      htmlBytes: Buffer.byteLength(html),
    }
    console.log(
      `report of ${trials} trials: ${figures.reportSeconds} s (read ${figures.loadSeconds} s, charts ${figures.chartSeconds} s, page ${figures.pageSeconds} s), ${(figures.htmlBytes / 1e6).toFixed(1)} MB of HTML`,
    )
    console.log(JSON.stringify(figures))
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
}
