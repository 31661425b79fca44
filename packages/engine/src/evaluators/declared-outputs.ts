import { nonEmptyListOf, nonEmptyString, optionalField } from "@cosearch/space"
import { Schema } from "effect"
import type { EvaluatorEntry } from "./evaluator.js"

/**
 * The optional `outputs` field of the evaluators whose metrics are the user's (`command`,
 * `module`): the metric names the program or function gives, e.g. `["accuracy", "latencyMs"]`.
 *
 * @example
 * Schema.decodeUnknownSync(Schema.Struct({ outputs: OutputsField }))({ outputs: ["accuracy"] })
 */
export const OutputsField = optionalField(nonEmptyListOf(nonEmptyString, "a non-empty list of metric names"))

/**
 * An evaluator entry whose settings also take `outputs` (see `OutputsField`): when given, the
 * study's objectives and constraints are checked against it; when left out, they are not checked.
 *
 * @example
 * const entry = withDeclaredOutputs(commandEntry) // decodes { "kind": "command", "command": [...], "outputs": ["score"] }
 */
export const withDeclaredOutputs = <Settings extends { readonly kind: string }>(
  entry: EvaluatorEntry<Settings>,
): EvaluatorEntry<Settings & { readonly outputs?: readonly string[] }> => ({
  kind: entry.kind,
  schema: Schema.extend(entry.schema, Schema.Struct({ outputs: OutputsField })) as unknown as Schema.Schema<
    Settings & { readonly outputs?: readonly string[] }
  >,
  evaluator: { ...entry.evaluator, outputs: (settings) => settings.outputs },
})
