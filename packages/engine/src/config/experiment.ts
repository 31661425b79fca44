import { createHash } from "node:crypto"
import type { StudyConstraint, StudyObjective } from "@cosearch/optimize"
import type { Space, SpaceJson } from "@cosearch/space"
import type { EvaluatorConfig } from "../evaluators/registry.js"
import type { NamedSpace } from "../spaces/named-space.js"
import type { ExperimentConfig } from "./experiment-schema.js"

/**
 * Suggestions per batch when the experiment does not say. The optimizer asks a whole batch, the
 * batch is evaluated, then told: so a study's trials depend on (settings, seed, batch), never on
 * the number of workers or on which finished first.
 *
 * @example
 * DEFAULT_BATCH // 8
 */
export const DEFAULT_BATCH = 8

/**
 * A decoded, checked experiment: what the engine runs.
 *
 * @example
 * const experiment = await Effect.runPromise(loadExperimentFile("experiments/nb201-coral.json"))
 * experiment.hash // "5d0c8a..."
 */
export interface Experiment {
  /** The file as written, stored with the study. */
  readonly raw: unknown
  readonly config: ExperimentConfig
  readonly name: string
  readonly space: Space
  readonly spaceSpec: string | SpaceJson
  readonly entry: NamedSpace | undefined
  readonly evaluator: EvaluatorConfig
  readonly objectives: readonly StudyObjective[]
  readonly constraints: readonly StudyConstraint[]
  readonly seed: string
  readonly batch: number
  /** The hash of what decides the trials: space, evaluator, objectives, constraints, optimizer, seed. */
  readonly hash: string
  /** Where relative paths in the file (tables, modules, commands) are read from. */
  readonly baseDirectory: string
}

/** JSON with object keys sorted, so that equal documents give equal text. */
const canonicalJson = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(",")}}`
  }
  return JSON.stringify(value)
}

/**
 * The hash of an experiment's trial-deciding parts. The name, description, budget and execution
 * settings are left out: a study may be continued with a larger budget or another timeout.
 *
 * @example
 * experimentHash(config) === experimentHash({ ...config, budget: { trials: 1000 } }) // true
 */
export const experimentHash = (config: ExperimentConfig): string =>
  createHash("sha256")
    .update(
      canonicalJson({
        space: config.space,
        evaluator: config.evaluator,
        objectives: config.objectives,
        constraints: config.constraints ?? [],
        optimizer: { ...config.optimizer, batch: config.optimizer.batch ?? DEFAULT_BATCH },
        seed: String(config.seed ?? 0),
      }),
    )
    .digest("hex")
    .slice(0, 16)
