import { choleskySolve, choleskyWithJitter, logDeterminant, matern52 } from "@cosearch/optimize"
import type { Random } from "@cosearch/space"
import type { Dataset } from "../data/dataset.js"
import { SurrogateDataError } from "../data/errors.js"
import { shuffleFront } from "../data/shuffle.js"
import { type JsonReader, readFiniteArray, readInt, readNumber } from "../json/read-json.js"
import { fitInputScaling, type InputScaling, inputScalingFromJson, inputScalingJson, scaleRow, scaleRows } from "./input-scaling.js"
import type { FittedModel, ModelEntry, ModelFit, ModelTrainer } from "./model.js"

/** Knobs of the Gaussian process (for small data: training is cubic in the points kept). */
export interface GpOptions {
  /** Most training points; a seeded sample of this many is kept when there are more (default 1000). */
  readonly maxPoints?: number
  /** Length scales tried, times sqrt(features) (default [0.25, 0.5, 1, 2]). */
  readonly lengthScales?: readonly number[]
  /** Noise variances tried, relative to the standardized target's unit variance (default [1e-4, 1e-3, 1e-2, 1e-1]). */
  readonly noises?: readonly number[]
}

/** The defaults of `GpOptions`. */
export const gpDefaults: Required<GpOptions> = { maxPoints: 1000, lengthScales: [0.25, 0.5, 1, 2], noises: [1e-4, 1e-3, 1e-2, 1e-1] }

/** Matérn 5/2 correlation (`matern52` of @cosearch/optimize) at squared distance `d` over length scale `l`. */
const matern = (squaredDistance: number, lengthScale: number): number => matern52(Math.sqrt(squaredDistance) / lengthScale)

const squaredDistance = (a: Float64Array, aOffset: number, b: Float64Array, bOffset: number, width: number): number => {
  let sum = 0
  for (let f = 0; f < width; f++) {
    const d = (a[aOffset + f] as number) - (b[bOffset + f] as number)
    sum += d * d
  }
  return sum
}

interface GpState {
  readonly width: number
  readonly points: Float64Array
  readonly weights: Float64Array
  readonly lengthScale: number
  readonly noise: number
  readonly scaling: InputScaling
  readonly targetMean: number
  readonly targetDeviation: number
}

const gpModel = (state: GpState): FittedModel => {
  const { width, points, weights, lengthScale, scaling } = state
  const input = new Float64Array(width)
  const count = weights.length
  return {
    predict: (features, offset) => {
      scaleRow(scaling, features, offset, input)
      let sum = 0
      for (let i = 0; i < count; i++)
        sum += (weights[i] as number) * matern(squaredDistance(input, 0, points, i * width, width), lengthScale)
      return state.targetMean + state.targetDeviation * sum
    },
    toJSON: () => ({
      kind: "gp",
      width,
      points: Array.from(points),
      weights: Array.from(weights),
      lengthScale,
      noise: state.noise,
      scaling: inputScalingJson(scaling),
      targetMean: state.targetMean,
      targetDeviation: state.targetDeviation,
    }),
  }
}

/** K + noise I, row-major, into `out`. */
const withNoise = (kernel: Float64Array, n: number, noise: number, out: Float64Array): Float64Array => {
  out.set(kernel)
  for (let i = 0; i < n; i++) out[i * n + i] = (out[i * n + i] as number) + noise
  return out
}

/**
 * Fits a Gaussian process (zero mean on the standardized target, Matérn 5/2 kernel on the scaled
 * features, Rasmussen and Williams 2006, ch. 2 and 4): for each length scale and noise of the grid,
 * the exact log marginal likelihood from a Cholesky factorization (jitter added when it fails);
 * the best pair's weights `(K + σ²I)⁻¹ y` make the predictive mean. Keeps at most `maxPoints`
 * training rows (a seeded sample).
 *
 * @example
 * const { model } = trainGp(train, undefined, { maxPoints: 500 }, createRandom(1))
 */
