import type { Random } from "@cosearch/space"
import type { Dataset } from "../data/dataset.js"
import { gbtEntry } from "./gbt.js"
import { gpEntry } from "./gp.js"
import { mlpEntry } from "./mlp.js"
import type { ModelEntry, ModelFit } from "./model.js"
import { rfEntry } from "./rf.js"

/**
 * Every model kind by name, in listing order: gradient-boosted trees, a random forest, an MLP, a
 * Gaussian process. A new kind is a file in this folder exporting its `ModelEntry` and one line
 * here; `ModelKind`, `modelKinds` and `ModelOptions` follow from this record.
 *
 * @example
 * modelRegistry.gbt.load // reads a saved GBT's parameters
 */
export const modelRegistry = {
  gbt: gbtEntry,
  rf: rfEntry,
  mlp: mlpEntry,
  gp: gpEntry,
} as const

/** The model families a surrogate can be: the names of `modelRegistry`. */
export type ModelKind = keyof typeof modelRegistry

/**
 * Every model kind, for validation and help texts.
 *
 * @example
 * modelKinds // ["gbt", "rf", "mlp", "gp"]
 */
export const modelKinds: readonly ModelKind[] = Object.keys(modelRegistry) as ModelKind[]

/** The options a model entry's trainer takes. */
type OptionsOf<Entry> = Entry extends ModelEntry<infer Options> ? Options : never

/**
 * Model-specific knobs, one object per kind (each field documented with its default).
 *
 * @example
 * const options: ModelOptions = { gbt: { trees: 200 }, mlp: { hidden: [64, 64] } }
 */
export type ModelOptions = { readonly [Kind in ModelKind]?: OptionsOf<(typeof modelRegistry)[Kind]> }

/**
 * Trains a model of `kind` with that kind's own options from `options`.
 *
 * @example
 * const fit = trainModel("rf", train, undefined, { rf: { trees: 100 } }, createRandom(0))
 */
export const trainModel = (
  kind: ModelKind,
  train: Dataset,
  validation: Dataset | undefined,
  options: ModelOptions,
  random: Random,
): ModelFit => {
  const entry = modelRegistry[kind] as ModelEntry<unknown>
  return entry.train(train, validation, options[kind] ?? {}, random)
}
