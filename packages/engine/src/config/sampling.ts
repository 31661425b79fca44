import type { ExperimentConfig } from "./experiment-schema.js"

/**
 * How `samplingExperiment` turns an experiment into a data-generation run.
 *
 * @example
 * const options: SamplingOptions = { samples: 100_000, seed: 0, batch: 64 }
 */
export interface SamplingOptions {
  readonly samples: number
  readonly seed?: string | number
  /** Trials planned at once (default 64: sampling needs no feedback, so large batches keep the pool busy). */
  readonly batch?: number
  /** The study's name (default `<name>-sample`). */
  readonly name?: string
}

/**
 * The experiment that samples `samples` random designs of `base`'s space with `base`'s evaluator,
 * objectives and constraints: random search, so the designs are uniform, deterministic per seed
 * and, run by `runStudy`, evaluated in the worker pool, stored as a study and resumable. The
 * constraints are kept so that the stored trials say which designs are feasible.
 *
 * @example
 * const config = samplingExperiment(experiment.config, { samples: 100_000, seed: 0 })
 * yield* runStudy(yield* decodeExperiment(config, { source: "sample", baseDirectory }), { store })
 */
export const samplingExperiment = (base: ExperimentConfig, options: SamplingOptions): ExperimentConfig => {
  const { description: _description, optimizer: _optimizer, budget: _budget, seed: _seed, ...kept } = base
  return {
    ...kept,
    name: options.name ?? `${base.name}-sample`,
    description: `${options.samples} uniform random designs of ${typeof base.space === "string" ? base.space : base.space.name}, for surrogate training`,
    optimizer: { name: "random", batch: options.batch ?? 64 },
    budget: { trials: options.samples },
    seed: options.seed ?? base.seed ?? 0,
  }
}
