import { isAbsolute, resolve } from "node:path"
import type { MetricValue } from "@cosearch/optimize"
import type { EvaluatorEntry, EvaluatorKind } from "../evaluator.js"
import { type SurrogateSettings, SurrogateSettingsSchema } from "./schema.js"

/** The model paths of the settings, resolved against the experiment's folder. */
export const modelPaths = (model: string | readonly string[], baseDirectory: string): string[] =>
  (typeof model === "string" ? [model] : [...model]).map((path) => (isAbsolute(path) ? path : resolve(baseDirectory, path)))

const pathOfModel = (settings: SurrogateSettings) => (index: number) => (typeof settings.model === "string" ? "model" : `model[${index}]`)

/**
 * The `surrogate` evaluator: predicts a candidate's metrics with trained models (`cosearch
 * surrogate train`), one metric per model, named by the model's target. Microseconds per trial;
 * the predictions are what the models say, with no feasibility of their own (a study's
 * constraints apply to the predicted metrics as to any others).
 *
 * @example
 * // { "kind": "surrogate", "model": ["models/latency.json", "models/area.json"] }
 */
export const surrogateEvaluator: EvaluatorKind<SurrogateSettings> = {
  // The models (and @cosearch/surrogate) are loaded when a study uses them, not by every pool worker.
  check: async (settings, context) => {
    const { loadStudyModels } = await import("../../surrogate/study-models.js")
    return loadStudyModels(modelPaths(settings.model, context.baseDirectory), context, pathOfModel(settings)).issues
  },
  outputs: async (settings, context) => {
    const { loadStudyModels } = await import("../../surrogate/study-models.js")
    const { models } = loadStudyModels(modelPaths(settings.model, context.baseDirectory), context, pathOfModel(settings))
    return models.map((model) => model.surrogate.target)
  },
  create: async (settings, context) => {
    const { loadStudyModels } = await import("../../surrogate/study-models.js")
    const { models, issues } = loadStudyModels(modelPaths(settings.model, context.baseDirectory), context, pathOfModel(settings))
    if (issues.length > 0) throw new Error(issues.map((issue) => `${issue.path}: ${issue.message}`).join("; "))
    const buffers = models.map((model) => new Float64Array(model.featurizer.names.length))
    return ({ configuration }) => {
      const metrics: Record<string, MetricValue> = {}
      for (const [i, model] of models.entries()) {
        const features = buffers[i] as Float64Array
        model.featurizer.ofConfiguration(configuration, features, 0)
        metrics[model.surrogate.target] = model.surrogate.predict(features, 0)
      }
      return { metrics }
    }
  },
}

/**
 * The `surrogate` evaluator's registry entry: its kind, settings schema and evaluator.
 *
 * @example
 * surrogateEntry.schema // decodes { "kind": "surrogate", ... }
 */
export const surrogateEntry: EvaluatorEntry<SurrogateSettings> = {
  kind: "surrogate",
  schema: SurrogateSettingsSchema,
  evaluator: surrogateEvaluator,
}
