import { nonEmptyString, optionalField } from "@cosearch/space"
import { Schema } from "effect"

/**
 * The form of the `module` evaluator's settings in an experiment file (see `ModuleSettings`).
 *
 * @example
 * Schema.decodeUnknownSync(ModuleSettingsSchema)({ kind: "module", module: "./score.mjs", export: "score", options: { scale: 2 } })
 */
export const ModuleSettingsSchema = Schema.Struct({
  kind: Schema.Literal("module"),
  module: nonEmptyString,
  export: optionalField(nonEmptyString),
  options: optionalField(Schema.Unknown),
})

/**
 * Settings of the `module` evaluator: a JavaScript module (or TypeScript, when the engine runs
 * under tsx), the name of the function it exports (default `default`) and options passed to it.
 *
 * @example
 * const settings: ModuleSettings = { kind: "module", module: "./score.mjs", export: "score", options: { scale: 2 } }
 */
export type ModuleSettings = Schema.Schema.Type<typeof ModuleSettingsSchema>
