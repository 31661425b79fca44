import type { MetricValue } from "@cosearch/optimize"
import { type ConfigIssue, within } from "../../issues/config-issue.js"
import type { Evaluate, EvaluatorContext, EvaluatorKind } from "../evaluator.js"
import type { EvaluatorConfig } from "../registry.js"
import type { CompositeSettings } from "./schema.js"

/**
 * How the composite evaluator reaches its parts' evaluators: the registry's `checkEvaluator` and
 * `createEvaluator`.
 *
 * @example
 * const dispatch: EvaluatorDispatch = { check: checkEvaluator, create: createEvaluator }
 */
export interface EvaluatorDispatch {
  readonly check: (settings: EvaluatorConfig, context: EvaluatorContext) => Promise<readonly ConfigIssue[]>
  readonly create: (settings: EvaluatorConfig, context: EvaluatorContext) => Promise<Evaluate>
}

/**
 * The `composite` evaluator over the evaluators `dispatch` reaches: runs its evaluators in turn on
 * the same candidate and merges their metrics (a later evaluator's metric of the same name wins).
 * The design is infeasible when any part says so; a part that throws fails the trial.
 *
 * @example
 * // { "kind": "composite", "evaluators": [{ "kind": "nb201-table" }, { "kind": "cost", "accelerator": "eyeriss-v1-like" }] }
 * const composite = compositeEvaluatorOf({ check: checkEvaluator, create: createEvaluator })
 */
export const compositeEvaluatorOf = (dispatch: EvaluatorDispatch): EvaluatorKind<CompositeSettings> => ({
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
