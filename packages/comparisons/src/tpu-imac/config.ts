import type { JsonIssue } from "@cosearch/space"
import { type Either, Schema } from "effect"
import { decodeConfig, Objective, SystemName, ZooSpec } from "../kit/schema-rules.js"

const TpuImacComparisonConfigSchema = Schema.Struct({
  name: Schema.String,
  objective: Objective,
  /** A system of one digital unit and IMAC units (the experiment: tpu-imac); the baseline is its first non-IMAC unit alone. */
  system: SystemName,
  /** Zoo network specs: CNNs with heavy FC heads, FFNNs. */
  networks: Schema.NonEmptyArray(ZooSpec),
})

/**
 * A TPU-IMAC comparison: every network on the digital unit alone and on the system with IMAC; speedup
 * and the digital unit's on-chip weight memory saved.
 *
 * @example
 * const config: TpuImacComparisonConfig = { name: "t", objective: "latency", system: "tpu-imac", networks: ["vgg16"] }
 */
export type TpuImacComparisonConfig = Schema.Schema.Type<typeof TpuImacComparisonConfigSchema>

/**
 * Decodes a TPU-IMAC comparison config (without its kind field), or lists every problem with its JSON path.
 *
 * @example
 * const decoded = decodeTpuImacComparisonConfig({ name: "t", objective: "latency", system: "tpu-imac", networks: ["vgg16"] })
 */
export const decodeTpuImacComparisonConfig = (input: unknown): Either.Either<TpuImacComparisonConfig, JsonIssue[]> =>
  decodeConfig(TpuImacComparisonConfigSchema, input)
