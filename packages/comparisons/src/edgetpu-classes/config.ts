import { edgeTpuPresetNames } from "@cosearch/accelerator"
import type { JsonIssue } from "@cosearch/space"
import type { Either } from "effect"
import { Schema } from "effect"
import { decodeConfig, oneOf, PositiveInt, PositiveNumber } from "../kit/schema-rules.js"

/**
 * The neural spaces a classes comparison samples.
 *
 * @example
 * classComparisonSpaces.includes("fbnet") // true
 */
export const classComparisonSpaces = ["nb201", "fbnet", "edgetpu-net"] as const

const NetworkSample = Schema.Struct({
  space: oneOf(classComparisonSpaces),
  count: PositiveInt,
  /** Input resolutions drawn uniformly per network (ImageNet spaces; NB201 keeps 32). */
  resolutions: Schema.optionalWith(Schema.NonEmptyArray(PositiveInt), { exact: true }),
  /** Width multipliers drawn uniformly per network (ImageNet spaces). */
  widths: Schema.optionalWith(Schema.NonEmptyArray(PositiveNumber), { exact: true }),
})

const ClassComparisonConfigSchema = Schema.Struct({
  name: Schema.String,
  seed: Schema.Union(Schema.String, Schema.Number),
  accelerators: Schema.NonEmptyArray(oneOf(edgeTpuPresetNames)),
  areaBudgetMm2: Schema.optionalWith(PositiveNumber, { exact: true }),
  networks: Schema.NonEmptyArray(NetworkSample),
})

/**
 * A classes comparison: random networks from neural spaces, each evaluated on every listed Edge TPU
 * preset. `seed` fixes every draw.
 *
 * @example
 * const config: ClassComparisonConfig = { name: "x", seed: 1, accelerators: ["edgetpu-v1"], networks: [{ space: "nb201", count: 10 }] }
 */
export type ClassComparisonConfig = Schema.Schema.Type<typeof ClassComparisonConfigSchema>

/**
 * Decodes a classes-comparison config (without its kind field), or lists every problem with its JSON path
 * (`networks[1].count: expected a positive integer, got -3`).
 *
 * @example
 * const decoded = decodeClassComparisonConfig(JSON.parse(text))
 */
export const decodeClassComparisonConfig = (input: unknown): Either.Either<ClassComparisonConfig, JsonIssue[]> =>
  decodeConfig(ClassComparisonConfigSchema, input)
