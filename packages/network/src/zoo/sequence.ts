import { lstmLayer } from "../blocks/lstm-cell.js"
import { NetworkBuilder } from "../builder/builder.js"
import type { Network } from "../graph/network.js"

/**
 * A feed-forward classifier: a flattened input, dense layers with ReLU, and a dense output layer,
 * as the spectrogram classifiers compared on the Edge TPU and a Cortex-A53 (Hosseininoorbin et
 * al., "Exploring Edge TPU for deep feed-forward neural networks", 2023).
 *
 * @param sizes input features, then each dense layer's units (the last is the class count).
 * @example
 * ffnn([1024, 256, 256, 5]) // 1024 -> 256 -> 256 -> 5
 */
export const ffnn = (sizes: readonly number[]): Network => {
  const b = new NetworkBuilder(`ffnn:${sizes.join("-")}`)
  let x = b.input({ h: 1, w: 1, c: sizes[0] as number })
  sizes.slice(1).forEach((units, i) => {
    const last = i === sizes.length - 2
    x = b.scope(`fc${i + 1}`, () => {
      const y = b.dense(x, units, { name: "dense" })
      return last ? y : b.activation(y, "relu")
    })
  })
  return b.build()
}

/** Options of `lstmEncoder`. */
export interface LstmEncoderOptions {
  readonly layers: number
  readonly hidden: number
  readonly steps: number
  /** Features per input step (e.g. 80 log-mel bins). */
  readonly features: number
}

/**
 * A stack of LSTM layers over a sequence (a speech encoder such as the RNN-T encoders among
 * Google's edge models), each unrolled into matmuls and element-wise ops (see `lstmLayer`).
 *
 * @example
 * lstmEncoder({ layers: 2, hidden: 256, steps: 8, features: 80 })
 */
export const lstmEncoder = (o: LstmEncoderOptions): Network => {
  const b = new NetworkBuilder(`lstm_encoder:layers=${o.layers},hidden=${o.hidden},steps=${o.steps},features=${o.features}`)
  let x = b.input({ h: o.steps, w: 1, c: o.features })
  for (let i = 0; i < o.layers; i++) x = lstmLayer(b, x, o.hidden, `lstm${i + 1}`)
  return b.build()
}
