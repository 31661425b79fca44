/**
 * The pool worker: builds the study's evaluator once (from `workerData`) and evaluates each task
 * sent to it. Errors thrown here reach the engine as the task's rejection.
 */
import { workerData } from "node:worker_threads"
import { Either } from "effect"
import type { Evaluate, Evaluation } from "../evaluators/evaluator.js"
import { createEvaluator } from "../evaluators/registry.js"
import { resolveStudySpace } from "../spaces/study-space.js"
import type { EvaluationTask, PoolWorkerData } from "./evaluation-task.js"

const data = workerData as PoolWorkerData

const build = async (): Promise<Evaluate> => {
  const resolved = resolveStudySpace(data.space)
  if (Either.isLeft(resolved)) throw new Error(resolved.left.map((issue) => `${issue.path}: ${issue.message}`).join("; "))
  return createEvaluator(data.evaluator, { ...resolved.right, baseDirectory: data.baseDirectory })
}

const evaluator = build()
// A failed build rejects every task; keep the rejection from also being reported as unhandled.
evaluator.catch(() => {})

export default async (task: EvaluationTask): Promise<Evaluation> => (await evaluator)(task)
