import { Schema } from "effect"

/**
 * The form of the `area` evaluator's settings in an experiment file (see `AreaSettings`).
 *
 * @example
 * Schema.decodeUnknownSync(AreaSettingsSchema)({ kind: "area" })
 */
export const AreaSettingsSchema = Schema.Struct({ kind: Schema.Literal("area") })

/**
 * Settings of the `area` evaluator (none besides the kind).
 *
 * @example
 * const settings: AreaSettings = { kind: "area" }
 */
export type AreaSettings = Schema.Schema.Type<typeof AreaSettingsSchema>
