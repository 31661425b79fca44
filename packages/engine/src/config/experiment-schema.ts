import { optimizerNames, optimizerSettingFields } from "@cosearch/optimize"
import {
  expected,
  finiteNumber as finite,
  listOf as list,
  nonEmptyListOf as nonEmptyList,
  optionalField as optional,
  positiveNumber as positive,
  positiveInteger,
  SpaceJsonSchema,
  nonEmptyString as text,
  wholeNumber,
} from "@cosearch/space"
import { modelKinds } from "@cosearch/surrogate"
import { Schema } from "effect"

const Nb201TableEvaluator = Schema.Struct({
  kind: Schema.Literal("nb201-table"),
  table: optional(text),
  accuracyColumn: optional(text),
})

const CostEvaluator = Schema.Struct({
  kind: Schema.Literal("cost"),
  network: optional(text),
  accelerator: optional(text),
  dataflow: optional(text),
  objective: optional(Schema.Literal("latency", "energy", "edp").annotations(expected('"latency", "energy" or "edp"'))),
})

const AreaEvaluator = Schema.Struct({ kind: Schema.Literal("area") })
const SystemEvaluator = Schema.Struct({
  kind: Schema.Literal("system"),
  networks: nonEmptyList(text, "a non-empty list of zoo network specs (the workload mix)"),
  objective: optional(Schema.Literal("latency", "energy", "edp").annotations(expected('"latency", "energy" or "edp"'))),
  aggregate: optional(Schema.Literal("geomean", "sum").annotations(expected('"geomean" or "sum"'))),
})

const CommandEvaluator = Schema.Struct({
  kind: Schema.Literal("command"),
  command: nonEmptyList(text, "a non-empty list of strings (the program and its arguments)"),
  timeoutSeconds: optional(positive),
  cwd: optional(text),
})

const modelFiles = Schema.Union(text, nonEmptyList(text, "a non-empty list of model files")).annotations(
  expected("a model file or a non-empty list of model files", false),
)

const SurrogateEvaluator = Schema.Struct({
  kind: Schema.Literal("surrogate"),
  model: modelFiles,
})

const ModuleEvaluator = Schema.Struct({
  kind: Schema.Literal("module"),
  module: text,
  export: optional(text),
  options: optional(Schema.Unknown),
})

/**
 * The evaluator section of an experiment, told apart by `kind`: `nb201-table`, `cost`, `area`,
 * `system` (a heterogeneous system over a workload mix), `command`, `module`, `surrogate` (trained
 * models) or `composite` (metrics of several evaluators merged).
 *
 * @example
 * const evaluator: EvaluatorConfig = { kind: "composite", evaluators: [{ kind: "nb201-table" }, { kind: "cost", accelerator: "eyeriss-v1-like" }] }
 */
export type EvaluatorConfig =
  | Schema.Schema.Type<typeof Nb201TableEvaluator>
  | Schema.Schema.Type<typeof CostEvaluator>
  | Schema.Schema.Type<typeof AreaEvaluator>
  | Schema.Schema.Type<typeof SystemEvaluator>
  | Schema.Schema.Type<typeof CommandEvaluator>
  | Schema.Schema.Type<typeof ModuleEvaluator>
  | Schema.Schema.Type<typeof SurrogateEvaluator>
  | { readonly kind: "composite"; readonly evaluators: readonly EvaluatorConfig[] }

const evaluatorKinds = '"nb201-table", "cost", "area", "system", "command", "module", "surrogate" or "composite"'

const CompositeEvaluator: Schema.Schema<
  { readonly kind: "composite"; readonly evaluators: readonly EvaluatorConfig[] },
  { readonly kind: "composite"; readonly evaluators: readonly EvaluatorConfig[] }
> = Schema.Struct({
  kind: Schema.Literal("composite"),
  evaluators: nonEmptyList(
    Schema.suspend((): Schema.Schema<EvaluatorConfig, EvaluatorConfig> => EvaluatorSchema),
    "a non-empty list of evaluators",
  ),
})

