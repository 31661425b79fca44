import { configurationToGenome, isFailure, type Space } from "@cosearch/space"
import type { Direction, Trial } from "./trial.js"

/**
 * A trial as the optimizers see it: its genome, its objectives turned to minimisation, its
 * constraint values and its total violation.
 *
 * - `status`: `feasible`, `infeasible` or `failed`.
 * - `objectives`: one per direction, negated for `maximize`; undefined when not reported.
 * - `violation`: 0 when feasible, the sum of the positive constraint values when infeasible with
 *   constraint values, `Number.MAX_VALUE` when infeasible without them, `Infinity` when failed, so
 *   that constraint-domination orders every trial.
 *
 * @example
 * const record = toRecord(space, ["maximize"], trial, 0)
 * if (record.status === "feasible") record.objectives?.[0] // minus the accuracy
 */
export interface TrialRecord {
  readonly index: number
  readonly genome: Float64Array
  readonly key: string
  readonly origin: string
  readonly status: "feasible" | "infeasible" | "failed"
  readonly objectives: Float64Array | undefined
  readonly constraints: Float64Array | undefined
  readonly violation: number
}

/**
 * The de-duplication key of a genome (its genes joined; inactive genes are NaN).
 *
 * @example
 * genomeKey(Float64Array.of(1, Number.NaN)) // "1,NaN"
 */
export const genomeKey = (genome: Float64Array): string => genome.join(",")

const finiteArray = (values: readonly number[], what: string): Float64Array => {
  const out = Float64Array.from(values)
  for (const value of out) if (!Number.isFinite(value)) throw new RangeError(`${what} must be finite numbers, got ${values.join(", ")}`)
  return out
}

/**
 * Normalises a told trial.
 *
 * @throws TypeError when the configuration is not a point of the space, RangeError when the number
 * of objective values differs from the directions or a value is not finite: programming errors,
 * not outcomes.
 * @example
 * toRecord(space, ["minimize"], { configuration, outcome: complete([1.5]) }, 7)
 */
export const toRecord = (space: Space, directions: readonly Direction[], trial: Trial, index: number): TrialRecord => {
  const genome = configurationToGenome(space, trial.configuration)
  if (isFailure(genome)) throw new TypeError(`told a configuration that is not a point of space "${space.name}": ${genome.message}`)
  const { outcome } = trial
  const origin = trial.origin ?? "external"
  const key = genomeKey(genome)
  if (outcome.state === "failed") {
    return { index, genome, key, origin, status: "failed", objectives: undefined, constraints: undefined, violation: Infinity }
  }
  let objectives: Float64Array | undefined
  if (outcome.values !== undefined) {
    if (outcome.values.length !== directions.length) {
      throw new RangeError(`a trial reported ${outcome.values.length} objective values for ${directions.length} directions`)
    }
    objectives = finiteArray(outcome.values, "objective values")
    for (let m = 0; m < directions.length; m++) if (directions[m] === "maximize") objectives[m] = -(objectives[m] as number)
  }
  const constraints = outcome.constraints === undefined ? undefined : finiteArray(outcome.constraints, "constraint values")
  let violation = 0
  if (constraints !== undefined) for (const value of constraints) if (value > 0) violation += value
  if (outcome.state === "complete" && violation === 0) {
    return { index, genome, key, origin, status: "feasible", objectives, constraints, violation: 0 }
  }
  // An infeasible report whose constraints all hold still is infeasible: the evaluator knows more.
  if (violation === 0) violation = Number.MAX_VALUE
  return { index, genome, key, origin, status: "infeasible", objectives, constraints, violation }
}
