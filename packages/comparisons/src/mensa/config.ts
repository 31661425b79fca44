import type { JsonIssue } from "@cosearch/space"
import { type Either, Schema } from "effect"
import { decodeConfig, Objective, SystemName, ZooSpec } from "../kit/schema-rules.js"

const MensaComparisonConfigSchema = Schema.Struct({
  name: Schema.String,
  /** What every system's scheduler minimizes. */
  objective: Objective,
  /** The heterogeneous system compared (mensa in the shipped config). */
  system: SystemName,
  /** The systems it is compared with (a monolithic Edge TPU, an Eyeriss-like design). */
  baselines: Schema.NonEmptyArray(SystemName),
  /** Zoo network specs. */
  networks: Schema.NonEmptyArray(ZooSpec),
  /**
   * Also rerun the study on `mensa` over `mensa-edgetpu` with parts of the energy model off
   * (`mensaAblationVariants`, docs/energy.md); needs that system and baseline.
   */
  energyAblation: Schema.optional(Schema.Boolean),
}).pipe(
  Schema.filter(
    (config) =>
      config.energyAblation !== true ||
      (config.system === "mensa" && config.baselines.includes("mensa-edgetpu")) || {
        path: ["energyAblation"],
        message: `energyAblation compares the mensa and mensa-edgetpu presets: needs system "mensa" (got ${JSON.stringify(config.system)}) and "mensa-edgetpu" among the baselines (got ${JSON.stringify(config.baselines)})`,
      },
  ),
)

/**
 * A Mensa comparison: every network scheduled on the system and on each baseline; energy efficiency
 * (inferences per joule) and pipelined throughput ratios per network and their geometric means.
 *
 * @example
 * const config: MensaComparisonConfig = { name: "m", objective: "edp", system: "mensa", baselines: ["mensa-edgetpu"], networks: ["mobilenet_v2"] }
 */
export type MensaComparisonConfig = Schema.Schema.Type<typeof MensaComparisonConfigSchema>

/**
 * Decodes a Mensa comparison config (without its kind field), or lists every problem with its JSON path.
 *
 * @example
 * const decoded = decodeMensaComparisonConfig({ name: "m", objective: "edp", system: "mensa", baselines: ["mensa-edgetpu"], networks: ["resnet18"] })
 */
export const decodeMensaComparisonConfig = (input: unknown): Either.Either<MensaComparisonConfig, JsonIssue[]> =>
  decodeConfig(MensaComparisonConfigSchema, input)
