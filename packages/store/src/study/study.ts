/**
 * Whether an objective is to be made small or large (the same words as `@cosearch/optimize`).
 *
 * @example
 * const direction: ObjectiveDirection = "maximize"
 */
export type ObjectiveDirection = "minimize" | "maximize"

/**
 * One objective of a study: the metric it reads and its direction.
 *
 * @example
 * const accuracy: StudyObjective = { metric: "accuracy", direction: "maximize" }
 */
export interface StudyObjective {
  readonly metric: string
  readonly direction: ObjectiveDirection
}

/**
 * One constraint of a study: a metric with a bound. Its value in a trial is `metric - max` or
 * `min - metric`, so that it holds when `<= 0`.
 *
 * @example
 * const latency: StudyConstraint = { metric: "latencyMs", max: 1.1164 }
 */
export interface StudyConstraint {
  readonly metric: string
  readonly max?: number
  readonly min?: number
}

/**
 * What a new study is made of. `config` is the experiment as written (JSON), `configHash` what
 * decides whether a later run may continue the study.
 *
 * @example
 * const input: NewStudy = { name: "nb201", config, configHash: "3f2a...", space: spaceJson,
 *   objectives: [{ metric: "accuracy", direction: "maximize" }], constraints: [], seed: "0" }
 */
export interface NewStudy {
  readonly name: string
  readonly config: unknown
  readonly configHash: string
  /** The space in its JSON form (`encodeSpaceJson`) or a built-in space's name. */
  readonly space: unknown
  readonly objectives: readonly StudyObjective[]
  readonly constraints: readonly StudyConstraint[]
  readonly seed: string
}

/**
 * A stored study.
 *
 * @example
 * const study = await store.findStudy("nb201")
 * if (study !== undefined) console.log(study.id, study.createdAt)
 */
export interface Study extends NewStudy {
  readonly id: number
  /** Milliseconds since the epoch. */
  readonly createdAt: number
}

/**
 * A trial's life: `waiting` (asked, not yet claimed), `running` (claimed by a worker, which
 * beats a heartbeat), then one of `complete`, `failed` or `infeasible`.
 *
 * @example
 * const finished: readonly TrialState[] = ["complete", "failed", "infeasible"]
 */
export type TrialState = "waiting" | "running" | "complete" | "failed" | "infeasible"

/**
 * The states a trial ends in.
 *
 * @example
 * finishedStates.includes("failed") // true
 */
export const finishedStates: readonly TrialState[] = ["complete", "failed", "infeasible"]

/**
 * A metric an evaluator reported: numbers mostly; strings, booleans and null are kept as given.
 *
 * @example
 * const metrics: Readonly<Record<string, MetricValue>> = { accuracy: 93.1, network: "nb201" }
 */
export type MetricValue = number | string | boolean | null

/**
 * The parameters of a configuration, as the space gives them.
 *
 * @example
 * const params: TrialParams = { pe_x: 16, dataflow: "ws" }
 */
export type TrialParams = Readonly<Record<string, string | number | boolean>>

/**
 * A configuration to add to a study: its parameters and the name of what proposed it.
 *
 * @example
 * const planned: PlannedTrial = { params: { pe_x: 16 }, origin: "evolution" }
 */
export interface PlannedTrial {
  readonly params: TrialParams
  readonly origin: string
}

/**
 * How an evaluation ended, as stored.
 *
 * @example
 * const result: TrialResult = { state: "complete", values: [93.1], constraints: [-0.2], metrics: { accuracy: 93.1 } }
 */
export interface TrialResult {
  readonly state: "complete" | "failed" | "infeasible"
  readonly values?: readonly number[]
  readonly constraints?: readonly number[]
  readonly metrics?: Readonly<Record<string, MetricValue>>
  readonly error?: string
}

/**
 * A stored trial. Times are milliseconds since the epoch.
 *
 * @example
 * for (const trial of await store.trials(study.id)) console.log(trial.number, trial.state, trial.values)
 */
export interface Trial {
  readonly studyId: number
  /** 0, 1, 2, ... in the order the optimizer asked. */
  readonly number: number
  readonly state: TrialState
  readonly params: TrialParams
  readonly origin: string
  readonly values: readonly number[] | undefined
  readonly constraints: readonly number[] | undefined
  readonly metrics: Readonly<Record<string, MetricValue>> | undefined
  readonly error: string | undefined
  readonly worker: string | undefined
  readonly heartbeatAt: number | undefined
  readonly startedAt: number | undefined
  readonly finishedAt: number | undefined
  /** How many times the trial was claimed (more than 1 after a re-run). */
  readonly attempts: number
}

/**
 * How many trials of a study are in each state.
 *
 * @example
 * const counts = await store.countTrials(study.id)
 * counts.complete + counts.failed + counts.infeasible // finished
 */
export type TrialCounts = Readonly<Record<TrialState, number>> & { readonly total: number }

/**
 * A study with its trial counts, for listings.
 *
 * @example
 * for (const { study, counts } of await store.listStudies()) console.log(study.name, counts.complete)
 */
export interface StudySummary {
  readonly study: Study
  readonly counts: TrialCounts
}
