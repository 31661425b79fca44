import { expected, nonEmptyListOf, nonEmptyString, optionalField } from "@cosearch/space"
import { Schema } from "effect"
import { CostObjectiveSchema } from "../cost/schema.js"

/**
 * The form of the `system` evaluator's settings in an experiment file (see `SystemSettings`).
 *
 * @example
 * Schema.decodeUnknownSync(SystemSettingsSchema)({ kind: "system", networks: ["mobilenet_v2", "lstm_encoder"], objective: "energy" })
 */
export const SystemSettingsSchema = Schema.Struct({
  kind: Schema.Literal("system"),
  networks: nonEmptyListOf(nonEmptyString, "a non-empty list of zoo network specs (the workload mix)"),
  objective: optionalField(CostObjectiveSchema),
  aggregate: optionalField(Schema.Literal("geomean", "sum").annotations(expected('"geomean" or "sum"'))),
})

/**
 * Settings of the `system` evaluator: the workload mix (zoo specs), the objective each network's
 * schedule minimizes (default `edp`) and how the networks' figures combine (default `geomean`).
 *
 * @example
 * const settings: SystemSettings = { kind: "system", networks: ["mobilenet_v2", "lstm_encoder"], objective: "energy" }
 */
export type SystemSettings = Schema.Schema.Type<typeof SystemSettingsSchema>

/**
 * How the per-network figures of a workload mix combine into the aggregate metrics:
 * `geomean` (each of latency, energy and throughput, the geometric mean over the networks) or
 * `sum` (latency and energy of one inference of every network; throughput: rounds of the whole
 * mix per second, `1 / Σ 1/throughput`).
 *
 * @example
 * const aggregate: MixAggregate = "sum"
 */
export type MixAggregate = NonNullable<SystemSettings["aggregate"]>
