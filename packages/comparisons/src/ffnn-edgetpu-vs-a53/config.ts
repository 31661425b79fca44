import { cpuPresetNames, edgeTpuPresetNames } from "@cosearch/accelerator"
import type { JsonIssue } from "@cosearch/space"
import { type Either, Schema } from "effect"
import { decodeConfig, oneOf, PositiveInt } from "../kit/schema-rules.js"

const FfnnPlatformComparisonConfigSchema = Schema.Struct({
  name: Schema.String,
  input: Schema.Struct({
    /** Input features of every classifier (a flattened spectrogram). */
    features: PositiveInt,
    /** What the input is and where its size comes from, quoted in the report. */
    description: Schema.String,
  }),
  classes: PositiveInt,
  /** Units per hidden layer. */
  widths: Schema.NonEmptyArray(PositiveInt),
  /** Hidden layers. */
  depths: Schema.NonEmptyArray(PositiveInt),
  edgetpu: oneOf(edgeTpuPresetNames),
  cpu: oneOf(cpuPresetNames),
})

/**
 * The FFNN platform comparison: classifiers of every width x depth on an Edge TPU preset (whole
 * network, with its per-inference overhead and I/O) and a CPU preset.
 *
 * @example
 * const config: FfnnPlatformComparisonConfig = { name: "f", input: { features: 4040, description: "40x101" }, classes: 12, widths: [64], depths: [2], edgetpu: "coral", cpu: "cortex-a53" }
 */
export type FfnnPlatformComparisonConfig = Schema.Schema.Type<typeof FfnnPlatformComparisonConfigSchema>

/**
 * Decodes an FFNN platform comparison config (without its kind field), or lists every problem with its JSON path.
 *
 * @example
 * const decoded = decodeFfnnPlatformComparisonConfig(JSON.parse(text))
 */
export const decodeFfnnPlatformComparisonConfig = (input: unknown): Either.Either<FfnnPlatformComparisonConfig, JsonIssue[]> =>
  decodeConfig(FfnnPlatformComparisonConfigSchema, input)
