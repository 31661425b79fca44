import type { MetricValue, Trial, TrialResult, TrialState } from "@cosearch/optimize"
import type { NewStudy, Study } from "./study.js"

/** A `studies` row as the SQL backends return it (SQLite, PostgreSQL). */
export interface StudyRow {
  readonly id: number
  readonly name: string
  readonly config: string
  readonly config_hash: string
  readonly space: string
  readonly objectives: string
  readonly constraints: string
  readonly seed: string
  readonly created_at: number
}

/** A `trials` row as the SQL backends return it (SQLite, PostgreSQL). */
export interface TrialRow {
  readonly study_id: number
  readonly number: number
  readonly state: TrialState
  readonly params: string
  readonly origin: string
  readonly objective_values: string | null
  readonly constraint_values: string | null
  readonly metrics: string | null
  readonly error: string | null
  readonly worker: string | null
  readonly heartbeat_at: number | null
  readonly started_at: number | null
  readonly finished_at: number | null
  readonly attempts: number
}

/**
 * The trials table's columns a `TrialRow` holds, for statements that name them rather than `*`
 * (a prepared statement's result must not change when a later schema adds a column).
 *
 * @example
 * `SELECT ${trialRowColumns.join(", ")} FROM trials`
 */
export const trialRowColumns = [
  "study_id",
  "number",
  "state",
  "params",
  "origin",
  "objective_values",
  "constraint_values",
  "metrics",
  "error",
  "worker",
  "heartbeat_at",
  "started_at",
  "finished_at",
  "attempts",
] as const satisfies readonly (keyof TrialRow)[]

const parsed = <A>(text: string | null): A | undefined => (text === null ? undefined : (JSON.parse(text) as A))
const orUndefined = <A>(value: A | null): A | undefined => (value === null ? undefined : value)

/** The study of a row. */
export const studyOfRow = (row: StudyRow): Study => ({
  id: row.id,
  name: row.name,
  config: JSON.parse(row.config) as unknown,
  configHash: row.config_hash,
  space: JSON.parse(row.space) as unknown,
  objectives: JSON.parse(row.objectives) as Study["objectives"],
  constraints: JSON.parse(row.constraints) as Study["constraints"],
  seed: row.seed,
  createdAt: row.created_at,
})

/** The column values of a new study, in the order of the insert statement. */
export const studyColumns = (study: NewStudy, now: number): unknown[] => [
  study.name,
  JSON.stringify(study.config),
  study.configHash,
  JSON.stringify(study.space),
  JSON.stringify(study.objectives),
  JSON.stringify(study.constraints),
  study.seed,
  now,
]

/** The trial of a row. */
export const trialOfRow = (row: TrialRow): Trial => ({
  studyId: row.study_id,
  number: row.number,
  state: row.state,
  params: JSON.parse(row.params) as Trial["params"],
  origin: row.origin,
  values: parsed<number[]>(row.objective_values),
  constraints: parsed<number[]>(row.constraint_values),
  metrics: parsed<Record<string, MetricValue>>(row.metrics),
  error: orUndefined(row.error),
  worker: orUndefined(row.worker),
  heartbeatAt: orUndefined(row.heartbeat_at),
  startedAt: orUndefined(row.started_at),
  finishedAt: orUndefined(row.finished_at),
  attempts: row.attempts,
})

/** JSON text of an optional value, NULL when absent. */
export const jsonOrNull = (value: unknown): string | null => (value === undefined ? null : JSON.stringify(value))

/**
 * A trial result as the trials table's columns, in this order: state, objective_values,
 * constraint_values, metrics, error (what both backends' finish statements write first).
 *
 * @example
 * resultColumns({ state: "complete", values: [1] }) // ["complete", "[1]", null, null, null]
 */
export const resultColumns = (result: TrialResult): [string, string | null, string | null, string | null, string | null] => [
  result.state,
  jsonOrNull(result.values),
  jsonOrNull(result.constraints),
  jsonOrNull(result.metrics),
  result.error ?? null,
]
