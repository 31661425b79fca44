import { isAbsolute, resolve } from "node:path"
import { sampleMany } from "@cosearch/space"
import type { MetricValue } from "@cosearch/store"
import type { ConfigIssue } from "../config/config-issue.js"
import type { EvaluatorContext, EvaluatorKind } from "../evaluators/evaluator.js"
import { type ModelFile, readModelFile } from "./model-file.js"

/**
 * Settings of the `surrogate` evaluator: one model file, or several (one per metric); relative
 * paths are read from the experiment file's folder.
 *
 * @example
 * const settings: SurrogateSettings = { kind: "surrogate", model: ["models/latency.json", "models/area.json"] }
 */
export interface SurrogateSettings {
  readonly kind: "surrogate"
  readonly model: string | readonly string[]
}

/** The model paths of the settings, resolved against the experiment's folder. */
export const modelPaths = (model: string | readonly string[], baseDirectory: string): string[] =>
  (typeof model === "string" ? [model] : [...model]).map((path) => (isAbsolute(path) ? path : resolve(baseDirectory, path)))

/**
 * Reads model files and checks that each can featurise a configuration of the study's space;
 * problems come back with the JSON path `pathOf(i)` of the i-th file.
 *
 * @example
 * const { models, issues } = loadStudyModels(["latency.json"], context, (i) => `model[${i}]`)
 */
export const loadStudyModels = (
  paths: readonly string[],
  { space, baseDirectory }: EvaluatorContext,
  pathOf: (index: number) => string,
): { readonly models: ModelFile[]; readonly issues: ConfigIssue[] } => {
  const models: ModelFile[] = []
  const issues: ConfigIssue[] = []
  const [probe] = sampleMany(space, 1, "surrogate-check")
  const targets = new Map<string, number>()
  for (const [index, path] of paths.entries()) {
    try {
      const model = readModelFile(path, baseDirectory)
      if (probe !== undefined) model.featuriser.ofConfiguration(probe, new Float64Array(model.featuriser.names.length), 0)
      const earlier = targets.get(model.surrogate.target)
      if (earlier !== undefined) {
        issues.push({ path: pathOf(index), message: `predicts "${model.surrogate.target}", as ${pathOf(earlier)} already does` })
      }
      targets.set(model.surrogate.target, index)
      models.push(model)
    } catch (error) {
      issues.push({ path: pathOf(index), message: `cannot predict for space "${space.name}": ${(error as Error).message}` })
    }
  }
  return { models, issues }
}

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
  check: (settings, context) => loadStudyModels(modelPaths(settings.model, context.baseDirectory), context, pathOfModel(settings)).issues,
  create: (settings, context) => {
    const { models, issues } = loadStudyModels(modelPaths(settings.model, context.baseDirectory), context, pathOfModel(settings))
    if (issues.length > 0) throw new Error(issues.map((issue) => `${issue.path}: ${issue.message}`).join("; "))
    const buffers = models.map((model) => new Float64Array(model.featuriser.names.length))
    return ({ configuration }) => {
      const metrics: Record<string, MetricValue> = {}
      for (const [i, model] of models.entries()) {
        const features = buffers[i] as Float64Array
        model.featuriser.ofConfiguration(configuration, features, 0)
        metrics[model.surrogate.target] = model.surrogate.predict(features, 0)
      }
      return { metrics }
    }
  },
}
