import { positiveInteger } from "@cosearch/space"
import type { OptimizerEntry } from "../optimizer/optimizer-entry.js"
import { createNsga2 } from "./nsga2.js"

const nsga2Settings = {
  /** The population kept from generation to generation. */
  population: positiveInteger,
}

/**
 * `nsga2`: NSGA-II, reading `population`.
 *
 * @example
 * nsga2Entry.create(space, { population: 24, directions: ["maximize", "minimize"] })
 */
export const nsga2Entry: OptimizerEntry<typeof nsga2Settings> = { name: "nsga2", settings: nsga2Settings, create: createNsga2 }
