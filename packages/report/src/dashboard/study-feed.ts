import type { Trial } from "@cosearch/optimize"
import type { Study, StudyStore, TrialCounts } from "@cosearch/store"
import type { Chart } from "../charts/chart.js"
import { studyCharts } from "../charts/study-charts.js"
import type { ReportStudy } from "../data/report-study.js"

/**
 * What the dashboard shows of one study at one moment: its charts, a status line, its counts, and
 * a version that changes whenever any of them does (so that what is made of it can be cached).
 *
 * @example
 * const view: StudyView = { version: 3, charts: [], status: "0 finished of 0 trials", counts }
 */
export interface StudyView {
  readonly version: number
  readonly charts: readonly Chart[]
  readonly status: string
  readonly counts: TrialCounts
}

/**
 * One study kept in memory for the dashboard, refreshed from the store by reading only what is
 * new: `refresh()` asks the store for the trial counts (one indexed `GROUP BY`), and only when the
 * number of finished trials grew reads the finished trials from the first number not yet known
 * finished on (`history(studyId, from)`). A finished trial never changes again, so nothing else
 * is re-read (in pages of 10,000, the server answering other requests between them); the charts
 * are made again only when a trial finished, and, when they are slow to make (over 50 ms: a
 * 100,000-trial study's take about half a second), at most once per four times their last
 * build's time, while the status line is always current.
 *
 * @example
 * const feed = studyFeed(store, study)
 * const view = await feed.refresh()
 */
export interface StudyFeed {
  readonly name: string
  /** Brings the study up to date (at most one read at a time; concurrent callers share it). */
  readonly refresh: () => Promise<StudyView>
  /** How many finished trials the feed holds. */
  readonly size: () => number
  /** The study's charts with no trials (its axes and legends), for a page shown before the first read ends. */
  readonly placeholder: () => StudyView
}

/** Slow charts (a build of more than `slowBuildMs`) are made again at most once per this many times their last build's time. */
const rebuildFactor = 4
const slowBuildMs = 50
/** The finished trials read at once. */
const pageSize = 10_000

const finishedOf = (counts: TrialCounts): number => counts.complete + counts.failed + counts.infeasible

/**
 * The dashboard's status line of a study.
 *
 * @example
 * statusLine(counts) // "120 finished of 128 trials: 110 complete, 6 infeasible, 4 failed, 8 running, 0 waiting"
 */
export const statusLine = (counts: TrialCounts): string =>
  `${finishedOf(counts)} finished of ${counts.total} trials: ${counts.complete} complete, ${counts.infeasible} infeasible, ${counts.failed} failed, ${counts.running} running, ${counts.waiting} waiting`

/**
 * A study's feed on a (read-only) store.
 *
 * @example
 * const feed = studyFeed(store, await store.findStudy("quickstart"))
 */
export const studyFeed = (store: StudyStore, study: Study): StudyFeed => {
  const finished = new Map<number, Trial>()
  /** Every trial numbered below it is known finished. */
  let frontier = 0
  let counts: TrialCounts | undefined
  let charts: readonly Chart[] = []
  let version = 0
  let view: StudyView | undefined
  let pending: Promise<StudyView> | undefined
  /** Whether trials finished since the charts were made. */
  let stale = false
  let builtAt = 0
  let buildMs = 0

  const reportStudy = (): ReportStudy => ({
    name: study.name,
    objectives: study.objectives,
    constraints: study.constraints,
    config: study.config,
    trials: [...finished.values()].sort((a, b) => a.number - b.number),
  })

  const update = async (): Promise<StudyView> => {
    const now = await store.countTrials(study.id)
    const grew = finishedOf(now) !== finished.size
    if (grew) {
      // In pages, letting the server answer other requests between them (the store's reads block).
      let from = frontier
      for (;;) {
        const page = await store.history(study.id, from, pageSize)
        for (const trial of page) finished.set(trial.number, trial)
        const last = page.at(-1)
        if (page.length < pageSize || last === undefined) break
        from = last.number + 1
        await new Promise((done) => setImmediate(done))
      }
      while (finished.has(frontier)) frontier++
      stale = true
    }
    // The charts are made again when trials finished, but at most once per `rebuildFactor` times
    // the last build's time: a big study's charts (the Pareto front of 100,000 trials takes most of
    // a second) never take more than 1 / rebuildFactor of the server's time; the status line is
    // always up to date.
    const due = buildMs < slowBuildMs || performance.now() - builtAt >= rebuildFactor * buildMs
    const built = view !== undefined && !(stale && due)
    if (!built) {
      const started = performance.now()
      charts = studyCharts([reportStudy()])
      builtAt = performance.now()
      buildMs = builtAt - started
      stale = false
    }
    const changed = !built || counts === undefined || statusLine(counts) !== statusLine(now)
    counts = now
    if (changed || view === undefined) {
      version++
      view = { version, charts, status: statusLine(now), counts: now }
    }
    return view
  }

  return {
    name: study.name,
    refresh: () => {
      pending ??= update().finally(() => {
        pending = undefined
      })
      return pending
    },
    size: () => finished.size,
    placeholder: () => ({
      version: 0,
      charts: studyCharts([{ ...reportStudy(), trials: [] }]),
      status: "reading the study's trials…",
      counts: { waiting: 0, running: 0, complete: 0, failed: 0, infeasible: 0, total: 0 },
    }),
  }
}
