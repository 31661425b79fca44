import { optimizerNames, optimizerSettingFields } from "@cosearch/optimize"
import {
  expected,
  finiteNumber,
  listOf,
  nonEmptyListOf,
  nonEmptyString,
  optionalField,
  positiveInteger,
  positiveNumber,
  SpaceJsonSchema,
  wholeNumber,
} from "@cosearch/space"
import { Schema } from "effect"
import { EvaluatorSchema } from "../evaluators/registry.js"
import { ScreenSchema } from "../screen/schema.js"
import { StudyNameSchema } from "./study-name.js"

const Objective = Schema.Struct({
  metric: nonEmptyString,
  direction: Schema.Literal("minimize", "maximize").annotations(expected('"minimize" or "maximize"')),
})

const Constraint = Schema.Struct({ metric: nonEmptyString, max: optionalField(finiteNumber), min: optionalField(finiteNumber) })

/** Each field of `fields` made optional. */
const optionalFields = <Fields extends Readonly<Record<string, Schema.Schema.AnyNoContext>>>(fields: Fields) =>
  Object.fromEntries(Object.entries(fields).map(([name, schema]) => [name, optionalField(schema)])) as {
    readonly [Name in keyof Fields]: Schema.optionalWith<Fields[Name], { exact: true }>
  }

/**
 * `schema` (a number schema annotated "expected <what>") also at most `max`: the bounds that keep
 * sizes and durations sane, e.g. a trial budget of 1e15 or a timeout of 1e300 s.
 */
const atMost = (schema: Schema.Schema<number>, max: number, what: string) =>
  schema.pipe(Schema.lessThanOrEqualTo(max)).annotations(expected(`${what} up to ${max}`, false))

/** The largest trial budget: a billion trials. */
const MAX_TRIALS = 1e9
/** The largest batch of suggestions planned at once. */
const MAX_BATCH = 65536
/** The longest wall time or timeout, in seconds: about 31 years. */
const MAX_SECONDS = 1e9
/** The most retries of one evaluation. */
const MAX_RETRIES = 1000

const Optimizer = Schema.Struct({
  name: Schema.Literal(...optimizerNames).annotations(expected(optimizerNames.map((name) => `"${name}"`).join(", "))),
  batch: optionalField(atMost(positiveInteger, MAX_BATCH, "a positive integer")),
  ...optionalFields(optimizerSettingFields),
  /**
   * An earlier study of the same database and space to start from (transfer); `screen`: mutants
   * the earlier trials' models screen per child of a warm-started evolution (default 16, 1: off).
   */
  warmStart: optionalField(Schema.Struct({ study: StudyNameSchema, screen: optionalField(positiveInteger) })),
  /** Surrogate screening: propose `candidates` per trial, evaluate the best by the model. */
  screen: optionalField(ScreenSchema),
})

const Budget = Schema.Struct({
  trials: atMost(positiveInteger, MAX_TRIALS, "a positive integer"),
  wallTimeSeconds: optionalField(atMost(positiveNumber, MAX_SECONDS, "a positive number")),
  target: optionalField(finiteNumber),
})

const Execution = Schema.Struct({
  timeoutSeconds: optionalField(atMost(positiveNumber, MAX_SECONDS, "a positive number")),
  retries: optionalField(atMost(wholeNumber, MAX_RETRIES, "a whole number")),
})

/**
 * The form of an experiment file. Checks across fields (the space exists, the optimizer's
 * settings apply to it, the evaluator can read the space, ...) come after, in `decodeExperiment`.
 *
 * @example
 * Schema.decodeUnknownEither(ExperimentSchema)(JSON.parse(text), { errors: "all", onExcessProperty: "error" })
 */
export const ExperimentSchema = Schema.Struct({
  name: StudyNameSchema,
  description: optionalField(Schema.String.annotations(expected("a string"))),
  space: Schema.Union(nonEmptyString, SpaceJsonSchema).annotations(expected("a built-in space name or a space object", false)),
  evaluator: EvaluatorSchema,
  objectives: nonEmptyListOf(Objective, "a non-empty list of objectives"),
  constraints: optionalField(listOf(Constraint, "a list of constraints")),
  optimizer: Optimizer,
  budget: Budget,
  seed: optionalField(Schema.Union(Schema.Number.pipe(Schema.int()), Schema.String).annotations(expected("an integer or a string"))),
  execution: optionalField(Execution),
}).annotations({ identifier: "Experiment" })

/**
 * An experiment file as decoded by its schema.
 *
 * @example
 * const config: ExperimentConfig = { name: "toy", space: "nb201", evaluator: { kind: "nb201-table" },
 *   objectives: [{ metric: "accuracy", direction: "maximize" }], optimizer: { name: "random" }, budget: { trials: 50 } }
 */
export type ExperimentConfig = Schema.Schema.Type<typeof ExperimentSchema>
