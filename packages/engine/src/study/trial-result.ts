import { constraintValue, type StudyConstraint, type StudyObjective, type TrialResult } from "@cosearch/optimize"
import type { Evaluation } from "../evaluators/evaluator.js"

/** The finite number a metric holds, or a description of what is there instead. */
const readMetric = (evaluation: Evaluation, metric: string): number | string => {
  const value = evaluation.metrics[metric]
  if (typeof value === "number" && Number.isFinite(value)) return value
  if (value === undefined) {
    const given = Object.keys(evaluation.metrics)
    return `the evaluator reported no metric "${metric}" (it reported ${given.length === 0 ? "none" : given.join(", ")})`
  }
  return `metric "${metric}" is ${JSON.stringify(value)}, not a finite number`
}

/**
 * Turns an evaluation into how its trial ended: objective values (one per objective, in order),
 * constraint values (see `constraintValue`), the metrics, and the state. Infeasible when the
 * evaluator says so (values kept when all are there) or a constraint is violated; failed when a
 * needed metric is missing or not a number.
 *
 * @example
 * trialResultOf({ metrics: { accuracy: 93, coralLatencyMs: 1.3 } }, [{ metric: "accuracy", direction: "maximize" }], [{ metric: "coralLatencyMs", max: 1.1164 }])
 * // { state: "infeasible", values: [93], constraints: [0.1836], metrics: {...} }
 */
export const trialResultOf = (
  evaluation: Evaluation,
  objectives: readonly StudyObjective[],
  constraints: readonly StudyConstraint[],
): TrialResult => {
  const values: number[] = []
  const constraintValues: number[] = []
  const problems: string[] = []
  for (const objective of objectives) {
    const value = readMetric(evaluation, objective.metric)
    if (typeof value === "number") values.push(value)
    else problems.push(value)
  }
  for (const constraint of constraints) {
    const value = readMetric(evaluation, constraint.metric)
    if (typeof value === "number") constraintValues.push(constraintValue(constraint, value))
    else problems.push(value)
  }
  const { metrics } = evaluation
  if (evaluation.infeasible !== undefined) {
    const known = problems.length === 0 ? { values, constraints: constraintValues } : {}
    return { state: "infeasible", ...known, metrics, error: evaluation.infeasible }
  }
  if (problems.length > 0) return { state: "failed", metrics, error: problems.join("; ") }
  const violated = constraintValues.some((value) => value > 0)
  return { state: violated ? "infeasible" : "complete", values, constraints: constraintValues, metrics }
}
