import type { StudyConstraint, StudyObjective } from "@cosearch/store"
import type { ConfigIssue } from "../config/config-issue.js"
import type { EvaluatorContext } from "../evaluators/evaluator.js"
import type { ModelFile } from "./model-file.js"
import type { ScreenConfig } from "./screen-predictor.js"
import { loadStudyModels, modelPaths } from "./surrogate-evaluator.js"

/**
 * Reads the model files of an `optimizer.screen` section (none for `online`) and checks them: each
 * reads the study's configurations, the first objective has a model, and every model predicts an
 * objective or a constraint. Issue paths are relative to `optimizer.screen`.
 *
 * @example
 * const { models, issues } = screenModels(screen, context, experiment.objectives, experiment.constraints)
 */
export const screenModels = (
  screen: ScreenConfig,
  context: EvaluatorContext,
  objectives: readonly StudyObjective[],
  constraints: readonly StudyConstraint[],
): { readonly models: ModelFile[]; readonly issues: ConfigIssue[] } => {
  if (screen.model === "online") return { models: [], issues: [] }
  const issues: ConfigIssue[] = []
  for (const setting of ["learner", "minTrials"] as const) {
    if (screen[setting] !== undefined) issues.push({ path: setting, message: `applies to "model": "online" only` })
  }
  const pathOf = (index: number) => (typeof screen.model === "string" ? "model" : `model[${index}]`)
  const loaded = loadStudyModels(modelPaths(screen.model, context.baseDirectory), context, pathOf)
  issues.push(...loaded.issues)
  const metrics = new Set([...objectives.map((objective) => objective.metric), ...constraints.map((constraint) => constraint.metric)])
  for (const [index, model] of loaded.models.entries()) {
    if (!metrics.has(model.surrogate.target)) {
      issues.push({
        path: pathOf(index),
        message: `predicts "${model.surrogate.target}", which is no objective or constraint of this experiment (${[...metrics].join(", ")})`,
      })
    }
  }
  const first = objectives[0]?.metric
  if (loaded.issues.length === 0 && first !== undefined && !loaded.models.some((model) => model.surrogate.target === first)) {
    issues.push({ path: "model", message: `expected a model of the first objective "${first}" among the models` })
  }
  return { models: loaded.models, issues }
}
