import type { Space } from "@cosearch/space"
import { createGpBo } from "../bayes/gp-bo.js"
import { createP3bo } from "../ensemble/p3bo.js"
import { createAgingEvolution } from "../evolution/aging-evolution.js"
import { createNsga2 } from "../nsga2/nsga2.js"
import type { CommonSettings, Optimizer } from "../optimizer/optimizer.js"
import { createRandomSearch } from "../random-search/random-search.js"
import type { WarmStart } from "../transfer/warm-start.js"

/**
 * The built-in optimizers by name, with their default settings: what a config file or a CLI flag
 * names.
 *
 * @example
 * optimizerNames // ["random", "evolution", "nsga2", "gp-bo", "gp-bo-ucb", "p3bo"]
 */
export const optimizerNames: readonly string[] = ["random", "evolution", "nsga2", "gp-bo", "gp-bo-ucb", "p3bo"]

/**
 * Settings every named optimizer takes.
 *
 * @example
 * const settings: NamedOptimizerSettings = { directions: ["maximize"], seed: 3 }
 */
export interface NamedOptimizerSettings extends CommonSettings {
  readonly warmStart?: WarmStart
  /** Population of `evolution` and `nsga2` (ignored by the others). */
  readonly population?: number
  /** Tournament size of `evolution` (ignored by the others). */
  readonly sampleSize?: number
  /** Random trials before the model of `gp-bo` and `gp-bo-ucb` (ignored by the others). */
  readonly initial?: number
}

/**
 * Creates a built-in optimizer by name with its defaults.
 *
 * @throws RangeError for an unknown name.
 * @example
 * const optimizer = createOptimizerByName("gp-bo", nb201Space, { directions: ["maximize"], seed: 0 })
 */
export const createOptimizerByName = (name: string, space: Space, settings: NamedOptimizerSettings = {}): Optimizer => {
  switch (name) {
    case "random":
      return createRandomSearch(space, settings)
    case "evolution":
      return createAgingEvolution(space, settings)
    case "nsga2":
      return createNsga2(space, settings)
    case "gp-bo":
      return createGpBo(space, settings)
    case "gp-bo-ucb":
      return createGpBo(space, { ...settings, acquisition: "ucb" })
    case "p3bo":
      return createP3bo(space, settings)
    default:
      throw new RangeError(`unknown optimizer "${name}"; the optimizers are ${optimizerNames.join(", ")}`)
  }
}
