import { normalDraw, type Random } from "@cosearch/space"
import type { Dataset } from "../data/dataset.js"
import { shuffleFront } from "../data/shuffle.js"
import { type JsonReader, readFiniteArray, readIntArray, readNumber } from "../json/read-json.js"
import { fitInputScaling, type InputScaling, inputScalingFromJson, inputScalingJson, scaleRow, scaleRows } from "./input-scaling.js"
import type { FittedModel, ModelEntry, ModelFit, ModelTrainer } from "./model.js"

/** Knobs of the multi-layer perceptron. */
export interface MlpOptions {
  /** Units of each hidden layer (default [64, 64]); ReLU activations, a linear output. */
  readonly hidden?: readonly number[]
  /** Most passes over the training rows (default 200). */
  readonly epochs?: number
  /** Rows per Adam step (default 64). */
  readonly batchSize?: number
  /** Adam's step size (default 0.002), halved when validation stalls for `patience / 2` epochs. */
  readonly learningRate?: number
  /** Stop when the validation error has not improved for this many epochs (default 20). */
  readonly patience?: number
  /** L2 penalty on the weights (default 1e-5). */
  readonly weightDecay?: number
}

/** The defaults of `MlpOptions`. */
export const mlpDefaults: Required<MlpOptions> = {
  hidden: [64, 64],
  epochs: 200,
  batchSize: 64,
  learningRate: 0.002,
  patience: 20,
  weightDecay: 1e-5,
}

/** The network's parameters: per layer a weight matrix (outputs x inputs, row-major) and biases. */
interface Layers {
  readonly sizes: readonly number[]
  readonly weights: Float64Array[]
  readonly biases: Float64Array[]
}

/** A forward pass with scratch activations per layer; returns the output. */
const forward = (layers: Layers, input: Float64Array, activations: Float64Array[]): number => {
  const { sizes, weights, biases } = layers
  activations[0] = input
  for (let l = 0; l < weights.length; l++) {
    const inputs = sizes[l] as number
    const outputs = sizes[l + 1] as number
    const w = weights[l] as Float64Array
    const b = biases[l] as Float64Array
    const x = activations[l] as Float64Array
    const y = activations[l + 1] as Float64Array
    const hidden = l < weights.length - 1
    for (let o = 0; o < outputs; o++) {
      let sum = b[o] as number
      const row = o * inputs
      for (let i = 0; i < inputs; i++) sum += (w[row + i] as number) * (x[i] as number)
      y[o] = hidden && sum < 0 ? 0 : sum
    }
  }
  return (activations[weights.length] as Float64Array)[0] as number
}

const scratchOf = (sizes: readonly number[]): Float64Array[] => sizes.map((size) => new Float64Array(size))

interface Normalized {
  readonly scaling: InputScaling
  readonly targetMean: number
  readonly targetDeviation: number
}

const mlpModel = (layers: Layers, normalized: Normalized): FittedModel => {
  const width = layers.sizes[0] as number
  const input = new Float64Array(width)
  const activations = scratchOf(layers.sizes)
  return {
    predict: (features, offset) => {
      scaleRow(normalized.scaling, features, offset, input)
      return normalized.targetMean + normalized.targetDeviation * forward(layers, input, activations)
    },
    toJSON: () => ({
      kind: "mlp",
      sizes: [...layers.sizes],
      weights: layers.weights.map((w) => Array.from(w)),
      biases: layers.biases.map((b) => Array.from(b)),
      scaling: inputScalingJson(normalized.scaling),
      targetMean: normalized.targetMean,
      targetDeviation: normalized.targetDeviation,
    }),
  }
}

/**
 * Trains an MLP: inputs log-scaled and standardized (`InputScaling`), the target standardized;
 * He-normal initial weights from the seed; minibatch Adam (Kingma and Ba, 2015) on the squared
 * error with a small L2 penalty; after each epoch the validation error decides early stopping
 * (the best epoch's weights are kept) and halves the step size when it stalls.
 *
 * @example
 * const { model, epochs } = trainMlp(train, validation, { hidden: [32, 32] }, createRandom(1))
 */
