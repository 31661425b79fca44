import type { Dataset } from "../data/dataset.js"
import { type JsonReader, readFiniteArray, readIntArray } from "../json/read-json.js"

/**
 * How a smooth model (MLP, GP) sees the features: `log1p` first for non-negative features that
 * span more than a decade (MACs, bytes), then standardized to zero mean and unit deviation on the
 * training rows (a constant feature maps to 0).
 */
export interface InputScaling {
  /** 1 when the feature goes through log1p. */
  readonly log: Uint8Array
  readonly mean: Float64Array
  /** 1 / standard deviation (0 for a constant feature). */
  readonly inverseDeviation: Float64Array
}

/** Scaling fitted on a dataset's rows. */
export const fitInputScaling = (data: Dataset): InputScaling => {
  const width = data.featureNames.length
  const log = new Uint8Array(width)
  const mean = new Float64Array(width)
  const inverseDeviation = new Float64Array(width)
  for (let f = 0; f < width; f++) {
    let min = Number.POSITIVE_INFINITY
    let max = Number.NEGATIVE_INFINITY
    for (let i = 0; i < data.rows; i++) {
      const value = data.features[i * width + f] as number
      if (value < min) min = value
      if (value > max) max = value
    }
    log[f] = min >= 0 && max > 10 * Math.max(min, 1) ? 1 : 0
    let sum = 0
    let squares = 0
    for (let i = 0; i < data.rows; i++) {
      const raw = data.features[i * width + f] as number
      const value = log[f] === 1 ? Math.log1p(raw) : raw
      sum += value
      squares += value * value
    }
    const m = sum / Math.max(1, data.rows)
    const variance = squares / Math.max(1, data.rows) - m * m
    mean[f] = m
    inverseDeviation[f] = variance > 1e-24 ? 1 / Math.sqrt(variance) : 0
  }
  return { log, mean, inverseDeviation }
}

/** Scales the row of `features` at `offset` into `out`. */
export const scaleRow = (scaling: InputScaling, features: ArrayLike<number>, offset: number, out: Float64Array): void => {
  const { log, mean, inverseDeviation } = scaling
  for (let f = 0; f < out.length; f++) {
    const raw = features[offset + f] as number
    out[f] = ((log[f] === 1 ? Math.log1p(raw) : raw) - (mean[f] as number)) * (inverseDeviation[f] as number)
  }
}

/** Every row of a dataset scaled, row-major. */
export const scaleRows = (scaling: InputScaling, data: Dataset): Float64Array => {
  const width = data.featureNames.length
  const out = new Float64Array(data.rows * width)
  for (let i = 0; i < data.rows; i++) scaleRow(scaling, data.features, i * width, out.subarray(i * width, (i + 1) * width))
  return out
}

/** The scaling as JSON. */
export const inputScalingJson = (scaling: InputScaling): Record<string, unknown> => ({
  log: Array.from(scaling.log),
  mean: Array.from(scaling.mean),
  inverseDeviation: Array.from(scaling.inverseDeviation),
})

/** Reads a scaling of `width` features. */
export const inputScalingFromJson = (json: JsonReader, width: number): InputScaling => ({
  log: Uint8Array.from(readIntArray(json.at("log"), 0, 1, width)),
  mean: readFiniteArray(json.at("mean"), width),
  inverseDeviation: readFiniteArray(json.at("inverseDeviation"), width),
})
