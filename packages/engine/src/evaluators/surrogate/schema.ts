import { expected, nonEmptyListOf, nonEmptyString } from "@cosearch/space"
import { Schema } from "effect"

/**
 * One model file, or a non-empty list of them (relative paths are read from the experiment file's folder).
 *
 * @example
 * Schema.decodeUnknownSync(ModelFilesSchema)(["latency.json", "area.json"])
 */
export const ModelFilesSchema = Schema.Union(nonEmptyString, nonEmptyListOf(nonEmptyString, "a non-empty list of model files")).annotations(
  expected("a model file or a non-empty list of model files", false),
)

/**
 * The form of the `surrogate` evaluator's settings in an experiment file (see `SurrogateSettings`).
 *
 * @example
 * Schema.decodeUnknownSync(SurrogateSettingsSchema)({ kind: "surrogate", model: ["models/latency.json", "models/area.json"] })
 */
export const SurrogateSettingsSchema = Schema.Struct({
  kind: Schema.Literal("surrogate"),
  model: ModelFilesSchema,
})

/**
 * Settings of the `surrogate` evaluator: one model file, or several (one per metric); relative
 * paths are read from the experiment file's folder.
 *
 * @example
 * const settings: SurrogateSettings = { kind: "surrogate", model: ["models/latency.json", "models/area.json"] }
 */
export type SurrogateSettings = Schema.Schema.Type<typeof SurrogateSettingsSchema>
