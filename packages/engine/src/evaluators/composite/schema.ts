import { nonEmptyListOf } from "@cosearch/space"
import { Schema } from "effect"
import type { EvaluatorConfig } from "../registry.js"

/**
 * Settings of the `composite` evaluator: the evaluators whose metrics it merges.
 *
 * @example
 * const settings: CompositeSettings = { kind: "composite", evaluators: [{ kind: "nb201-table" }, { kind: "area" }] }
 */
export interface CompositeSettings {
  readonly kind: "composite"
  readonly evaluators: readonly EvaluatorConfig[]
}

/**
 * The form of the `composite` evaluator's settings, given the schema of any evaluator (`part`,
 * asked for only when decoding, since it includes this one).
 *
 * @example
 * const CompositeSettingsSchema = compositeSettingsSchema(() => EvaluatorSchema)
 */
export const compositeSettingsSchema = (part: () => Schema.Schema<EvaluatorConfig>): Schema.Schema<CompositeSettings> =>
  Schema.Struct({
    kind: Schema.Literal("composite"),
    evaluators: nonEmptyListOf(Schema.suspend(part), "a non-empty list of evaluators"),
  })
