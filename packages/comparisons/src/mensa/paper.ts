/**
 * Mensa's averages over its 24 Google edge models (Boroumand et al., "Google Neural Network Models
 * for Edge Devices: Analyzing and Mitigating Machine Learning Inference Bottlenecks", PACT 2021,
 * arXiv:2109.14320, abstract), per baseline preset.
 *
 * @example
 * mensaPaper["mensa-edgetpu"]?.efficiency // 3.0
 */
export const mensaPaper: Readonly<Record<string, { readonly efficiency: number; readonly throughput: number; readonly label: string }>> = {
  "mensa-edgetpu": { efficiency: 3.0, throughput: 3.1, label: "the Edge TPU" },
  "eyeriss-v1-like": { efficiency: 2.4, throughput: 4.3, label: "Eyeriss v2" },
}

/**
 * The model families of the paper's evaluation: CNNs, LSTMs, transducers and RCNNs (recurrent
 * CNNs). The paper reports its per-family results as bar charts; their values are not in its
 * text, so only the averages (`mensaPaper`) stand beside ours.
 *
 * @example
 * const family: MensaFamily = "Transducer"
 */
export type MensaFamily = "CNN" | "LSTM" | "Transducer" | "RCNN"

/**
 * The families in the paper's order.
 *
 * @example
 * for (const family of mensaFamilies) console.log(family)
 */
export const mensaFamilies: readonly MensaFamily[] = ["CNN", "LSTM", "Transducer", "RCNN"]

/**
 * The family of a zoo network spec (`name` or `name:options`): the LSTM encoder is an LSTM, the
 * transducer a transducer, every other zoo network a CNN (the zoo has no RCNN).
 *
 * @example
 * mensaFamilyOf("lstm_encoder:layers=2,hidden=1024") // "LSTM"
 * mensaFamilyOf("resnet50") // "CNN"
 */
export const mensaFamilyOf = (spec: string): MensaFamily => {
  const name = spec.split(":")[0]
  if (name === "lstm_encoder") return "LSTM"
  if (name === "transducer") return "Transducer"
  return "CNN"
}
