import { nonEmptyString, optionalField } from "@cosearch/space"
import { Schema } from "effect"

/**
 * The form of the `nb201-table` evaluator's settings in an experiment file (see `Nb201TableSettings`).
 *
 * @example
 * Schema.decodeUnknownSync(Nb201TableSettingsSchema)({ kind: "nb201-table", accuracyColumn: "acc_c100_test_200ep" })
 */
export const Nb201TableSettingsSchema = Schema.Struct({
  kind: Schema.Literal("nb201-table"),
  table: optionalField(nonEmptyString),
  accuracyColumn: optionalField(nonEmptyString),
})

/**
 * Settings of the `nb201-table` evaluator: the table (a NAS-Bench-201 CSV, gzipped or not;
 * default the copy in `@cosearch/network`'s data folder) and the accuracy column (default
 * `acc_c10_test_200ep`).
 *
 * @example
 * const settings: Nb201TableSettings = { kind: "nb201-table", accuracyColumn: "acc_c100_test_200ep" }
 */
export type Nb201TableSettings = Schema.Schema.Type<typeof Nb201TableSettingsSchema>
