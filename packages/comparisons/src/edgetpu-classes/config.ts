import { edgeTpuPresetNames } from "@cosearch/accelerator"
import type { JsonIssue } from "@cosearch/space"
import type { Either } from "effect"
import { Schema } from "effect"
import { decodeConfig, oneOf, PositiveInt, PositiveNumber } from "../kit/schema-rules.js"

/** The neural spaces a classes study samples. */
export const classStudySpaces = ["nb201", "fbnet", "edgetpu-net"] as const

const NetworkSample = Schema.Struct({
  space: oneOf(classStudySpaces),
  count: PositiveInt,
  /** Input resolutions drawn uniformly per network (ImageNet spaces; NB201 keeps 32). */
  resolutions: Schema.optionalWith(Schema.NonEmptyArray(PositiveInt), { exact: true }),
  /** Width multipliers drawn uniformly per network (ImageNet spaces). */
  widths: Schema.optionalWith(Schema.NonEmptyArray(PositiveNumber), { exact: true }),
})

const ClassStudyConfigSchema = Schema.Struct({
  name: Schema.String,
  seed: Schema.Union(Schema.String, Schema.Number),
  accelerators: Schema.NonEmptyArray(oneOf(edgeTpuPresetNames)),
  areaBudgetMm2: Schema.optionalWith(PositiveNumber, { exact: true }),
  networks: Schema.NonEmptyArray(NetworkSample),
})

/**
 * A classes study: random networks from neural spaces, each evaluated on every listed Edge TPU
 * preset. `seed` fixes every draw.
 *
 * @example
 * const config: ClassStudyConfig = { name: "x", seed: 1, accelerators: ["edgetpu-v1"], networks: [{ space: "nb201", count: 10 }] }
 */
export type ClassStudyConfig = Schema.Schema.Type<typeof ClassStudyConfigSchema>

/**
 * Decodes a classes-study config, or lists every problem with its JSON path
 * (`networks[1].count: expected a positive integer, got -3`).
 *
 * @example
 * const decoded = decodeClassStudyConfig(JSON.parse(text))
 */
export const decodeClassStudyConfig = (input: unknown): Either.Either<ClassStudyConfig, JsonIssue[]> =>
  decodeConfig(ClassStudyConfigSchema, input)
