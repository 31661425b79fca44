import type { Space } from "@cosearch/space"
import { defaultHyperparameters, type Hyperparameters } from "../gp/hyperparameters.js"
import { fitHyperparameters } from "../gp/likelihood.js"
import type { TrialRecord } from "../trial/record.js"
import type { ModeledOutput } from "./outputs.js"
import type { OutputModel, SurrogateSettings } from "./surrogate.js"
import { buildTrainingData } from "./training-data.js"

/**
 * Fitted hyperparameters of each output along the history (see `createHyperparameterChain`).
 *
 * @example
 * const theta = chain.at(records, records.length, objectiveOutput, undefined)
 */
export interface HyperparameterChain {
  /** The hyperparameters of the last scheduled fit at or before `count` records (undefined before any). */
  readonly at: (
    records: readonly TrialRecord[],
    count: number,
    output: ModeledOutput,
    prior: OutputModel | undefined,
  ) => Hyperparameters | undefined
}

/**
 * Hyperparameters fitted along a schedule of history sizes, each fit warm-started from the one
 * before. The schedule depends on the history alone (refit at 2, 3, ... points, then whenever it
 * has grown by `refitGrowth`), so a resumed study fits the same hyperparameters as an
 * uninterrupted one, whatever the batch sizes were.
 *
 * @example
 * const chain = createHyperparameterChain(space, settings)
 * const theta = chain.at(records, records.length, objectiveOutput, undefined)
 */
export const createHyperparameterChain = (space: Space, settings: SurrogateSettings): HyperparameterChain => {
  const chains = new WeakMap<readonly TrialRecord[], Map<string, { fittedAt: number; theta: Hyperparameters | undefined }>>()
  const next = (point: number): number => (point < 2 ? 2 : Math.max(point + 1, Math.floor(point * (1 + settings.refitGrowth))))
  return {
    at: (
      records: readonly TrialRecord[],
      count: number,
      output: ModeledOutput,
      prior: OutputModel | undefined,
    ): Hyperparameters | undefined => {
      let byOutput = chains.get(records)
      if (byOutput === undefined) {
        byOutput = new Map()
        chains.set(records, byOutput)
      }
      let chain = byOutput.get(output.name)
      if (chain === undefined) {
        chain = { fittedAt: 0, theta: undefined }
        byOutput.set(output.name, chain)
      }
      for (let point = next(chain.fittedAt); point <= count; point = next(point)) {
        const { data } = buildTrainingData(space, records, point, output, prior, settings)
        if (data.n >= 2) {
          const start = chain.theta ?? defaultHyperparameters(data.d)
          const steps = chain.theta === undefined ? 2 * settings.fitSteps : settings.fitSteps
          chain.theta = fitHyperparameters(data, start, {
            steps,
            ...(settings.bounds === undefined ? {} : { bounds: settings.bounds }),
          }).theta
        }
        chain.fittedAt = point
      }
      return chain.theta
    },
  }
}
