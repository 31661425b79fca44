import type { Trial } from "@cosearch/optimize"
import { createRandom } from "@cosearch/space"
import { fastParetoFront } from "../analysis/front.js"
import { feasibleLosses } from "../analysis/losses.js"
import type { ReportStudy } from "../data/report-study.js"
import type { Chart } from "./chart.js"
import { studyColor } from "./style.js"

/** At most this many feasible trials per study are drawn (the front always, the rest a seeded sample). */
export const PARALLEL_MAX_TRIALS = 3000

/** Missing (inactive) categorical values show as this category. */
const MISSING = "—"

/** The trials drawn of a study: its front, and a seeded uniform sample of its other feasible trials. */
const drawnTrials = (study: ReportStudy): { readonly front: Trial[]; readonly rest: Trial[] } => {
  const directions = study.objectives.map((objective) => objective.direction)
  const front = fastParetoFront(directions, study.trials)
  const onFront = new Set(front.map((trial) => trial.number))
  const rest = feasibleLosses(directions, study.trials).trials.filter((trial) => !onFront.has(trial.number))
  const room = Math.max(0, PARALLEL_MAX_TRIALS - front.length)
  if (rest.length <= room) return { front, rest }
  const random = createRandom(`parallel ${study.name}`)
  for (let i = 0; i < room; i++) {
    const j = i + Math.floor(random() * (rest.length - i))
    const swap = rest[i] as Trial
    rest[i] = rest[j] as Trial
    rest[j] = swap
  }
  return { front, rest: rest.slice(0, room).sort((a, b) => a.number - b.number) }
}

/**
 * Parallel coordinates of the feasible trials: one axis per parameter (the union over the
 * studies; categorical and boolean parameters as category axes, missing values as "—") and one
 * per objective. Per study, `<study>` (its feasible trials, at most `PARALLEL_MAX_TRIALS`: the
 * front and a seeded sample of the rest) and `<study>: front` drawn bold.
 *
 * @example
 * const chart = parallelChart([study])
 */
export const parallelChart = (studies: readonly ReportStudy[]): Chart => {
  const drawn = studies.map((study) => ({ study, ...drawnTrials(study) }))
  const names: string[] = []
  for (const { front, rest } of drawn)
    for (const trial of [...front, ...rest]) for (const name of Object.keys(trial.params)) if (!names.includes(name)) names.push(name)
  const categorical = new Map<string, string[]>()
  for (const name of names) {
    const values = new Set<string>()
    let isCategory = false
    for (const { front, rest } of drawn)
      for (const trial of [...front, ...rest]) {
        const value = trial.params[name]
        if (typeof value === "string" || typeof value === "boolean") isCategory = true
        values.add(value === undefined ? MISSING : String(value))
      }
    if (isCategory) categorical.set(name, [...values].sort())
  }
  const first = studies[0]
  const objectives = first?.objectives ?? []
  const parallelAxis = [
    ...names.map((name, dim) => {
      const categories = categorical.get(name)
      return categories === undefined ? { dim, name, type: "value", scale: true } : { dim, name, type: "category", data: categories }
    }),
    ...objectives.map((objective, m) => ({
      dim: names.length + m,
      name: `${objective.metric} (${objective.direction})`,
      type: "value",
      scale: true,
    })),
  ]
  const row = (trial: Trial) => [
    ...names.map((name) => {
      const value = trial.params[name]
      if (categorical.has(name)) return value === undefined ? MISSING : String(value)
      return typeof value === "number" ? value : null
    }),
    ...objectives.map((_, m) => trial.values?.[m] ?? null),
  ]
  const series = drawn.flatMap(({ study, front, rest }, s) => [
    {
      name: study.name,
      type: "parallel",
      lineStyle: { color: studyColor(s), width: 0.6, opacity: 0.25 },
      progressive: 1000,
      data: rest.map(row),
    },
    {
      name: `${study.name}: front`,
      type: "parallel",
      lineStyle: { color: studyColor(s), width: 2, opacity: 0.9 },
      z: 3,
      data: front.map(row),
    },
  ])
  return {
    id: "parallel",
    title: "Parameters and objectives of the feasible trials (parallel coordinates)",
    option: {
      animation: false,
      legend: { type: "scroll", top: 0 },
      parallel: { left: 60, right: 120, top: 90, bottom: 40 },
      parallelAxis,
      series,
    },
  }
}
