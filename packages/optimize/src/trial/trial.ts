import type { Configuration } from "@cosearch/space"

/**
 * Whether an objective is to be made small or large.
 *
 * @example
 * const directions: readonly Direction[] = ["maximize", "minimize"] // accuracy up, latency down
 */
export type Direction = "minimize" | "maximize"

/**
 * What an evaluation reported. Constraint values follow one convention: a constraint holds when
 * its value is `<= 0` (for example `latency - budget`).
 *
 * - `complete`: objective values (one per direction) and optional constraint values; the trial is
 *   feasible when every constraint value is `<= 0`, infeasible otherwise.
 * - `infeasible`: the evaluator knows the design is not admissible; objective values and
 *   constraint values are given when known (they still teach the models).
 * - `failed`: the evaluation broke (a crash, a timeout); nothing is known but that.
 *
 * @example
 * const outcome: Outcome = { state: "complete", values: [93.4], constraints: [latency - 1.1164] }
 */
export type Outcome =
  | { readonly state: "complete"; readonly values: readonly number[]; readonly constraints?: readonly number[] }
  | { readonly state: "infeasible"; readonly values?: readonly number[]; readonly constraints?: readonly number[] }
  | { readonly state: "failed"; readonly reason?: string }

/**
 * A configuration an optimizer asks to evaluate, with the name of what proposed it (the
 * optimizer, or the member of an ensemble).
 *
 * @example
 * const [suggestion] = optimizer.ask(1)
 * evaluate(suggestion.configuration)
 */
export interface Suggestion {
  readonly configuration: Configuration
  readonly origin: string
}

/**
 * An evaluated configuration: what `tell` takes and what the history holds. `origin` carries the
 * suggestion's origin back (an ensemble credits its members by it); trials that no optimizer
 * proposed may leave it out.
 *
 * @example
 * optimizer.tell([{ ...suggestion, outcome: { state: "complete", values: [0.42] } }])
 */
export interface Trial {
  readonly configuration: Configuration
  readonly outcome: Outcome
  readonly origin?: string
}

/**
 * A complete outcome.
 *
 * @example
 * complete([93.1], [0.2]) // { state: "complete", values: [93.1], constraints: [0.2] }: infeasible by its constraint
 */
export const complete = (values: readonly number[], constraints?: readonly number[]): Outcome =>
  constraints === undefined ? { state: "complete", values } : { state: "complete", values, constraints }

/**
 * An infeasible outcome, with the objective and constraint values when they are known.
 *
 * @example
 * infeasible() // the evaluator could not place the design at all
 * infeasible({ values: [91.2], constraints: [0.4] })
 */
export const infeasible = (known: { readonly values?: readonly number[]; readonly constraints?: readonly number[] } = {}): Outcome => ({
  state: "infeasible",
  ...(known.values === undefined ? {} : { values: known.values }),
  ...(known.constraints === undefined ? {} : { constraints: known.constraints }),
})

/**
 * A failed outcome.
 *
 * @example
 * failed("simulator timed out")
 */
export const failed = (reason?: string): Outcome => (reason === undefined ? { state: "failed" } : { state: "failed", reason })
