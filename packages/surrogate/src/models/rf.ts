import type { Random } from "@cosearch/space"
import type { Dataset } from "../data/dataset.js"
import { forestModel } from "./gbt.js"
import type { ModelEntry, ModelFit, ModelTrainer } from "./model.js"
import { binFeatures } from "./tree/binning.js"
import { forestBuilder, freezeForest } from "./tree/forest.js"
import { forestFromJson } from "./tree/forest-json.js"
import { growTree } from "./tree/grow-tree.js"

/** Knobs of a random forest (Breiman 2001: bootstrap samples, random features per split). */
export interface RfOptions {
  /** Trees (default 100). */
  readonly trees?: number
  /** Depth of each tree (default 14). */
  readonly maxDepth?: number
  /** Fewest rows in a leaf (default 2). */
  readonly minLeaf?: number
  /** Fraction of features tried at each split (default 1/3). */
  readonly featureFraction?: number
  /** Histogram bins per feature, 2..256 (default 128). */
  readonly bins?: number
}

/** The defaults of `RfOptions`. */
export const rfDefaults: Required<RfOptions> = { trees: 100, maxDepth: 14, minLeaf: 2, featureFraction: 1 / 3, bins: 128 }

/**
 * Trains a random forest: each tree grows on a bootstrap sample of the training rows, trying a
 * random `featureFraction` of the features at every split; the prediction is the trees' mean.
 * Validation rows are not used in training.
 *
 * @example
 * const { model } = trainRandomForest(train, undefined, { trees: 50 }, createRandom(1))
 */
export const trainRandomForest: ModelTrainer<RfOptions> = (
  train: Dataset,
  _validation: Dataset | undefined,
  options: RfOptions,
  random: Random,
): ModelFit => {
  const settings = { ...rfDefaults, ...options }
  const width = train.featureNames.length
  const binned = binFeatures(train.features, train.rows, width, settings.bins)
  const nodes = forestBuilder()
  const roots: number[] = []
  const rows = new Int32Array(train.rows)
  const grow = {
    maxDepth: settings.maxDepth,
    minLeaf: settings.minLeaf,
    featuresPerSplit: Math.max(1, Math.round(settings.featureFraction * width)),
    leafValue: (sum: number, count: number) => sum / count / settings.trees,
    random,
  }
  for (let tree = 0; tree < settings.trees; tree++) {
    for (let i = 0; i < train.rows; i++) rows[i] = Math.floor(random() * train.rows)
    roots.push(growTree(binned, train.targets, rows, train.rows, grow, nodes))
  }
  return { model: forestModel(freezeForest(nodes, roots, 0), "rf") }
}

/**
 * The `rf` model kind, a random forest: its trainer and loader, as `modelRegistry` lists it.
 *
 * @example
 * modelRegistry.rf === rfEntry // true
 */
export const rfEntry: ModelEntry<RfOptions> = {
  train: trainRandomForest,
  load: (json, width) => forestModel(forestFromJson(json, width), "rf"),
}
