import type { MetricValue } from "@cosearch/optimize"
import { type ConfigIssue, within } from "../config/config-issue.js"
import type { EvaluatorConfig } from "../config/experiment-schema.js"
import { surrogateEvaluator } from "../surrogate/surrogate-evaluator.js"
import { commandEvaluator } from "./command.js"
import { areaEvaluator } from "./cost/area-evaluator.js"
import { costEvaluator } from "./cost/cost-evaluator.js"
import type { Evaluate, EvaluatorContext, EvaluatorKind } from "./evaluator.js"
import { moduleEvaluator } from "./module.js"
import { nb201TableEvaluator } from "./nb201-table.js"
import { systemEvaluator } from "./system/system-evaluator.js"

/**
 * The evaluator kinds by name. To add one: write an `EvaluatorKind` in `src/evaluators/`, list it here and give its settings a
 * schema in `src/config/experiment-schema.ts`.
 *
 * @example
 * const kind = await evaluatorKinds["nb201-table"]()
 */
export const evaluatorKinds: Readonly<Record<EvaluatorConfig["kind"], () => EvaluatorKind<never>>> = {
  "nb201-table": () => nb201TableEvaluator,
  cost: () => costEvaluator,
  area: () => areaEvaluator,
  system: () => systemEvaluator,
  command: () => commandEvaluator,
  module: () => moduleEvaluator,
  surrogate: () => surrogateEvaluator,
  composite: () => compositeEvaluator,
}

const kindOf = (settings: EvaluatorConfig): EvaluatorKind<EvaluatorConfig> =>
  evaluatorKinds[settings.kind]() as EvaluatorKind<EvaluatorConfig>

/**
 * Checks an evaluator's settings against the study's space; issue paths are relative to the
 * evaluator's section.
 *
 * @example
 * const issues = await checkEvaluator({ kind: "nb201-table", accuracyColumn: "nope" }, context)
 */
export const checkEvaluator = async (settings: EvaluatorConfig, context: EvaluatorContext): Promise<readonly ConfigIssue[]> =>
  kindOf(settings).check(settings, context)

/**
 * Builds the evaluate function of an evaluator's settings (in a pool worker, or in-process).
 *
 * @example
 * const evaluate = await createEvaluator({ kind: "command", command: ["./score.sh"] }, context)
 */
export const createEvaluator = async (settings: EvaluatorConfig, context: EvaluatorContext): Promise<Evaluate> =>
  kindOf(settings).create(settings, context)

type CompositeSettings = Extract<EvaluatorConfig, { kind: "composite" }>

/**
 * The `composite` evaluator: runs its evaluators in turn on the same candidate and merges their
 * metrics (a later evaluator's metric of the same name wins). The design is infeasible when any
 * part says so; a part that throws fails the trial.
 *
 * @example
 * // { "kind": "composite", "evaluators": [{ "kind": "nb201-table" }, { "kind": "cost", "accelerator": "eyeriss-v1-like" }] }
 */
export const compositeEvaluator: EvaluatorKind<CompositeSettings> = {
  check: async (settings, context) => {
    const issues: ConfigIssue[] = []
    for (const [index, part] of settings.evaluators.entries())
      issues.push(...within(`evaluators[${index}]`, await checkEvaluator(part, context)))
    return issues
  },
  create: async (settings, context) => {
    const parts: Evaluate[] = []
    for (const part of settings.evaluators) parts.push(await createEvaluator(part, context))
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
}
