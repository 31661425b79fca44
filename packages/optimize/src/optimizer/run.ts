import type { Configuration } from "@cosearch/space"
import { finishedTrial, type Trial, type TrialResult } from "../trial/trial.js"
import type { Optimizer } from "./optimizer.js"

/**
 * Options of `runOptimization`.
 *
 * @example
 * const options: RunOptions = { budget: 200, batch: 4 }
 */
export interface RunOptions {
  /** Evaluations to spend; repeats of a configuration count. */
  readonly budget: number
  /** Proposals per ask (default 1). */
  readonly batch?: number
}

/**
 * Runs an optimizer against a synchronous evaluation until the budget is spent: the loop of
 * scripts and tests (the engine runs evaluations concurrently). Trials are numbered on from the
 * optimizer's history. Returns the optimizer's history.
 *
 * @example
 * const history = runOptimization(createRandomSearch(space), (config) => complete([cost(config)]), { budget: 50 })
 */
export const runOptimization = (
  optimizer: Optimizer,
  evaluate: (params: Configuration) => TrialResult,
  options: RunOptions,
): readonly Trial[] => {
  const batch = Math.max(1, options.batch ?? 1)
  let spent = 0
  while (spent < options.budget) {
    const proposals = optimizer.ask(Math.min(batch, options.budget - spent))
    const first = optimizer.history.length
    optimizer.tell(proposals.map((proposal, k) => finishedTrial(first + k, proposal, evaluate(proposal.params))))
    spent += proposals.length
  }
  return optimizer.history
}
