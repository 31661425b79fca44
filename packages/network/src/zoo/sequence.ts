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

/** Options of `transducer`. */
export interface TransducerOptions {
  /** LSTM layers of the encoder, their width, the frames of audio and the features per frame. */
  readonly encoder: number
  readonly hidden: number
  readonly steps: number
  readonly features: number
  /** LSTM layers of the prediction network, and the width of the label embedding it reads. */
  readonly prediction: number
  readonly embedding: number
  /** Width of the joint network and the output vocabulary. */
  readonly joint: number
  readonly vocab: number
}

/**
 * An RNN-T-like speech recognizer (the shape of the streaming transducers among Google's edge
 * models, He et al., ICASSP 2019), at one decoding step: an LSTM encoder over `steps` frames; a
 * prediction network (LSTMs) over the previous label's embedding (a dense layer on the one-hot
 * label); and the joint network, which adds the encoder's and the prediction network's
 * projections for every frame, applies tanh and a dense layer onto the vocabulary.
 *
 * @example
 * transducer({ encoder: 2, hidden: 256, steps: 8, features: 80, prediction: 1, embedding: 128, joint: 256, vocab: 256 })
 */
export const transducer = (o: TransducerOptions): Network => {
  const b = new NetworkBuilder(
    `transducer:encoder=${o.encoder},hidden=${o.hidden},steps=${o.steps},features=${o.features},prediction=${o.prediction},embedding=${o.embedding},joint=${o.joint},vocab=${o.vocab}`,
  )
  let audio = b.input({ h: o.steps, w: 1, c: o.features }, "audio")
  for (let i = 0; i < o.encoder; i++) audio = lstmLayer(b, audio, o.hidden, `encoder/lstm${i + 1}`)
  const label = b.input({ h: 1, w: 1, c: o.vocab }, "previous_label")
  let prediction = b.dense(label, o.embedding, { name: "prediction/embedding" })
  for (let i = 0; i < o.prediction; i++) prediction = lstmLayer(b, prediction, o.hidden, `prediction/lstm${i + 1}`)
  const logits = b.scope("joint", () => {
    const fromAudio = b.dense(audio, o.joint, { name: "encoder_projection" })
    const fromLabels = b.dense(prediction, o.joint, { name: "prediction_projection" })
    return b.dense(b.activation(b.add([fromAudio, fromLabels], "sum"), "tanh"), o.vocab, { name: "output" })
  })
  return b.build([logits])
}
