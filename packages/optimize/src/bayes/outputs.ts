import type { TrialRecord } from "../trial/record.js"

/**
 * One output a GP-BO models: how to read its target from a record (undefined when the record
 * does not have it), and whether it may be rank-transformed.
 *
 * @example
 * const latency: ModeledOutput = constraintOutput(0)
 */
export interface ModeledOutput {
  readonly name: string
  readonly target: (record: TrialRecord) => number | undefined
  /** Only the objective may be rank-transformed: a constraint's threshold (0) must keep its meaning. */
  readonly rankable: boolean
}

/**
 * The objective of a single-objective study (minimization form).
 *
 * @example
 * objectiveOutput.target(record) // record.objectives?.[0]
 */
export const objectiveOutput: ModeledOutput = { name: "objective", target: (record) => record.objectives?.[0], rankable: true }

/**
 * Constraint `j`'s value, when reported.
 *
 * @example
 * constraintOutput(0).target(record) // latency - budget
 */
export const constraintOutput = (j: number): ModeledOutput => ({
  name: `constraint-${j}`,
  target: (record) => record.constraints?.[j],
  rankable: false,
})

/**
 * Whether a trial could be evaluated at all: 0 for failed trials and infeasible ones without
 * constraint values (the evaluator said no, and nothing else), 1 otherwise. A regression on these
 * labels stands in for a classifier of the feasible region the constraint values do not describe.
 *
 * @example
 * evaluableOutput.target(failedRecord) // 0
 */
export const evaluableOutput: ModeledOutput = {
  name: "evaluable",
  target: (record) => (record.status === "failed" || (record.status === "infeasible" && record.constraints === undefined) ? 0 : 1),
  rankable: false,
}

/**
 * Augmented Chebyshev scalarization of several objectives (ParEGO, Knowles 2006): objectives
 * normalized to [0, 1] by the observed ranges, then `max_m w_m f_m + 0.05 sum_m w_m f_m`.
 *
 * @example
 * const output = scalarizedOutput(Float64Array.of(0.5, 0.5), low, high)
 */
export const scalarizedOutput = (weights: Float64Array, low: Float64Array, high: Float64Array): ModeledOutput => ({
  name: "objective",
  rankable: true,
  target: (record) => {
    const objectives = record.objectives
    if (objectives === undefined) return undefined
    let max = Number.NEGATIVE_INFINITY
    let sum = 0
    for (let m = 0; m < weights.length; m++) {
      const span = (high[m] as number) - (low[m] as number)
      const scaled = (weights[m] as number) * (span > 0 ? ((objectives[m] as number) - (low[m] as number)) / span : 0)
      if (scaled > max) max = scaled
      sum += scaled
    }
    return max + 0.05 * sum
  },
})

/**
 * The observed range of each objective over the records that report them.
 *
 * @example
 * const { low, high } = objectiveRanges(records, 2)
 */
export const objectiveRanges = (records: readonly TrialRecord[], objectives: number): { low: Float64Array; high: Float64Array } => {
  const low = new Float64Array(objectives).fill(Infinity)
  const high = new Float64Array(objectives).fill(-Infinity)
  for (const record of records) {
    if (record.objectives === undefined) continue
    for (let m = 0; m < objectives; m++) {
      const value = record.objectives[m] as number
      if (value < (low[m] as number)) low[m] = value
      if (value > (high[m] as number)) high[m] = value
    }
  }
  return { low, high }
}
