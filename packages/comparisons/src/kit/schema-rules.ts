import { acceleratorKinds } from "@cosearch/cost"
import { buildZooNetwork } from "@cosearch/network"
import { type JsonIssue, schemaIssues } from "@cosearch/space"
import { Either, type ParseResult, Schema } from "effect"

/** A message naming what was expected and the value found: `expected a positive integer, got -3`. */
export const expecting = (expected: string) => ({
  message: (issue: ParseResult.ParseIssue) => `expected ${expected}, got ${JSON.stringify(issue.actual) ?? "nothing"}`,
})

/** A positive integer, with a message naming the value. */
export const PositiveInt = Schema.Number.pipe(Schema.int(), Schema.positive()).annotations(expecting("a positive integer"))

/** A positive number, with a message naming the value. */
export const PositiveNumber = Schema.Number.pipe(Schema.positive()).annotations(expecting("a positive number"))

/** One of a fixed list of strings, with a message listing them. */
export const oneOf = <T extends string>(values: readonly T[]) =>
  Schema.String.pipe(Schema.filter((text): text is T => (values as readonly string[]).includes(text))).annotations(
    expecting(`one of ${values.join(", ")}`),
  )

/** A zoo network spec that builds (`mobilenet_v2`, `ffnn:256-64-10`), with the zoo's reason when it does not. */
export const ZooSpec = Schema.String.pipe(
  Schema.filter((spec) => {
    const built = buildZooNetwork(spec)
    return built.ok || built.message
  }),
)

/** A system name `acceleratorKinds.systemPreset` knows: a built-in system or a clocked accelerator preset. */
export const SystemName = Schema.String.pipe(Schema.filter((name) => acceleratorKinds.systemPreset(name) !== undefined)).annotations(
  expecting("a system (mensa, mensa-edgetpu, tpu-imac) or a clocked accelerator preset (an Edge TPU, eyeriss-v1-like, cortex-a53)"),
)

/** What a comparison schedules for: latency, energy or EDP. */
export const Objective = oneOf(["latency", "energy", "edp"] as const)

/**
 * Decodes a config with a schema, excess properties refused, or lists every problem with its JSON
 * path (`networks[1].count: expected a positive integer, got -3`).
 *
 * @example
 * const decoded = decodeConfig(MySchema, JSON.parse(text))
 */
export const decodeConfig = <A, I>(schema: Schema.Schema<A, I>, input: unknown): Either.Either<A, JsonIssue[]> => {
  const result = Schema.decodeUnknownEither(schema, { errors: "all", onExcessProperty: "error" })(input)
  return Either.isRight(result) ? Either.right(result.right) : Either.left(schemaIssues(result.left, input, {}))
}
