import type { JsonIssue } from "@cosearch/space"
import { type Either, Schema } from "effect"
import { decodeConfig, Objective, SystemName, ZooSpec } from "../kit/schema-rules.js"

const TpuImacStudyConfigSchema = Schema.Struct({
  study: Schema.Literal("tpu-imac"),
  name: Schema.String,
  objective: Objective,
  /** A system of one digital unit and IMAC units (the experiment: tpu-imac); the baseline is its first non-IMAC unit alone. */
  system: SystemName,
  /** Zoo network specs: CNNs with heavy FC heads, FFNNs. */
  networks: Schema.NonEmptyArray(ZooSpec),
})

/**
 * A TPU-IMAC study: every network on the digital unit alone and on the system with IMAC; speedup
 * and the digital unit's on-chip weight memory saved.
 *
 * @example
 * const config: TpuImacStudyConfig = { study: "tpu-imac", name: "t", objective: "latency", system: "tpu-imac", networks: ["vgg16"] }
 */
export type TpuImacStudyConfig = Schema.Schema.Type<typeof TpuImacStudyConfigSchema>

/**
 * Decodes a TPU-IMAC study config, or lists every problem with its JSON path.
 *
 * @example
 * const decoded = decodeTpuImacStudyConfig(JSON.parse(text))
 */
export const decodeTpuImacStudyConfig = (input: unknown): Either.Either<TpuImacStudyConfig, JsonIssue[]> =>
  decodeConfig(TpuImacStudyConfigSchema, input)
