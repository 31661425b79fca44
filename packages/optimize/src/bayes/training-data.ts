import { encodeGenome, type Space, vectorLength } from "@cosearch/space"
import type { GpData } from "../gp/gp-data.js"
import { transformTargets } from "../gp/output-transform.js"
import type { TrialRecord } from "../trial/record.js"
import type { ModeledOutput } from "./outputs.js"
import { type OutputModel, predictOutput, type SurrogateSettings } from "./surrogate.js"

const vectorCache = new WeakMap<TrialRecord, Float64Array>()

/**
 * The vector encoding of a record's genome (cached per record).
 *
 * @example
 * const vector = recordVector(space, record)
 */
export const recordVector = (space: Space, record: TrialRecord): Float64Array => {
  let vector = vectorCache.get(record)
  if (vector === undefined) {
    vector = encodeGenome(space, record.genome)
    vectorCache.set(record, vector)
  }
  return vector
}

/** The records an output is fitted on: those with a target, capped (best half of the cap, then the most recent). */
const selectRecords = (records: readonly TrialRecord[], count: number, output: ModeledOutput, maxPoints: number): TrialRecord[] => {
  const withTarget: TrialRecord[] = []
  for (let i = 0; i < count; i++) {
    const record = records[i] as TrialRecord
    if (output.target(record) !== undefined) withTarget.push(record)
  }
  if (withTarget.length <= maxPoints) return withTarget
  const target = (record: TrialRecord): number => output.target(record) as number
  const best = [...withTarget].sort((a, b) => target(a) - target(b) || a.index - b.index).slice(0, Math.floor(maxPoints / 2))
  const kept = new Set(best)
  for (let i = withTarget.length - 1; i >= 0 && kept.size < maxPoints; i--) kept.add(withTarget[i] as TrialRecord)
  return withTarget.filter((record) => kept.has(record))
}

/**
 * The training data of one output: the GP's inputs and transformed targets, the map back to
 * prediction units, and the observed targets in those units with their feasibility.
 *
 * @example
 * const { data, observed } = buildTrainingData(space, records, records.length, objectiveOutput, undefined, settings)
 */
export interface TrainingData {
  readonly data: GpData
  readonly offset: number
  readonly scale: number
  readonly observed: Float64Array
  readonly feasible: Uint8Array
}

/**
 * Builds the training data of an output from the first `count` records: those reporting it,
 * capped at `maxPoints`, as residuals of the prior when there is one, transformed.
 *
 * @example
 * const built = buildTrainingData(space, records, 40, constraintOutput(0), undefined, settings)
 */
export const buildTrainingData = (
  space: Space,
  records: readonly TrialRecord[],
  count: number,
  output: ModeledOutput,
  prior: OutputModel | undefined,
  settings: SurrogateSettings,
): TrainingData => {
  const chosen = selectRecords(records, count, output, settings.maxPoints)
  const d = vectorLength(space)
  const n = chosen.length
  const x = new Float64Array(n * d)
  const raw = new Float64Array(n)
  const feasible = new Uint8Array(n)
  const prediction = { mean: 0, variance: 0 }
  chosen.forEach((record, row) => {
    x.set(recordVector(space, record), row * d)
    raw[row] = output.target(record) as number
    feasible[row] = record.status === "feasible" ? 1 : 0
  })
  const priorMean = new Float64Array(n)
  if (prior !== undefined) for (let row = 0; row < n; row++) priorMean[row] = predictOutput(prior, x, row, prediction).mean
  const residual = raw.map((value, row) => value - (priorMean[row] as number))
  const transform = prior === undefined && output.rankable ? settings.transform : "standardize"
  const { values, offset, scale } = transformTargets(residual, transform)
  // Prediction units: original units when standardized (plus the prior), normal scores when ranked.
  const observed = transform === "rank" ? values : raw
  return { data: { x, y: values, n, d }, offset, scale, observed, feasible }
}
