import type { NoOwnSettings, OptimizerEntry } from "../optimizer/optimizer-entry.js"
import { createRandomSearch } from "./random-search.js"

/**
 * `random`: uniform random search; it reads no settings of its own.
 *
 * @example
 * randomSearchEntry.create(space, { seed: 0 })
 */
export const randomSearchEntry: OptimizerEntry<NoOwnSettings> = { name: "random", settings: {}, create: createRandomSearch }