const EvaluatorSchema: Schema.Schema<EvaluatorConfig, EvaluatorConfig> = Schema.Union(
  Nb201TableEvaluator,
  CostEvaluator,
  AreaEvaluator,
  SystemEvaluator,
  CommandEvaluator,
  ModuleEvaluator,
  SurrogateEvaluator,
  CompositeEvaluator,
).annotations(expected(`an evaluator object whose kind is ${evaluatorKinds}`, false))

const Objective = Schema.Struct({
  metric: text,
  direction: Schema.Literal("minimize", "maximize").annotations(expected('"minimize" or "maximize"')),
})

const Constraint = Schema.Struct({ metric: text, max: optional(finite), min: optional(finite) })

const Screen = Schema.Struct({
  /** "online", or model files predicting objectives and constraints by metric name. */
  model: Schema.Union(Schema.Literal("online"), modelFiles).annotations(expected('"online", a model file or a list of model files', false)),
  candidates: optional(positiveInteger),
  learner: optional(Schema.Literal(...modelKinds).annotations(expected(modelKinds.map((kind) => `"${kind}"`).join(", ")))),
  minTrials: optional(positiveInteger),
  refine: optional(wholeNumber),
  random: optional(wholeNumber),
  /** A cheap evaluator whose metrics are used exactly, not predicted (e.g. { "kind": "area" }). */
  exact: optional(Schema.suspend((): Schema.Schema<EvaluatorConfig, EvaluatorConfig> => EvaluatorSchema)),
})

/** Each field of `fields` made optional. */
const optionalFields = <Fields extends Readonly<Record<string, Schema.Schema.AnyNoContext>>>(fields: Fields) =>
  Object.fromEntries(Object.entries(fields).map(([name, schema]) => [name, optional(schema)])) as {
    readonly [Name in keyof Fields]: Schema.optionalWith<Fields[Name], { exact: true }>
  }

const Optimizer = Schema.Struct({
  name: Schema.Literal(...optimizerNames).annotations(expected(optimizerNames.map((name) => `"${name}"`).join(", "))),
  batch: optional(positiveInteger),
  ...optionalFields(optimizerSettingFields),
  /**
   * An earlier study of the same database and space to start from (transfer); `screen`: mutants
   * the earlier trials' models screen per child of a warm-started evolution (default 16, 1: off).
   */
  warmStart: optional(Schema.Struct({ study: text, screen: optional(positiveInteger) })),
  /** Surrogate screening: propose `candidates` per trial, evaluate the best by the model. */
  screen: optional(Screen),
})

const Budget = Schema.Struct({ trials: positiveInteger, wallTimeSeconds: optional(positive), target: optional(finite) })

const Execution = Schema.Struct({ timeoutSeconds: optional(positive), retries: optional(wholeNumber) })

/**
 * The form of an experiment file. Checks across fields (the space exists, the optimizer's
 * settings apply to it, the evaluator can read the space, ...) come after, in `decodeExperiment`.
 *
 * @example
 * Schema.decodeUnknownEither(ExperimentSchema)(JSON.parse(text), { errors: "all", onExcessProperty: "error" })
 */
export const ExperimentSchema = Schema.Struct({
  name: text,
  description: optional(Schema.String.annotations(expected("a string"))),
  space: Schema.Union(text, SpaceJsonSchema).annotations(expected("a built-in space name or a space object", false)),
  evaluator: EvaluatorSchema,
  objectives: nonEmptyList(Objective, "a non-empty list of objectives"),
  constraints: optional(list(Constraint, "a list of constraints")),
  optimizer: Optimizer,
  budget: Budget,
  seed: optional(Schema.Union(Schema.Number.pipe(Schema.int()), Schema.String).annotations(expected("an integer or a string"))),
  execution: optional(Execution),
}).annotations({ identifier: "Experiment" })

/**
 * An experiment file as decoded by its schema.
 *
 * @example
 * const config: ExperimentConfig = { name: "toy", space: "nb201", evaluator: { kind: "nb201-table" },
 *   objectives: [{ metric: "accuracy", direction: "maximize" }], optimizer: { name: "random" }, budget: { trials: 50 } }
 */
export type ExperimentConfig = Schema.Schema.Type<typeof ExperimentSchema>
