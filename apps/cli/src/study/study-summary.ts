import { bestTrials, paretoFront, type Trial } from "@cosearch/optimize"
import type { Study, StudySummary } from "@cosearch/store"
import { terminalSafe } from "../cli/terminal-safe.js"
import { formatTable } from "../format/table.js"
import { trialTable } from "./trial-rows.js"

/**
 * The best trial (one objective) or the Pareto front (several): none while no trial is feasible.
 *
 * @example
 * bestOrFront(study, trials).map((trial) => trial.number)
 */
export const bestOrFront = (study: Study, trials: readonly Trial[]): Trial[] => {
  const directions = study.objectives.map((objective) => objective.direction)
  return directions.length > 1 ? paretoFront(directions, trials) : bestTrials(directions, trials, 1)
}

/**
 * The best trial (one objective) or the Pareto front (several), as a heading and a table; says so
 * when no trial is feasible yet. The study's name is printed `terminalSafe`.
 *
 * @example
 * console.log(bestText(study, await store.trials(study.id)))
 */
export const bestText = (study: Study, trials: readonly Trial[]): string => {
  const several = study.objectives.length > 1
  const chosen = bestOrFront(study, trials)
  const name = terminalSafe(study.name)
  if (chosen.length === 0) return `study "${name}" has no feasible complete trial yet`
  const heading = several ? `Pareto front of "${name}" (${chosen.length} trials):` : `best trial of "${name}":`
  return `${heading}\n${trialTable(study, chosen)}`
}

/**
 * One line per study: trials finished of total, and per state.
 *
 * @example
 * console.log(statusTable(await store.listStudies()))
 */
export const statusTable = (summaries: readonly StudySummary[]): string =>
  formatTable(
    [
      { header: "study", align: "left", cell: ({ study }: StudySummary) => study.name },
      { header: "finished", align: "right", cell: ({ counts }) => String(counts.complete + counts.failed + counts.infeasible) },
      { header: "complete", align: "right", cell: ({ counts }) => String(counts.complete) },
      { header: "infeasible", align: "right", cell: ({ counts }) => String(counts.infeasible) },
      { header: "failed", align: "right", cell: ({ counts }) => String(counts.failed) },
      { header: "running", align: "right", cell: ({ counts }) => String(counts.running) },
      { header: "waiting", align: "right", cell: ({ counts }) => String(counts.waiting) },
      { header: "objectives", align: "left", cell: ({ study }) => study.objectives.map((o) => `${o.direction} ${o.metric}`).join(", ") },
      { header: "created", align: "left", cell: ({ study }) => new Date(study.createdAt).toISOString().slice(0, 19).replace("T", " ") },
    ],
    summaries,
  )

/**
 * The document `cosearch status --json` prints: the database and, oldest first, each study's name,
 * creation time (ISO 8601), objectives, constraints, config hash and trial counts per state (with
 * `total` and `finished`: complete + failed + infeasible).
 *
 * @example
 * console.log(JSON.stringify(statusJson("runs.db", await store.listStudies())))
 */
export const statusJson = (db: string, summaries: readonly StudySummary[]) => ({
  db,
  studies: summaries.map(({ study, counts }) => ({
    name: study.name,
    createdAt: new Date(study.createdAt).toISOString(),
    objectives: study.objectives,
    constraints: study.constraints,
    configHash: study.configHash,
    counts: { ...counts, finished: counts.complete + counts.failed + counts.infeasible },
  })),
})
