import type { MetricValue } from "@cosearch/optimize"
import { type ConfigIssue, within } from "../../issues/config-issue.js"
import type { Evaluate, EvaluatorContext, EvaluatorKind } from "../evaluator.js"
import type { EvaluatorConfig } from "../registry.js"
import type { CompositeSettings } from "./schema.js"

/**
 * How the composite evaluator reaches its parts' evaluators: the registry's `checkEvaluator`,
 * `createEvaluator` and `evaluatorOutputs`.
 *
 * @example
 * const dispatch: EvaluatorDispatch = { check: checkEvaluator, create: createEvaluator, outputs: evaluatorOutputs }
 */
export interface EvaluatorDispatch {
  readonly check: (settings: EvaluatorConfig, context: EvaluatorContext) => Promise<readonly ConfigIssue[]>
  readonly create: (settings: EvaluatorConfig, context: EvaluatorContext) => Promise<Evaluate>
  readonly outputs: (settings: EvaluatorConfig, context: EvaluatorContext) => Promise<readonly string[] | undefined>
}

/**
 * The `composite` evaluator over the evaluators `dispatch` reaches: runs its evaluators in turn on
 * the same candidate and merges their metrics (a later evaluator's metric of the same name wins).
 * The design is infeasible when any part says so; a part that throws fails the trial. Its metrics
 * are the union of its parts' (undeclared when some part's are).
 *
 * @example
 * // { "kind": "composite", "evaluators": [{ "kind": "nb201-table" }, { "kind": "cost", "accelerator": "eyeriss-v1-like" }] }
 * const composite = compositeEvaluatorOf({ check: checkEvaluator, create: createEvaluator, outputs: evaluatorOutputs })
 */
export const compositeEvaluatorOf = (dispatch: EvaluatorDispatch): EvaluatorKind<CompositeSettings> => ({
  outputs: async (settings, context) => {
    const names = new Set<string>()
    for (const part of settings.evaluators) {
      const outputs = await dispatch.outputs(part, context)
      if (outputs === undefined) return undefined
      for (const name of outputs) names.add(name)
    }
    return [...names]
  },
  check: async (settings, context) => {
    const issues: ConfigIssue[] = []
    for (const [index, part] of settings.evaluators.entries())
      issues.push(...within(`evaluators[${index}]`, await dispatch.check(part, context)))
    return issues
  },
  create: async (settings, context) => {
    const parts: Evaluate[] = []
    for (const part of settings.evaluators) parts.push(await dispatch.create(part, context))
    return async (candidate) => {
      const metrics: Record<string, MetricValue> = {}
      const reasons: string[] = []
      for (const evaluate of parts) {
        const evaluation = await evaluate(candidate)
        Object.assign(metrics, evaluation.metrics)
        if (evaluation.infeasible !== undefined) reasons.push(evaluation.infeasible)
      }
      return reasons.length === 0 ? { metrics } : { metrics, infeasible: reasons.join("; ") }
    }
  },
})
