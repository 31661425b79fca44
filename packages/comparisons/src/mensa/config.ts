import type { JsonIssue } from "@cosearch/space"
import { type Either, Schema } from "effect"
import { decodeConfig, Objective, SystemName, ZooSpec } from "../kit/schema-rules.js"

const MensaStudyConfigSchema = Schema.Struct({
  study: Schema.Literal("mensa"),
  name: Schema.String,
  /** What every system's scheduler minimises. */
  objective: Objective,
  /** The heterogeneous system under study (default in the experiment: mensa). */
  system: SystemName,
  /** The systems it is compared with (a monolithic Edge TPU, an Eyeriss-like design). */
  baselines: Schema.NonEmptyArray(SystemName),
  /** Zoo network specs. */
  networks: Schema.NonEmptyArray(ZooSpec),
})

/**
 * A Mensa study: every network scheduled on the system and on each baseline; energy efficiency
 * (inferences per joule) and pipelined throughput ratios per network and their geometric means.
 *
 * @example
 * const config: MensaStudyConfig = { study: "mensa", name: "m", objective: "edp", system: "mensa", baselines: ["mensa-edgetpu"], networks: ["mobilenet_v2"] }
 */
export type MensaStudyConfig = Schema.Schema.Type<typeof MensaStudyConfigSchema>

/**
 * Decodes a Mensa study config, or lists every problem with its JSON path.
 *
 * @example
 * const decoded = decodeMensaStudyConfig(JSON.parse(text))
 */
export const decodeMensaStudyConfig = (input: unknown): Either.Either<MensaStudyConfig, JsonIssue[]> =>
  decodeConfig(MensaStudyConfigSchema, input)
