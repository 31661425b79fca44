import { positiveInteger } from "@cosearch/space"
import type { OptimizerEntry } from "../optimizer/optimizer-entry.js"
import { createAgingEvolution } from "./aging-evolution.js"

const evolutionSettings = {
  /** The population (the trials a tournament draws from). */
  population: positiveInteger,
  /** The tournament size: at most the population. */
  sampleSize: positiveInteger,
}

/**
 * `evolution`: regularized (aging) evolution, reading `population` and `sampleSize`.
 *
 * @example
 * evolutionEntry.create(space, { population: 20, sampleSize: 5, directions: ["maximize"] })
 */
export const evolutionEntry: OptimizerEntry<typeof evolutionSettings> = {
  name: "evolution",
  settings: evolutionSettings,
  create: createAgingEvolution,
  settingIssues: ({ population, sampleSize }) =>
    sampleSize !== undefined && sampleSize > (population ?? Number.POSITIVE_INFINITY)
      ? [{ setting: "sampleSize", message: `expected at most the population (${population}), got ${sampleSize}` }]
      : [],
}
