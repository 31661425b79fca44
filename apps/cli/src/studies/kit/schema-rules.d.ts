import { type JsonIssue } from "@cosearch/space"
import { Either, type ParseResult, Schema } from "effect"
/** A message naming what was expected and the value found: `expected a positive integer, got -3`. */
export declare const expecting: (expected: string) => {
  message: (issue: ParseResult.ParseIssue) => string
}
/** A positive integer, with a message naming the value. */
export declare const PositiveInt: Schema.refine<number, Schema.filter<typeof Schema.Number>>
/** A positive number, with a message naming the value. */
export declare const PositiveNumber: Schema.refine<number, typeof Schema.Number>
/** One of a fixed list of strings, with a message listing them. */
export declare const oneOf: <T extends string>(values: readonly T[]) => Schema.refine<T, Schema.Schema<string, string, never>>
/** A zoo network spec that builds (`mobilenet_v2`, `ffnn:256-64-10`), with the zoo's reason when it does not. */
export declare const ZooSpec: Schema.filter<typeof Schema.String>
/** A system name `systemPreset` knows: a built-in system or a clocked accelerator preset. */
export declare const SystemName: Schema.refine<string, typeof Schema.String>
/** What a study schedules for: latency, energy or EDP. */
export declare const Objective: Schema.refine<"latency" | "energy" | "edp", Schema.Schema<string, string, never>>
/**
 * Decodes a config with a schema, excess properties refused, or lists every problem with its JSON
 * path (`networks[1].count: expected a positive integer, got -3`).
 *
 * @example
 * const decoded = decodeConfig(MySchema, JSON.parse(text))
 */
export declare const decodeConfig: <A, I>(schema: Schema.Schema<A, I>, input: unknown) => Either.Either<A, JsonIssue[]>
//# sourceMappingURL=schema-rules.d.ts.map
