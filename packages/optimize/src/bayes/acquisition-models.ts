import { type Prediction, predict } from "../gp/gaussian-process.js"
import { expectedImprovement, positiveSquash, probabilityBelow, upperConfidenceBound } from "./acquisition.js"
import { extendOutput } from "./condition-output.js"
import { type OutputModel, predictOutput } from "./surrogate.js"

/**
 * The models one GP-BO ask scores candidates with, and the best feasible observation.
 *
 * @example
 * const models: AcquisitionModels = { objective, constraints: [latency], evaluable: undefined, incumbent: -93.4 }
 */
export interface AcquisitionModels {
  readonly objective: OutputModel | undefined
  readonly constraints: readonly (OutputModel | undefined)[]
  readonly evaluable: OutputModel | undefined
  /** The best feasible observed objective, in the objective model's prediction units. */
  readonly incumbent: number | undefined
}

/**
 * Which acquisition and its parameter.
 *
 * @example
 * const rule: AcquisitionRule = { acquisition: "ucb", beta: 4 }
 */
export interface AcquisitionRule {
  readonly acquisition: "ei" | "ucb"
  readonly beta: number
}

/**
 * The best feasible observed target of a model (prediction units), if any.
 *
 * @example
 * incumbentOf(objectiveModel) // e.g. -94.09 for a maximized accuracy
 */
export const incumbentOf = (model: OutputModel | undefined): number | undefined => {
  if (model === undefined) return undefined
  let best: number | undefined
  for (let i = 0; i < model.observed.length; i++) {
    const value = model.observed[i] as number
    if (model.feasible[i] === 1 && (best === undefined || value < best)) best = value
  }
  return best
}

const prediction: Prediction = { mean: 0, variance: 0 }

/**
 * The acquisition of row `row` of `vectors`: EI times the probability of feasibility; UCB above
 * every candidate less likely than not feasible; before any feasible observation, the probability
 * of feasibility times a squash of the predicted objective.
 *
 * @example
 * const value = scoreCandidate(models, { acquisition: "ei", beta: 4 }, vectors, 0)
 */
export const scoreCandidate = (models: AcquisitionModels, rule: AcquisitionRule, vectors: Float64Array, row: number): number => {
  let feasibility = 1
  for (const constraint of models.constraints) {
    if (constraint === undefined) continue
    predictOutput(constraint, vectors, row, prediction)
    feasibility *= probabilityBelow(prediction.mean, prediction.variance, 0)
  }
  if (models.evaluable !== undefined) {
    predictOutput(models.evaluable, vectors, row, prediction)
    feasibility *= 1 - probabilityBelow(prediction.mean, prediction.variance, 0.5)
  }
  if (models.objective === undefined) return feasibility
  predictOutput(models.objective, vectors, row, prediction)
  if (models.incumbent === undefined) return feasibility * positiveSquash(-prediction.mean)
  if (rule.acquisition === "ei") return feasibility * expectedImprovement(prediction.mean, prediction.variance, models.incumbent)
  // UCB is not a probability-weighted gain: rank the likely feasible (P >= 1/2) above the rest by it.
  const bound = positiveSquash(upperConfidenceBound(prediction.mean, prediction.variance, rule.beta))
  return feasibility >= 0.5 ? 2 + bound : feasibility * bound
}

const lie = (model: OutputModel, liar: "min" | "mean" | "max"): number => {
  const y = model.process.data.y
  let low = Infinity
  let high = -Infinity
  let sum = 0
  for (const value of y) {
    low = Math.min(low, value)
    high = Math.max(high, value)
    sum += value
  }
  return liar === "min" ? low : liar === "max" ? high : sum / y.length
}

/**
 * The models with a chosen (pending) point added as the batch rule imagines it: every output at
 * its posterior mean (kriging believer), or the objective at a constant (constant liar: the
 * smallest, mean or largest target in the GP's units) and the constraints at their means.
 *
 * @example
 * models = imaginePending(models, vector, "kriging-believer", "min")
 */
export const imaginePending = (
  models: AcquisitionModels,
  vector: Float64Array,
  batch: "kriging-believer" | "constant-liar",
  liar: "min" | "mean" | "max",
): AcquisitionModels => {
  const believe = (model: OutputModel | undefined, value?: number): OutputModel | undefined =>
    model === undefined ? undefined : (extendOutput(model, vector, value ?? predict(model.process, vector, 0, prediction).mean) ?? model)
  const { objective } = models
  return {
    objective: believe(objective, batch === "constant-liar" && objective !== undefined ? lie(objective, liar) : undefined),
    constraints: models.constraints.map((model) => believe(model)),
    evaluable: believe(models.evaluable),
    incumbent: models.incumbent,
  }
}
