import { type Configuration, defineSpace, ordinal, type Space } from "@cosearch/space"
import { numberKnob } from "../knobs/read-knob.js"
import type { ImacAccelerator } from "./accelerator.js"
import { defaultImacAccelerator } from "./defaults.js"

/** The searched knobs of an IMAC unit as decoded values: square crossbars and how many. */
export interface ImacKnobs {
  /** Rows and columns of every (square) crossbar. */
  readonly crossbarSize: number
  /** Crossbars on the unit: every layer placed on it must fit them. */
  readonly crossbarCount: number
}

/**
 * The IMAC template's searched knobs: the crossbar size (64, 128 or 256, square; ISAAC's is 128)
 * and the crossbar count (16 to 512) — 18 configurations. Precisions stay TPU-IMAC's (ternary
 * weights, binary inputs) because no accuracy model rewards more bits; the per-operation energies,
 * latencies and areas stay `defaultImacAccelerator`'s (docs/heterogeneous.md).
 *
 * @example
 * cardinality(imacKnobs) // 18n
 */
export const imacKnobs: Space = defineSpace({
  name: "imac-knobs",
  parameters: [
    ordinal("crossbar_size", [64, 128, 256], { description: "rows = columns of each crossbar" }),
    ordinal("crossbar_count", [16, 32, 64, 128, 256, 512], { description: "crossbars on the unit" }),
  ],
})

/**
 * Decodes a configuration of `imacKnobs` (un-prefixed) to typed knobs.
 *
 * @example
 * imacKnobsOf({ crossbar_size: 128, crossbar_count: 64 }) // { crossbarSize: 128, crossbarCount: 64 }
 */
export const imacKnobsOf = (config: Configuration): ImacKnobs => ({
  crossbarSize: numberKnob(config, "crossbar_size"),
  crossbarCount: numberKnob(config, "crossbar_count"),
})

/**
 * An IMAC unit from its knobs: `base` (default `defaultImacAccelerator`) with the crossbar size
 * and count replaced.
 *
 * @example
 * imacFromKnobs({ crossbarSize: 256, crossbarCount: 32 }).crossbarRows // 256
 */
export const imacFromKnobs = (knobs: ImacKnobs, base: ImacAccelerator = defaultImacAccelerator): ImacAccelerator => ({
  ...base,
  name: `imac-${knobs.crossbarCount}x${knobs.crossbarSize}`,
  crossbarRows: knobs.crossbarSize,
  crossbarColumns: knobs.crossbarSize,
  crossbarCount: knobs.crossbarCount,
})
