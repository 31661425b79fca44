import type { SpaceJson } from "@cosearch/space"
import type { Candidate } from "../evaluators/evaluator.js"
import type { EvaluatorConfig } from "../evaluators/registry.js"

/**
 * What every pool worker is started with: the evaluator's settings, the study's space (a
 * built-in name or a space object) and the folder relative paths are read from.
 *
 * @example
 * const data: PoolWorkerData = { evaluator: { kind: "nb201-table" }, space: "nb201", baseDirectory: "/work/experiments" }
 */
export interface PoolWorkerData {
  readonly evaluator: EvaluatorConfig
  readonly space: string | SpaceJson
  readonly baseDirectory: string
}

/**
 * One evaluation sent to the pool.
 *
 * @example
 * const task: EvaluationTask = { study: "nb201", number: 3, configuration: { edge_1_0: "none" } }
 */
export type EvaluationTask = Candidate
