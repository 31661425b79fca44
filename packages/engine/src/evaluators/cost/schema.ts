import { type MapperObjective, mapperObjectives } from "@cosearch/cost"
import { expected, nonEmptyString, optionalField, quotedChoices } from "@cosearch/space"
import { Schema } from "effect"

/**
 * What a cost-model evaluator minimizes, as an experiment names it: one of the mapper's objectives
 * (`latency`, `energy` or `edp`). The `cost` and `system` evaluators both take it.
 *
 * @example
 * Schema.decodeUnknownSync(CostObjectiveSchema)("edp") // "edp"
 */
export const CostObjectiveSchema: Schema.Schema<MapperObjective> = Schema.Literal(...mapperObjectives).annotations(
  expected(quotedChoices(mapperObjectives)),
)

/**
 * The form of the `cost` evaluator's settings in an experiment file (see `CostSettings`).
 *
 * @example
 * Schema.decodeUnknownSync(CostSettingsSchema)({ kind: "cost", accelerator: "eyeriss-v1-like" })
 */
export const CostSettingsSchema = Schema.Struct({
  kind: Schema.Literal("cost"),
  network: optionalField(nonEmptyString),
  inputDims: optionalField(
    Schema.Record({
      key: Schema.String,
      value: Schema.NonEmptyArray(Schema.Int.pipe(Schema.positive())).annotations(
        expected("a list of positive integers, e.g. [1, 3, 224, 224]"),
      ),
    }),
  ),
  accelerator: optionalField(nonEmptyString),
  dataflow: optionalField(nonEmptyString),
  objective: optionalField(CostObjectiveSchema),
})

/**
 * Settings of the `cost` evaluator. `network` (a zoo spec, or a network file — `.json`, `.csv`, `.m`, `.onnx` — relative to the experiment file; `inputDims` gives the dims an ONNX model leaves symbolic, by input name or `"*"`) and `accelerator` (a preset name of any
 * accelerator kind) fix that side of the design; what is not fixed comes from the configuration:
 * its network part, and its accelerator part (a knob space of any kind). `dataflow` (default: the
 * kind's) and the mapper's `objective` (default `latency`) apply to the kinds that take them.
 *
 * @example
 * const settings: CostSettings = { kind: "cost", accelerator: "eyeriss-v1-like" } // with space "nb201"
 */
export type CostSettings = Schema.Schema.Type<typeof CostSettingsSchema>
