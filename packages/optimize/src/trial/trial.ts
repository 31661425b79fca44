import type { Configuration } from "@cosearch/space"

/**
 * Whether an objective is to be made small or large.
 *
 * @example
 * const directions: readonly Direction[] = ["maximize", "minimize"] // accuracy up, latency down
 */
export type Direction = "minimize" | "maximize"

/**
 * A trial's life: `waiting` (proposed, not yet claimed by a worker), `running` (being evaluated),
 * then one of the finished states:
 *
 * - `complete`: objective values (one per direction) and optional constraint values; the trial is
 *   feasible when every constraint value is `<= 0`, infeasible otherwise.
 * - `infeasible`: the evaluator knows the design is not admissible; objective values and
 *   constraint values are given when known (they still teach the models).
 * - `failed`: the evaluation broke (a crash, a timeout); nothing is known but that.
 *
 * @example
 * const finished: readonly TrialState[] = ["complete", "failed", "infeasible"]
 */
export type TrialState = "waiting" | "running" | "complete" | "infeasible" | "failed"

/**
 * The states a trial ends in.
 *
 * @example
 * const state: FinishedState = "infeasible"
 */
export type FinishedState = "complete" | "infeasible" | "failed"

/**
 * The states a trial ends in, as a list.
 *
 * @example
 * finishedStates.includes("failed") // true
 */
export const finishedStates: readonly FinishedState[] = ["complete", "failed", "infeasible"]

/**
 * A metric an evaluator reported: numbers mostly; strings, booleans and null are kept as given.
 *
 * @example
 * const metrics: Readonly<Record<string, MetricValue>> = { accuracy: 93.1, network: "nb201" }
 */
export type MetricValue = number | string | boolean | null

/**
 * A configuration to evaluate, with the name of what proposed it (the optimizer, or the member of
 * an ensemble): what `ask` returns and what a study store adds as a waiting trial.
 *
 * @example
 * const [proposal] = optimizer.ask(1) // { params: { pe_x: 16, dataflow: "ws" }, origin: "evolution" }
 */
export interface TrialProposal {
  readonly params: Configuration
  readonly origin: string
}

/**
 * How a trial ended: its finished state, objective values (one per direction), constraint values
 * (a constraint holds when its value is `<= 0`, see `constraintValue`), the metrics the evaluator
 * reported and, for failed and infeasible trials, why. What the engine makes of an evaluation and
 * a store records; `complete`, `infeasible` and `failed` build one.
 *
 * @example
 * const result: TrialResult = { state: "complete", values: [93.4], constraints: [latency - 1.1164] }
 */
export interface TrialResult {
  readonly state: FinishedState
  readonly values?: readonly number[] | undefined
  readonly constraints?: readonly number[] | undefined
  readonly metrics?: Readonly<Record<string, MetricValue>> | undefined
  readonly error?: string | undefined
}

/**
 * A trial: a numbered proposal, its state and, once finished, its result. The one form a trial
 * has from optimizer to store and back (Optuna's `FrozenTrial`): `tell` takes trials (reading
 * their state, values, constraints, params and origin), a study store returns them with its
 * bookkeeping (the optional fields after `error`), and the CLI prints them.
 *
 * @example
 * optimizer.tell([{ number: 0, params: { x: 1 }, origin: "hand", state: "complete", values: [0.42] }])
 */
export interface Trial extends TrialProposal {
  /** 0, 1, 2, ... in the order the optimizer asked. */
  readonly number: number
  readonly state: TrialState
  readonly values?: readonly number[] | undefined
  readonly constraints?: readonly number[] | undefined
  readonly metrics?: Readonly<Record<string, MetricValue>> | undefined
  readonly error?: string | undefined
  /** The store's id of the trial's study. */
  readonly studyId?: number | undefined
  /** Who runs (or last ran) the trial. */
  readonly worker?: string | undefined
  /** Milliseconds since the epoch, as are `startedAt` and `finishedAt`. */
  readonly heartbeatAt?: number | undefined
  readonly startedAt?: number | undefined
  readonly finishedAt?: number | undefined
  /** How many times the trial was claimed (more than 1 after a re-run). */
  readonly attempts?: number | undefined
}

/**
 * A complete result.
 *
 * @example
 * complete([93.1], [0.2]) // { state: "complete", values: [93.1], constraints: [0.2] }: infeasible by its constraint
 */
export const complete = (values: readonly number[], constraints?: readonly number[]): TrialResult =>
  constraints === undefined ? { state: "complete", values } : { state: "complete", values, constraints }

/**
 * An infeasible result, with the objective and constraint values when they are known.
 *
 * @example
 * infeasible() // the evaluator could not place the design at all
 * infeasible({ values: [91.2], constraints: [0.4] })
 */
export const infeasible = (known: { readonly values?: readonly number[]; readonly constraints?: readonly number[] } = {}): TrialResult => ({
  state: "infeasible",
  ...(known.values === undefined ? {} : { values: known.values }),
  ...(known.constraints === undefined ? {} : { constraints: known.constraints }),
})

/**
 * A failed result, with why when known.
 *
 * @example
 * failed("simulator timed out") // { state: "failed", error: "simulator timed out" }
 */
export const failed = (error?: string): TrialResult => (error === undefined ? { state: "failed" } : { state: "failed", error })

/**
 * The finished trial numbered `number`: a proposal and how its evaluation ended, ready to `tell`.
 *
 * @example
 * const proposals = optimizer.ask(2)
 * const first = optimizer.history.length
 * optimizer.tell(proposals.map((proposal, k) => finishedTrial(first + k, proposal, complete([cost(proposal.params)]))))
 */
export const finishedTrial = (number: number, proposal: TrialProposal, result: TrialResult): Trial => ({
  number,
  params: proposal.params,
  origin: proposal.origin,
  ...result,
})
