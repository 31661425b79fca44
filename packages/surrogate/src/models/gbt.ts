import type { Random } from "@cosearch/space"
import type { Dataset } from "../data/dataset.js"
import { shuffleFront } from "../data/shuffle.js"
import type { FittedModel, ModelEntry, ModelFit, ModelTrainer } from "./model.js"
import { binFeatures } from "./tree/binning.js"
import { completeForestOf, predictCompleteForest, predictCompleteForestMany } from "./tree/complete-forest.js"
import { type Forest, forestBuilder, freezeForest, predictForest, predictForestMany, predictTree } from "./tree/forest.js"
import { forestFromJson, forestJson } from "./tree/forest-json.js"
import { growTree } from "./tree/grow-tree.js"

/** Knobs of gradient-boosted trees (least-squares boosting, Friedman 2001, with row subsampling). */
export interface GbtOptions {
  /** Most boosting rounds (default 600). */
  readonly trees?: number
  /** Shrinkage of each tree (default 0.08). */
  readonly learningRate?: number
  /** Depth of each tree (default 6). */
  readonly maxDepth?: number
  /** Fewest rows in a leaf (default 5). */
  readonly minLeaf?: number
  /** Fraction of training rows each tree sees (default 0.8). */
  readonly subsample?: number
  /** Fraction of the features each tree may split on, drawn per tree (default 0.5). */
  readonly featureFraction?: number
  /** Histogram bins per feature, 2..256 (default 64). */
  readonly bins?: number
  /** Stop when the validation error has not improved for this many rounds (default 40). */
  readonly patience?: number
}

/** The defaults of `GbtOptions`. */
export const gbtDefaults: Required<GbtOptions> = {
  trees: 600,
  learningRate: 0.08,
  maxDepth: 6,
  minLeaf: 5,
  subsample: 0.8,
  featureFraction: 0.5,
  bins: 64,
  patience: 40,
}

/** A trained forest as a fitted model: the branch-free complete layout when the trees are shallow enough, else the node layout. */
export const forestModel = (forest: Forest, kind: "gbt" | "rf"): FittedModel => {
  const complete = completeForestOf(forest)
  if (complete === undefined) {
    return {
      predict: (features, offset) => predictForest(forest, features, offset),
      predictMany: (features, rows, width, out) => predictForestMany(forest, features, rows, width, out),
      toJSON: () => ({ kind, ...forestJson(forest) }),
    }
  }
  return {
    predict: (features, offset) => predictCompleteForest(complete, features, offset),
    predictMany: (features, rows, width, out) => predictCompleteForestMany(complete, features, rows, width, out),
    toJSON: () => ({ kind, ...forestJson(forest) }),
  }
}

/**
 * Trains gradient-boosted regression trees: starting from the mean, each round fits a tree to the
 * residuals of a random `subsample` of the training rows and adds it scaled by `learningRate`;
 * with validation rows, training keeps the rounds up to the lowest validation error and stops
 * `patience` rounds after it.
 *
 * @example
 * const { model, epochs } = trainGbt(train, validation, { trees: 300 }, createRandom(1))
 */
export const trainGbt: ModelTrainer<GbtOptions> = (
  train: Dataset,
  validation: Dataset | undefined,
  options: GbtOptions,
  random: Random,
): ModelFit => {
  const settings = { ...gbtDefaults, ...options }
  const width = train.featureNames.length
  const binned = binFeatures(train.features, train.rows, width, settings.bins)
  let base = 0
  for (let i = 0; i < train.rows; i++) base += train.targets[i] as number
  base /= Math.max(1, train.rows)
  const fitted = new Float64Array(train.rows).fill(base)
  const residuals = new Float64Array(train.rows)
  const validationFitted = new Float64Array(validation?.rows ?? 0).fill(base)
  const order = Int32Array.from({ length: train.rows }, (_, i) => i)
  const sampled = Math.max(1, Math.round(settings.subsample * train.rows))
  const nodes = forestBuilder()
  const roots: number[] = []
  const allColumns = Int32Array.from({ length: width }, (_, f) => f)
  const perTree = Math.max(1, Math.min(width, Math.round(settings.featureFraction * width)))
  const grow = {
    maxDepth: settings.maxDepth,
    minLeaf: settings.minLeaf,
    featuresPerSplit: width,
    leafValue: (sum: number, count: number) => (settings.learningRate * sum) / count,
    random,
  }
  let bestRounds = 0
  let bestError = Number.POSITIVE_INFINITY
  for (let round = 0; round < settings.trees; round++) {
    for (let i = 0; i < train.rows; i++) residuals[i] = (train.targets[i] as number) - (fitted[i] as number)
    if (sampled < train.rows) shuffleFront(order, sampled, random)
    const rows = order.slice(0, sampled)
    if (perTree < width) shuffleFront(allColumns, perTree, random)
    const columns = allColumns.slice(0, perTree).sort()
    const root = growTree(binned, residuals, rows, sampled, { ...grow, columns }, nodes)
    roots.push(root)
    for (let i = 0; i < train.rows; i++) fitted[i] = (fitted[i] as number) + predictTree(nodes, root, train.features, i * width)
    if (validation === undefined || validation.rows === 0) {
      bestRounds = round + 1
      continue
    }
    let error = 0
    for (let i = 0; i < validation.rows; i++) {
      const value = (validationFitted[i] as number) + predictTree(nodes, root, validation.features, i * width)
      validationFitted[i] = value
      error += (value - (validation.targets[i] as number)) ** 2
    }
    if (error < bestError) {
      bestError = error
      bestRounds = round + 1
    } else if (round + 1 - bestRounds >= settings.patience) break
  }
  return { model: forestModel(freezeForest(nodes, roots, base, bestRounds), "gbt"), epochs: bestRounds }
}

/**
 * The `gbt` model kind, gradient-boosted trees: its trainer and loader, as `modelRegistry` lists it.
 *
 * @example
 * modelRegistry.gbt === gbtEntry // true
 */
export const gbtEntry: ModelEntry<GbtOptions> = { train: trainGbt, load: (json, width) => forestModel(forestFromJson(json, width), "gbt") }
