import type { Space } from "@cosearch/space"
import { conditionGaussianProcess } from "../gp/gaussian-process.js"
import { defaultHyperparameters, type Hyperparameters } from "../gp/hyperparameters.js"
import { fitHyperparameters } from "../gp/likelihood.js"
import type { TrialRecord } from "../trial/record.js"
import type { ModeledOutput } from "./outputs.js"
import type { OutputModel, SurrogateSettings } from "./surrogate.js"
import { buildTrainingData } from "./training-data.js"

/**
 * Conditions the GP of an output on the first `count` records with the given hyperparameters
 * (defaults when none were fitted yet); undefined when the output has no data or the covariance
 * cannot be factorized.
 *
 * @example
 * const model = conditionOutput(space, records, records.length, objectiveOutput, theta, undefined, settings)
 */
export const conditionOutput = (
  space: Space,
  records: readonly TrialRecord[],
  count: number,
  output: ModeledOutput,
  theta: Hyperparameters | undefined,
  prior: OutputModel | undefined,
  settings: SurrogateSettings,
): OutputModel | undefined => {
  const built = buildTrainingData(space, records, count, output, prior, settings)
  if (built.data.n === 0) return undefined
  const result = conditionGaussianProcess(built.data, theta ?? defaultHyperparameters(built.data.d))
  if (!result.ok) return undefined
  return { process: result.process, offset: built.offset, scale: built.scale, prior, observed: built.observed, feasible: built.feasible }
}

/**
 * The model with one more (imagined) observation: `value` in the GP's own units at `vector`. The
 * batch rules (kriging believer, constant liar) add their pending points this way.
 *
 * @example
 * const believed = extendOutput(model, vector, believedValue)
 */
export const extendOutput = (model: OutputModel, vector: Float64Array, value: number): OutputModel | undefined => {
  const { data, theta } = model.process
  const x = new Float64Array((data.n + 1) * data.d)
  x.set(data.x)
  x.set(vector, data.n * data.d)
  const y = new Float64Array(data.n + 1)
  y.set(data.y)
  y[data.n] = value
  const result = conditionGaussianProcess({ x, y, n: data.n + 1, d: data.d }, theta)
  if (!result.ok) return undefined
  const observed = new Float64Array(data.n + 1)
  observed.set(model.observed)
  observed[data.n] = Number.NaN
  const feasible = new Uint8Array(data.n + 1)
  feasible.set(model.feasible)
  return { ...model, process: result.process, observed, feasible }
}

/**
 * Fits a model of an output on a previous study's records, from default hyperparameters: the
 * prior of a warm-started GP-BO.
 *
 * @example
 * const prior = fitPriorOutput(space, oldRecords, objectiveOutput, settings)
 */
export const fitPriorOutput = (
  space: Space,
  records: readonly TrialRecord[],
  output: ModeledOutput,
  settings: SurrogateSettings,
): OutputModel | undefined => {
  const standardized = { ...settings, transform: "standardize" as const }
  const built = buildTrainingData(space, records, records.length, output, undefined, standardized)
  if (built.data.n < 2) return undefined
  const options = { steps: 4 * settings.fitSteps, ...(settings.bounds === undefined ? {} : { bounds: settings.bounds }) }
  const { theta } = fitHyperparameters(built.data, defaultHyperparameters(built.data.d), options)
  return conditionOutput(space, records, records.length, output, theta, undefined, standardized)
}
