import type { NoOwnSettings, OptimizerEntry } from "../optimizer/optimizer-entry.js"
import { createP3bo } from "./p3bo.js"

/**
 * `p3bo`: the P3BO ensemble of its default members; it reads no settings of its own.
 *
 * @example
 * p3boEntry.create(space, { directions: ["maximize"], seed: 0 })
 */
export const p3boEntry: OptimizerEntry<NoOwnSettings> = { name: "p3bo", settings: {}, create: createP3bo }
