import type { Direction, Trial } from "@cosearch/optimize"
import { createRandom, type Random } from "@cosearch/space"
import { datasetOf, trainSurrogate } from "@cosearch/surrogate"
import { feasibleLosses } from "./losses.js"

/**
 * How much each parameter of a study drives each objective: permutation importance of a seeded
 * random forest (`@cosearch/surrogate`'s `rf`) fitted on the feasible trials. Per objective the
 * importances are non-negative and sum to 1 (all 0 when the forest explains nothing).
 *
 * @example
 * const { parameters, objectives } = parameterImportance(["maximize"], study.trials)
 * parameters[objectives[0].importance.indexOf(Math.max(...objectives[0].importance))] // the parameter that matters most
 */
export interface ParameterImportance {
  readonly parameters: readonly string[]
  /** One entry per objective, importances in `parameters` order. */
  readonly objectives: readonly { readonly importance: readonly number[] }[]
  /** The feasible trials the forests were fitted and scored on (a seeded subsample of a big study). */
  readonly trials: number
}

/** Settings of `parameterImportance`. */
export interface ImportanceOptions {
  /** Seeds the subsample, the split, the forest and the permutations (default 0). */
  readonly seed?: number | string
  /** At most this many feasible trials are used, a seeded uniform subsample (default 3000). */
  readonly maxTrials?: number
  /** Trees of each forest (default 40). */
  readonly trees?: number
}

/** The parameter names of the trials, in the order they first appear. */
const parameterNames = (trials: readonly Trial[]): string[] => {
  const names = new Set<string>()
  for (const trial of trials) for (const name of Object.keys(trial.params)) names.add(name)
  return [...names]
}

/**
 * Numeric columns of the parameters: numbers as they are, booleans 0/1, strings (categorical) as
 * the rank of the value among the column's distinct strings; a parameter a trial lacks (inactive)
 * is one below the column's least value.
 */
const encodeColumns = (trials: readonly Trial[], names: readonly string[]): Float64Array[] => {
  const columns = names.map((name) => {
    const raw = trials.map((trial) => trial.params[name])
    const strings = [...new Set(raw.filter((value): value is string => typeof value === "string"))].sort()
    const code = new Map(strings.map((value, i) => [value, i]))
    const column = new Float64Array(trials.length).fill(Number.NaN)
    raw.forEach((value, i) => {
      if (typeof value === "number" && Number.isFinite(value)) column[i] = value
      else if (typeof value === "boolean") column[i] = value ? 1 : 0
      else if (typeof value === "string") column[i] = code.get(value) as number
    })
    let least = Number.POSITIVE_INFINITY
    for (const value of column) if (value < least) least = value
    const missing = Number.isFinite(least) ? least - 1 : 0
    for (let i = 0; i < column.length; i++) if (Number.isNaN(column[i])) column[i] = missing
    return column
  })
  return columns
}

/** A seeded uniform sample of `size` of `0..count-1`, ascending (all of them when size >= count). */
const sampleIndices = (count: number, size: number, random: Random): number[] => {
  const indices = Array.from({ length: count }, (_, i) => i)
  if (size >= count) return indices
  for (let i = 0; i < size; i++) {
    const j = i + Math.floor(random() * (count - i))
    const swap = indices[i] as number
    indices[i] = indices[j] as number
    indices[j] = swap
  }
  return indices.slice(0, size).sort((a, b) => a - b)
}

/** Shuffles `values` in place (Fisher-Yates) and returns them. */
const shuffle = (values: number[], random: Random): number[] => {
  for (let i = values.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    const swap = values[i] as number
    values[i] = values[j] as number
    values[j] = swap
  }
  return values
}

const meanSquaredError = (predicted: Float64Array, targets: Float64Array): number => {
  let sum = 0
  for (let i = 0; i < targets.length; i++) sum += ((predicted[i] as number) - (targets[i] as number)) ** 2
  return sum / Math.max(1, targets.length)
}

/**
 * The parameter importance of a study (`ParameterImportance`): for each objective a random forest
 * is fitted on three quarters of the (subsampled) feasible trials, and a parameter's importance is
 * how much the forest's mean squared error on the other quarter grows when that parameter's
 * column is shuffled (Breiman's permutation importance), clipped at 0 and normalized to sum 1.
 * Deterministic for a seed. Undefined with fewer than 8 feasible trials or no parameters.
 *
 * @example
 * parameterImportance(["minimize"], study.trials, { seed: 1 })?.objectives[0].importance
 */
export const parameterImportance = (
  directions: readonly Direction[],
  trials: readonly Trial[],
  options: ImportanceOptions = {},
): ParameterImportance | undefined => {
  const { trials: feasible } = feasibleLosses(
    directions,
    [...trials].sort((a, b) => a.number - b.number),
  )
  const seed = options.seed ?? 0
  const random = createRandom(`importance ${seed}`)
  const used = sampleIndices(feasible.length, options.maxTrials ?? 3000, random).map((i) => feasible[i] as Trial)
  const names = parameterNames(used)
  if (used.length < 8 || names.length === 0) return undefined
  const columns = encodeColumns(used, names)
  const width = names.length
  const rows = used.map((_, i) => Float64Array.from(columns, (column) => column[i] as number))
  const order = shuffle(
    used.map((_, i) => i),
    random,
  )
  const testSize = Math.max(2, Math.floor(used.length / 4))
  const testRows = order.slice(0, testSize).sort((a, b) => a - b)
  const trainRows = order.slice(testSize).sort((a, b) => a - b)
  const objectives = directions.map((_, m) => {
    const target = used.map((trial) => (trial.values as readonly number[])[m] as number)
    const train = datasetOf(
      names,
      trainRows.map((i) => rows[i] as Float64Array),
      trainRows.map((i) => target[i] as number),
    )
    const { surrogate } = trainSurrogate(train, `objective ${m}`, {
      model: "rf",
      seed: `${seed} ${m}`,
      validationFraction: 0,
      logTarget: false,
      rf: { trees: options.trees ?? 40, maxDepth: 10, minLeaf: 3, featureFraction: 0.5, bins: 64 },
    })
    const test = new Float64Array(testRows.length * width)
    for (const [i, row] of testRows.entries()) test.set(rows[row] as Float64Array, i * width)
    const targets = Float64Array.from(testRows, (i) => target[i] as number)
    const base = meanSquaredError(surrogate.predictMany(test, testRows.length), targets)
    const permuted = new Float64Array(test)
    const permutationRandom = createRandom(`permutation ${seed} ${m}`)
    const growth = names.map((_, j) => {
      permuted.set(test)
      const shuffled = shuffle(
        testRows.map((_, i) => i),
        permutationRandom,
      )
      shuffled.forEach((from, i) => {
        permuted[i * width + j] = test[from * width + j] as number
      })
      return Math.max(0, meanSquaredError(surrogate.predictMany(permuted, testRows.length), targets) - base)
    })
    const total = growth.reduce((sum, value) => sum + value, 0)
    return { importance: growth.map((value) => (total > 0 ? value / total : 0)) }
  })
  return { parameters: names, objectives, trials: used.length }
}