export const trainGp: ModelTrainer<GpOptions> = (
  train: Dataset,
  _validation: Dataset | undefined,
  options: GpOptions,
  random: Random,
): ModelFit => {
  const settings = { ...gpDefaults, ...options }
  if (!(Number.isInteger(settings.maxPoints) && settings.maxPoints >= 2)) {
    throw new SurrogateDataError(`gp.maxPoints: expected an integer >= 2, got ${settings.maxPoints}`)
  }
  const width = train.featureNames.length
  const order = Int32Array.from({ length: train.rows }, (_, i) => i)
  const n = Math.min(train.rows, settings.maxPoints)
  shuffleFront(order, n, random)
  const kept = order.subarray(0, n).slice().sort()
  const features = new Float64Array(n * width)
  const rawTargets = new Float64Array(n)
  kept.forEach((row, k) => {
    features.set(train.features.subarray(row * width, (row + 1) * width), k * width)
    rawTargets[k] = train.targets[row] as number
  })
  const subset: Dataset = { featureNames: train.featureNames, rows: n, features, targets: rawTargets }
  const scaling = fitInputScaling(subset)
  const points = scaleRows(scaling, subset)
  let targetMean = 0
  for (const y of rawTargets) targetMean += y
  targetMean /= n
  let variance = 0
  for (const y of rawTargets) variance += (y - targetMean) ** 2
  const targetDeviation = Math.sqrt(variance / n) || 1
  const targets = Float64Array.from(rawTargets, (y) => (y - targetMean) / targetDeviation)

  const distances = new Float64Array(n * n)
  for (let i = 0; i < n; i++)
    for (let j = 0; j < i; j++) {
      const d = squaredDistance(points, i * width, points, j * width, width)
      distances[i * n + j] = d
      distances[j * n + i] = d
    }
  const kernel = new Float64Array(n * n)
  const noisy = new Float64Array(n * n)
  let best: { likelihood: number; lengthScale: number; noise: number; weights: Float64Array } | undefined
  for (const relative of settings.lengthScales) {
    const lengthScale = relative * Math.sqrt(Math.max(1, width))
    for (let k = 0; k < n * n; k++) kernel[k] = matern(distances[k] as number, lengthScale)
    for (const noise of settings.noises) {
      // Jitter from 1e-8 up to 1e-2 of the diagonal when the factorization fails (@cosearch/optimize).
      const factored = choleskyWithJitter(withNoise(kernel, n, noise, noisy), n, { initial: 1e-8, retries: 7 })
      if (!factored.ok) continue
      const alpha = choleskySolve(factored.factor, targets)
      let fit = 0
      for (let i = 0; i < n; i++) fit += (targets[i] as number) * (alpha[i] as number)
      const likelihood = -0.5 * fit - 0.5 * logDeterminant(factored.factor)
      if (best === undefined || likelihood > best.likelihood) best = { likelihood, lengthScale, noise, weights: alpha }
    }
  }
  if (best === undefined)
    throw new SurrogateDataError("gp: the kernel matrix was not positive definite for any length scale and noise tried")
  return {
    model: gpModel({
      width,
      points,
      weights: best.weights,
      lengthScale: best.lengthScale,
      noise: best.noise,
      scaling,
      targetMean,
      targetDeviation,
    }),
  }
}

/** Reads a GP's parameters for `width` features. */
export const gpFromJson = (json: JsonReader, width: number): FittedModel => {
  readInt(json.at("width"), width, width)
  const weights = readFiniteArray(json.at("weights"))
  return gpModel({
    width,
    points: readFiniteArray(json.at("points"), weights.length * width),
    weights,
    lengthScale: readNumber(json.at("lengthScale")),
    noise: readNumber(json.at("noise")),
    scaling: inputScalingFromJson(json.at("scaling"), width),
    targetMean: readNumber(json.at("targetMean")),
    targetDeviation: readNumber(json.at("targetDeviation")),
  })
}

/**
 * The `gp` model kind, a Gaussian process: its trainer and loader, as `modelRegistry` lists it.
 *
 * @example
 * modelRegistry.gp === gpEntry // true
 */
export const gpEntry: ModelEntry<GpOptions> = { train: trainGp, load: gpFromJson }
