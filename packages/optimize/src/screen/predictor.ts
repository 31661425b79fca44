import type { Space } from "@cosearch/space"
import type { TrialRecord } from "../trial/record.js"
import type { Direction } from "../trial/trial.js"

/**
 * What a predictor sees: the space, the directions and the told trials in order (only ever
 * growing, so a predictor refit on them may cache its fit by `records.length`).
 *
 * @example
 * const context: PredictionContext = { space, directions: ["minimize"], records: optimizer history as records }
 */
export interface PredictionContext {
  readonly space: Space
  readonly directions: readonly Direction[]
  readonly records: readonly TrialRecord[]
}

/**
 * Predicted outcomes of candidates, in the form of `TrialRecord`: one array per objective in
 * minimization form (a maximized objective negated), indexed by candidate; one array per
 * constraint (a constraint holds when its value is `<= 0`), or none when the predictor does not
 * predict constraints.
 *
 * @example
 * const predicted: Predictions = { objectives: [Float64Array.of(0.71, 0.66)], constraints: [Float64Array.of(-12, 4)] }
 */
export interface Predictions {
  readonly objectives: readonly Float64Array[]
  readonly constraints?: readonly Float64Array[]
}

/**
 * A cheap model of the true evaluator, for screening: predicts the outcomes of candidate genomes.
 * Its predictions must be a function of (its settings, the genomes, the told records), never of
 * anything else (time, call count), so that a screened study stays resumable.
 *
 * @example
 * const constant: Predictor = { name: "constant", predict: (genomes) => ({ objectives: [new Float64Array(genomes.length)] }) }
 */
export interface Predictor {
  readonly name: string
  /** The predictions for `genomes`, or undefined when the predictor cannot predict yet (too little data). */
  readonly predict: (genomes: readonly Float64Array[], context: PredictionContext) => Predictions | undefined
}
