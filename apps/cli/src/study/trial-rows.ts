import type { Trial } from "@cosearch/optimize"
import type { Study } from "@cosearch/store"
import { type Column, formatTable } from "../format/table.js"

const number = (value: number | undefined): string => (value === undefined ? "" : String(Number(value.toPrecision(6))))

/** The parameter names of a study's trials, in first-seen order. */
const parameterNames = (trials: readonly Trial[]): string[] => [...new Set(trials.flatMap((trial) => Object.keys(trial.params)))]

/**
 * A text table of trials: number, state, each objective and constraint metric, each parameter,
 * and the error of failed and infeasible ones.
 *
 * @example
 * console.log(trialTable(study, trials))
 */
export const trialTable = (study: Study, trials: readonly Trial[]): string => {
  const columns: Column<Trial>[] = [
    { header: "#", align: "right", cell: (trial) => String(trial.number) },
    { header: "state", align: "left", cell: (trial) => trial.state },
    ...study.objectives.map(
      (objective, m): Column<Trial> => ({
        header: `${objective.metric} (${objective.direction === "maximize" ? "max" : "min"})`,
        align: "right",
        cell: (trial) => number(trial.values?.[m]),
      }),
    ),
    ...study.constraints.map(
      (constraint): Column<Trial> => ({
        header: `${constraint.metric} ${constraint.max === undefined ? `>= ${constraint.min}` : `<= ${constraint.max}`}`,
        align: "right",
        cell: (trial) => {
          const value = trial.metrics?.[constraint.metric]
          return typeof value === "number" ? number(value) : ""
        },
      }),
    ),
    ...parameterNames(trials).map(
      (name): Column<Trial> => ({ header: name, align: "left", cell: (trial) => String(trial.params[name] ?? "") }),
    ),
    { header: "error", align: "left", cell: (trial) => trial.error ?? "" },
  ]
  return formatTable(columns, trials)
}

const csvField = (value: unknown): string => {
  const text = value === undefined || value === null ? "" : typeof value === "object" ? JSON.stringify(value) : String(value)
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/**
 * The trials as CSV: number, state, origin, one column per parameter (`param.<name>`), objective
 * value (`value.<metric>`), constraint value (`constraint.<metric>`) and metric (`metric.<name>`),
 * then error, attempts and the start and finish times (ISO 8601). RFC 4180: a field with a comma,
 * quote or line break is quoted, its quotes doubled, so the readers of CSV read it back.
 *
 * @example
 * writeFileSync("trials.csv", trialCsv(study, trials))
 */
export const trialCsv = (study: Study, trials: readonly Trial[]): string => {
  const params = parameterNames(trials)
  const metrics = [...new Set(trials.flatMap((trial) => Object.keys(trial.metrics ?? {})))]
  const time = (ms: number | undefined) => (ms === undefined ? "" : new Date(ms).toISOString())
  const header = [
    "number",
    "state",
    "origin",
    ...params.map((name) => `param.${name}`),
    ...study.objectives.map((objective) => `value.${objective.metric}`),
    ...study.constraints.map((constraint) => `constraint.${constraint.metric}`),
    ...metrics.map((name) => `metric.${name}`),
    "error",
    "attempts",
    "started",
    "finished",
  ]
  const rows = trials.map((trial) => [
    trial.number,
    trial.state,
    trial.origin,
    ...params.map((name) => trial.params[name]),
    ...study.objectives.map((_, m) => trial.values?.[m]),
    ...study.constraints.map((_, k) => trial.constraints?.[k]),
    ...metrics.map((name) => trial.metrics?.[name]),
    trial.error,
    trial.attempts,
    time(trial.startedAt),
    time(trial.finishedAt),
  ])
  return [header, ...rows].map((row) => row.map(csvField).join(",")).join("\n")
}