export const trainMlp: ModelTrainer<MlpOptions> = (
  train: Dataset,
  validation: Dataset | undefined,
  options: MlpOptions,
  random: Random,
): ModelFit => {
  const settings = { ...mlpDefaults, ...options }
  const width = train.featureNames.length
  const scaling = fitInputScaling(train)
  let targetMean = 0
  for (let i = 0; i < train.rows; i++) targetMean += train.targets[i] as number
  targetMean /= train.rows
  let variance = 0
  for (let i = 0; i < train.rows; i++) variance += ((train.targets[i] as number) - targetMean) ** 2
  const targetDeviation = Math.sqrt(variance / train.rows) || 1
  const normalized = { scaling, targetMean, targetDeviation }
  const inputs = scaleRows(scaling, train)
  const targets = train.targets.map((y) => (y - targetMean) / targetDeviation)
  const validationInputs = validation === undefined ? undefined : scaleRows(scaling, validation)

  const sizes = [width, ...settings.hidden, 1]
  const weights = sizes.slice(1).map((outputs, l) => {
    const fanIn = sizes[l] as number
    const scale = Math.sqrt(2 / fanIn)
    return Float64Array.from({ length: outputs * fanIn }, () => scale * normalDraw(random))
  })
  const biases = sizes.slice(1).map((outputs) => new Float64Array(outputs))
  const layers: Layers = { sizes, weights, biases }
  const gradW = weights.map((w) => new Float64Array(w.length))
  const gradB = biases.map((b) => new Float64Array(b.length))
  const moments = [...weights, ...biases].map((p) => ({ m: new Float64Array(p.length), v: new Float64Array(p.length) }))
  const activations = scratchOf(sizes)
  const deltas = scratchOf(sizes)
  const order = Int32Array.from({ length: train.rows }, (_, i) => i)
  let step = 0
  let rate = settings.learningRate
  let best = { error: Number.POSITIVE_INFINITY, epoch: 0, weights: weights.map((w) => w.slice()), biases: biases.map((b) => b.slice()) }
  let sinceDecay = 0
  let epoch = 0
  for (; epoch < settings.epochs; epoch++) {
    shuffleFront(order, order.length, random)
    for (let start = 0; start < order.length; start += settings.batchSize) {
      const end = Math.min(order.length, start + settings.batchSize)
      for (const g of gradW) g.fill(0)
      for (const g of gradB) g.fill(0)
      for (let k = start; k < end; k++) {
        const row = order[k] as number
        const output = forward(layers, inputs.subarray(row * width, (row + 1) * width), activations)
        ;(deltas[weights.length] as Float64Array)[0] = output - (targets[row] as number)
        for (let l = weights.length - 1; l >= 0; l--) {
          const fanIn = sizes[l] as number
          const outputs = sizes[l + 1] as number
          const w = weights[l] as Float64Array
          const x = activations[l] as Float64Array
          const delta = deltas[l + 1] as Float64Array
          const below = deltas[l] as Float64Array
          const gw = gradW[l] as Float64Array
          const gb = gradB[l] as Float64Array
          if (l > 0) below.fill(0)
          for (let o = 0; o < outputs; o++) {
            const d = delta[o] as number
            if (d === 0) continue
            gb[o] = (gb[o] as number) + d
            const rowStart = o * fanIn
            for (let i = 0; i < fanIn; i++) {
              gw[rowStart + i] = (gw[rowStart + i] as number) + d * (x[i] as number)
              if (l > 0) below[i] = (below[i] as number) + d * (w[rowStart + i] as number)
            }
          }
          if (l > 0) for (let i = 0; i < fanIn; i++) if ((x[i] as number) <= 0) below[i] = 0
        }
      }
      // Adam on the batch's mean gradient.
      step++
      const count = end - start
      const correction1 = 1 - 0.9 ** step
      const correction2 = 1 - 0.999 ** step
      const parameters = [...weights, ...biases]
      const gradients = [...gradW, ...gradB]
      parameters.forEach((p, index) => {
        const g = gradients[index] as Float64Array
        const { m, v } = moments[index] as { m: Float64Array; v: Float64Array }
        const decay = index < weights.length ? settings.weightDecay : 0
        for (let i = 0; i < p.length; i++) {
          const gradient = (g[i] as number) / count + decay * (p[i] as number)
          m[i] = 0.9 * (m[i] as number) + 0.1 * gradient
          v[i] = 0.999 * (v[i] as number) + 0.001 * gradient * gradient
          p[i] = (p[i] as number) - (rate * ((m[i] as number) / correction1)) / (Math.sqrt((v[i] as number) / correction2) + 1e-8)
        }
      })
    }
    if (validation === undefined || validationInputs === undefined || validation.rows === 0) continue
    let error = 0
    for (let i = 0; i < validation.rows; i++) {
      const output = forward(layers, validationInputs.subarray(i * width, (i + 1) * width), activations)
      error += (targetMean + targetDeviation * output - (validation.targets[i] as number)) ** 2
    }
    if (error < best.error) {
      best = { error, epoch: epoch + 1, weights: weights.map((w) => w.slice()), biases: biases.map((b) => b.slice()) }
      sinceDecay = 0
    } else {
      sinceDecay++
      if (sinceDecay >= Math.max(1, Math.floor(settings.patience / 2))) {
        rate /= 2
        sinceDecay = 0
      }
      if (epoch + 1 - best.epoch >= settings.patience) break
    }
  }
  if (validation === undefined || validation.rows === 0) return { model: mlpModel(layers, normalized), epochs: epoch }
  return { model: mlpModel({ sizes, weights: best.weights, biases: best.biases }, normalized), epochs: best.epoch }
}

/** Reads an MLP's parameters for `width` features. */
export const mlpFromJson = (json: JsonReader, width: number): FittedModel => {
  const sizes = Array.from(readIntArray(json.at("sizes"), 1, 1 << 20))
  if (sizes.length < 2 || sizes[0] !== width || sizes[sizes.length - 1] !== 1) json.at("sizes").fail(`[${width}, ...hidden, 1]`)
  const weights = sizes.slice(1).map((outputs, l) => readFiniteArray(json.at("weights").at(l), outputs * (sizes[l] as number)))
  const biases = sizes.slice(1).map((outputs, l) => readFiniteArray(json.at("biases").at(l), outputs))
  return mlpModel(
    { sizes, weights, biases },
    {
      scaling: inputScalingFromJson(json.at("scaling"), width),
      targetMean: readNumber(json.at("targetMean")),
      targetDeviation: readNumber(json.at("targetDeviation")),
    },
  )
}

/**
 * The `mlp` model kind, a multilayer perceptron: its trainer and loader, as `modelRegistry` lists it.
 *
 * @example
 * modelRegistry.mlp === mlpEntry // true
 */
export const mlpEntry: ModelEntry<MlpOptions> = { train: trainMlp, load: mlpFromJson }
