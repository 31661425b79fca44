import { cpuPresetNames, edgeTpuPresetNames } from "@cosearch/accelerator"
import type { JsonIssue } from "@cosearch/space"
import { type Either, Schema } from "effect"
import { decodeConfig, oneOf, PositiveInt } from "../kit/schema-rules.js"

const FfnnPlatformStudyConfigSchema = Schema.Struct({
  study: Schema.Literal("ffnn-edgetpu-vs-a53"),
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
 * The FFNN platform study: classifiers of every width x depth on an Edge TPU preset (whole
 * network, with its per-inference overhead and I/O) and a CPU preset.
 *
 * @example
 * const config: FfnnPlatformStudyConfig = { study: "ffnn-edgetpu-vs-a53", name: "f", input: { features: 4040, description: "40x101" }, classes: 12, widths: [64], depths: [2], edgetpu: "coral", cpu: "cortex-a53" }
 */
export type FfnnPlatformStudyConfig = Schema.Schema.Type<typeof FfnnPlatformStudyConfigSchema>

/**
 * Decodes an FFNN platform study config, or lists every problem with its JSON path.
 *
 * @example
 * const decoded = decodeFfnnPlatformStudyConfig(JSON.parse(text))
 */
export const decodeFfnnPlatformStudyConfig = (input: unknown): Either.Either<FfnnPlatformStudyConfig, JsonIssue[]> =>
  decodeConfig(FfnnPlatformStudyConfigSchema, input)
