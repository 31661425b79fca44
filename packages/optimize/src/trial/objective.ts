import type { Direction } from "./trial.js"

/**
 * One objective of a study: the metric it reads and its direction.
 *
 * @example
 * const accuracy: StudyObjective = { metric: "accuracy", direction: "maximize" }
 */
export interface StudyObjective {
  readonly metric: string
  readonly direction: Direction
}

/**
 * One constraint of a study: a metric with an upper bound `max` or a lower bound `min`. Its value
 * in a trial is `constraintValue`'s, which holds when `<= 0`.
 *
 * @example
 * const latency: StudyConstraint = { metric: "latencyMs", max: 1.1164 }
 */
export interface StudyConstraint {
  readonly metric: string
  readonly max?: number
  readonly min?: number
}

/**
 * A constraint's value for a metric's value: `value - max`, or `min - value`, so that the
 * constraint holds when it is `<= 0` (the convention of every constraint value a trial carries).
 *
 * @example
 * constraintValue({ metric: "latencyMs", max: 1.1164 }, 1.3) // 0.1836: violated
 * constraintValue({ metric: "accuracy", min: 90 }, 93) // -3: holds
 */
export const constraintValue = (constraint: StudyConstraint, value: number): number =>
  constraint.max !== undefined ? value - constraint.max : (constraint.min ?? value) - value
