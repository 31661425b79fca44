import type { MetricValue, Trial } from "@cosearch/optimize"
import type { Configuration, Space } from "@cosearch/space"
import type { Schema } from "effect"
import type { ConfigIssue } from "../issues/config-issue.js"
import type { NamedSpace } from "../spaces/named-space.js"

/**
 * The evaluator protocol: what an evaluator is asked to evaluate, a boundary format that stays as
 * it is whatever the engine's own types do. A `command` evaluator reads it as one JSON object on
 * stdin (`{"study": "nb201", "number": 7, "configuration": {"edge_1_0": "skip_connect", ...}}`), a
 * `module` evaluator's function receives it as its first argument, and every built-in evaluator is
 * a function of it. `study` is the study's name, `number` the trial's number (-1 for the probes
 * that screening sends), `configuration` the trial's parameters. `candidateOf` builds it from a
 * trial.
 *
 * @example
 * const candidate: Candidate = { study: "nb201", number: 7, configuration: { edge_1_0: "skip_connect" } }
 */
export interface Candidate {
  readonly study: string
  readonly number: number
  readonly configuration: Configuration
}

/**
 * The evaluator protocol's form of a trial of the study named `study` (see `Candidate`): the one
 * place a trial crosses to an evaluator.
 *
 * @example
 * const task = candidateOf(study.name, trial) // { study: "nb201", number: 7, configuration: trial.params }
 */
export const candidateOf = (study: string, trial: Pick<Trial, "number" | "params">): Candidate => ({
  study,
  number: trial.number,
  configuration: trial.params,
})

/**
 * What an evaluator reports: named metrics, and `infeasible` with a reason when the design is not
 * admissible (the metrics it has are kept). A failure is a thrown error, not a value.
 *
 * @example
 * const evaluation: Evaluation = { metrics: { accuracy: 93.1, coralLatencyMs: 1.02 } }
 */
export interface Evaluation {
  readonly metrics: Readonly<Record<string, MetricValue>>
  readonly infeasible?: string
}

/**
 * An evaluator: a plain function from a candidate to its evaluation, run in a pool worker.
 *
 * @example
 * const evaluate: Evaluate = ({ configuration }) => ({ metrics: { cost: Number(configuration.x) ** 2 } })
 */
export type Evaluate = (candidate: Candidate) => Evaluation | Promise<Evaluation>

/**
 * What an evaluator knows besides its settings: the study's space (with its built-in entry, whose
 * decoder turns a configuration into a network or accelerator knobs) and the directory that
 * relative paths in the experiment file are read from.
 *
 * @example
 * const context: EvaluatorContext = { space: nb201Space, entry: lookupSpaceEntry("nb201"), baseDirectory: "/work/experiments" }
 */
export interface EvaluatorContext {
  readonly space: Space
  readonly entry: NamedSpace | undefined
  readonly baseDirectory: string
}

/**
 * One kind of evaluator in the registry. `check` runs once in the main process before anything is
 * written, reporting problems with paths relative to the evaluator's section; `outputs` declares
 * the metrics it gives (checked against the objectives and constraints); `create` runs once in
 * every pool worker.
 *
 * @example
 * const constant: EvaluatorKind<{ kind: "constant" }> = { check: () => [], create: () => () => ({ metrics: { one: 1 } }) }
 */
export interface EvaluatorKind<Settings> {
  readonly check: (settings: Settings, context: EvaluatorContext) => readonly ConfigIssue[] | Promise<readonly ConfigIssue[]>
  readonly create: (settings: Settings, context: EvaluatorContext) => Evaluate | Promise<Evaluate>
  /**
   * The names of the metrics the evaluator gives, asked once `check` found no problem: a study's
   * objectives and constraints must name one of them. Undefined (or no `outputs`) when the metrics
   * are the user's to define and undeclared, and then the metrics are not checked.
   */
  readonly outputs?: (
    settings: Settings,
    context: EvaluatorContext,
  ) => readonly string[] | undefined | Promise<readonly string[] | undefined>
}

/**
 * One evaluator kind of the registry: the `kind` an experiment file names, the schema of its
 * settings and the evaluator. To add a kind: a folder in `src/evaluators/` with its schema and
 * evaluator, and its entry listed in `src/evaluators/registry.ts`.
 *
 * @example
 * const entry: EvaluatorEntry<AreaSettings> = { kind: "area", schema: AreaSettingsSchema, evaluator: areaEvaluator }
 */
export interface EvaluatorEntry<Settings extends { readonly kind: string }> {
  readonly kind: Settings["kind"]
  readonly schema: Schema.Schema<Settings>
  readonly evaluator: EvaluatorKind<Settings>
}

/**
 * Reads an evaluator's raw output (a command's JSON, a module's return value): an object with a
 * `metrics` object (and optional `infeasible` reason) is an `Evaluation`; any other object is the
 * metrics themselves, where an `infeasible` key (a string, or `true`) marks the design infeasible.
 *
 * @throws TypeError when the output is not an object or a metric is not a number, string, boolean or null.
 * @example
 * evaluationOf({ accuracy: 91, infeasible: "too large" }) // { metrics: { accuracy: 91 }, infeasible: "too large" }
 */
export const evaluationOf = (output: unknown): Evaluation => {
  if (typeof output !== "object" || output === null || Array.isArray(output)) {
    throw new TypeError(`an evaluator must give an object of metrics, got ${JSON.stringify(output) ?? String(output)}`)
  }
  const record = output as Record<string, unknown>
  const nested = typeof record.metrics === "object" && record.metrics !== null && !Array.isArray(record.metrics)
  const { infeasible, ...rest } = record
  const metrics = (nested ? record.metrics : rest) as Record<string, unknown>
  for (const [name, value] of Object.entries(metrics)) {
    if (value !== null && !["number", "string", "boolean"].includes(typeof value)) {
      throw new TypeError(`metric "${name}" must be a number, string, boolean or null, got ${JSON.stringify(value)}`)
    }
  }
  const reason = infeasible === true ? "reported infeasible" : typeof infeasible === "string" && infeasible !== "" ? infeasible : undefined
  return reason === undefined
    ? { metrics: metrics as Record<string, MetricValue> }
    : { metrics: metrics as Record<string, MetricValue>, infeasible: reason }
}
