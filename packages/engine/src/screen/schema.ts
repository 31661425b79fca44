import { expected, optionalField, positiveInteger, wholeNumber } from "@cosearch/space"
import { modelKinds } from "@cosearch/surrogate"
import { Schema } from "effect"
import { type EvaluatorConfig, EvaluatorSchema } from "../evaluators/registry.js"
import { ModelFilesSchema } from "../evaluators/surrogate/schema.js"

/**
 * The form of an experiment's `optimizer.screen` section (see `ScreenConfig`).
 *
 * @example
 * Schema.decodeUnknownSync(ScreenSchema)({ model: "online", candidates: 20 })
 */
export const ScreenSchema = Schema.Struct({
  /** "online", or model files predicting objectives and constraints by metric name. */
  model: Schema.Union(Schema.Literal("online"), ModelFilesSchema).annotations(
    expected('"online", a model file or a list of model files', false),
  ),
  candidates: optionalField(positiveInteger),
  learner: optionalField(Schema.Literal(...modelKinds).annotations(expected(modelKinds.map((kind) => `"${kind}"`).join(", ")))),
  minTrials: optionalField(positiveInteger),
  refine: optionalField(wholeNumber),
  random: optionalField(wholeNumber),
  /** A cheap evaluator whose metrics are used exactly, not predicted (e.g. { "kind": "area" }). */
  exact: optionalField(Schema.suspend((): Schema.Schema<EvaluatorConfig> => EvaluatorSchema)),
})

/**
 * The `optimizer.screen` section of an experiment: `model` is `"online"` (models refit on the
 * study's own trials as they arrive) or model files predicting the objectives (and constraints)
 * by metric name; `candidates` proposals per evaluated trial (default 10); for `online`, the
 * model kind (`learner`, default `gbt`) and the trials with objective values needed before
 * screening starts (`minTrials`, default 16); `refine` rounds of model-guided mutation of the
 * chosen candidates (default 0); `random` uniform samples per trial added to the candidates
 * (default 0); `exact`, a cheap evaluator (such as `{ "kind": "area" }`) whose
 * metrics replace the predictions of the objectives and constraints they name.
 *
 * @example
 * const screen: ScreenConfig = { model: "online", candidates: 20 }
 */
export type ScreenConfig = Schema.Schema.Type<typeof ScreenSchema>
