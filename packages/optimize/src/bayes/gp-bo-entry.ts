import { positiveInteger } from "@cosearch/space"
import type { OptimizerEntry } from "../optimizer/optimizer-entry.js"
import { createGpBo } from "./gp-bo.js"

const gpBoSettings = {
  /** Random trials before the model is used. */
  initial: positiveInteger,
}

/**
 * `gp-bo`: Gaussian-process Bayesian optimization with expected improvement, reading `initial`.
 *
 * @example
 * gpBoEntry.create(space, { initial: 10, directions: ["maximize"] })
 */
export const gpBoEntry: OptimizerEntry<typeof gpBoSettings> = { name: "gp-bo", settings: gpBoSettings, create: createGpBo }

/**
 * `gp-bo-ucb`: `gp-bo` with the upper confidence bound as acquisition, reading `initial`.
 *
 * @example
 * gpBoUcbEntry.create(space, { initial: 10, directions: ["maximize"] })
 */
export const gpBoUcbEntry: OptimizerEntry<typeof gpBoSettings> = {
  name: "gp-bo-ucb",
  settings: gpBoSettings,
  create: (space, settings) => createGpBo(space, { ...settings, acquisition: "ucb" }),
}
