// A k-nearest-neighbor predictor over genomes, the simplest online model, for testing screening:
// objectives from the nearest trials that reported them, one constraint from the nearest trials.
import type { Predictions, Predictor, TrialRecord } from "@cosearch/optimize"

const distance = (a: Float64Array, b: Float64Array): number => {
  let sum = 0
  for (let i = 0; i < a.length; i++) {
    const d = (Number.isNaN(a[i] as number) ? -1 : (a[i] as number)) - (Number.isNaN(b[i] as number) ? -1 : (b[i] as number))
    sum += d * d
  }
  return sum
}

/** The mean of `read` over the `k` records nearest to `genome` (ties by trial order). */
const nearestMean = (genome: Float64Array, records: readonly TrialRecord[], k: number, read: (record: TrialRecord) => number): number => {
  const nearest = records
    .map((record) => ({ record, d: distance(genome, record.genome) }))
    .sort((a, b) => a.d - b.d || a.record.index - b.record.index)
    .slice(0, k)
  return nearest.reduce((sum, { record }) => sum + read(record), 0) / nearest.length
}

export const nearestPredictor = (k = 3): Predictor => ({
  name: `nearest-${k}`,
  predict: (genomes, { records, directions }): Predictions | undefined => {
    const known = records.filter((record) => record.objectives !== undefined)
    if (known.length < k) return undefined
    const objectives = directions.map((_, m) =>
      Float64Array.from(genomes, (genome) => nearestMean(genome, known, k, (record) => record.objectives?.[m] as number)),
    )
    // One predicted constraint, from the nearest trials: the largest constraint value a trial
    // reported, else -1 for a feasible trial and 1 for an infeasible or failed one.
    const reading = (record: TrialRecord): number =>
      record.constraints !== undefined ? Math.max(...record.constraints) : record.status === "feasible" ? -1 : 1
    const feasibility = Float64Array.from(genomes, (genome) => nearestMean(genome, records, k, reading))
    return { objectives, constraints: [feasibility] }
  },
})
