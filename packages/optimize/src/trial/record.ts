import { configurationToGenome, isFailure, type Space } from "@cosearch/space"
import type { Direction, Trial } from "./trial.js"

/**
 * A trial as the optimizers see it: its genome, its objectives turned to minimization, its
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
 A complete trial without objective values tells nothing but that its
 * evaluation ended: it counts as failed.
 *
 * @throws TypeError when the parameters are not a point of the space, RangeError when the trial
 * is not finished, the number of objective values differs from the directions or a value is not
 * finite: programming errors, not results.
 * @example
 * toRecord(space, ["minimize"], finishedTrial(7, proposal, complete([1.5])), 7)
 */
export const toRecord = (space: Space, directions: readonly Direction[], trial: Trial, index: number): TrialRecord => {
  const genome = configurationToGenome(space, trial.params)
  if (isFailure(genome)) throw new TypeError(`told a configuration that is not a point of space "${space.name}": ${genome.message}`)
  const { state, origin, values } = trial
  if (state !== "complete" && state !== "infeasible" && state !== "failed") {
    throw new RangeError(`told trial ${trial.number}, which is ${state}: an optimizer is told finished trials only`)
  }
  const key = genomeKey(genome)
  if (state === "failed" || (state === "complete" && values === undefined)) {
    return { index, genome, key, origin, status: "failed", objectives: undefined, constraints: undefined, violation: Infinity }
  }
  let objectives: Float64Array | undefined
  if (values !== undefined) {
    if (values.length !== directions.length) {
      throw new RangeError(`a trial reported ${values.length} objective values for ${directions.length} directions`)
    }
    objectives = finiteArray(values, "objective values")
    for (let m = 0; m < directions.length; m++) if (directions[m] === "maximize") objectives[m] = -(objectives[m] as number)
  }
  const constraints = trial.constraints === undefined ? undefined : finiteArray(trial.constraints, "constraint values")
  let violation = 0
  if (constraints !== undefined) for (const value of constraints) if (value > 0) violation += value
  if (state === "complete" && violation === 0) {
    return { index, genome, key, origin, status: "feasible", objectives, constraints, violation: 0 }
  }
  // An infeasible report whose constraints all hold still is infeasible: the evaluator knows more.
  if (violation === 0) violation = Number.MAX_VALUE
  return { index, genome, key, origin, status: "infeasible", objectives, constraints, violation }
}
