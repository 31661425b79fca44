import type { StudyConstraint, StudyObjective } from "@cosearch/optimize"
import { sampleMany } from "@cosearch/space"
import type { Evaluate, EvaluatorContext, EvaluatorKind } from "../evaluators/evaluator.js"
import type { EvaluatorConfig } from "../evaluators/registry.js"
import { evaluatorKinds } from "../evaluators/registry.js"
import { modelPaths } from "../evaluators/surrogate/surrogate-evaluator.js"
import type { ConfigIssue } from "../issues/config-issue.js"
import type { ModelFile } from "../surrogate/model-file.js"
import { loadStudyModels } from "../surrogate/study-models.js"
import type { ScreenConfig } from "./schema.js"

/**
 * Reads the model files of an `optimizer.screen` section (none for `online`) and checks them: each
 * reads the study's configurations, the first objective has a model, and every model predicts an
 * objective or a constraint; the `exact` evaluator, when set, answers at once. Issue paths are
 * relative to `optimizer.screen`.
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
  const issues: ConfigIssue[] = screen.exact === undefined ? [] : exactEvaluator(screen.exact, context).issues
  if (screen.model === "online") return { models: [], issues }
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

/**
 * The evaluate function of `optimizer.screen.exact` and the metrics it reports, built in this
 * process: it must answer at once (no Promise), as the area evaluator does. Issue paths are
 * relative to `optimizer.screen`.
 *
 * @example
 * const { exact, metrics } = exactEvaluator({ kind: "area" }, context) // metrics: Set { "areaMm2" }
 */
export const exactEvaluator = (
  settings: EvaluatorConfig,
  context: EvaluatorContext,
): { readonly exact?: Evaluate; readonly metrics: ReadonlySet<string>; readonly issues: ConfigIssue[] } => {
  const kind = evaluatorKinds[settings.kind]() as EvaluatorKind<EvaluatorConfig>
  const checked = kind.check(settings, context)
  const built = checked instanceof Promise ? undefined : checked.length > 0 ? checked : kind.create(settings, context)
  const fail = (message: string) => ({ metrics: new Set<string>(), issues: [{ path: "exact", message }] })
  if (built === undefined || built instanceof Promise)
    return fail(`expected an evaluator that answers at once (such as { "kind": "area" }), got kind "${settings.kind}"`)
  if (Array.isArray(built)) return { metrics: new Set<string>(), issues: built.map((issue) => ({ ...issue, path: `exact.${issue.path}` })) }
  const exact = built as Evaluate
  const [probe] = sampleMany(context.space, 1, "screen-exact-check")
  const evaluation = probe === undefined ? undefined : exact({ study: "screen", number: -1, configuration: probe })
  if (evaluation instanceof Promise)
    return fail(`expected an evaluator that answers at once (such as { "kind": "area" }), got kind "${settings.kind}"`)
  return { exact, metrics: new Set(Object.keys(evaluation?.metrics ?? {})), issues: [] }
}
