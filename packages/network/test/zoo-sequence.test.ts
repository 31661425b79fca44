import { readFileSync } from "node:fs"
import { describe, expect, it } from "vitest"
import { type AnalyzedNetwork, analyzeNetworkOrThrow, buildZooNetwork, countNetwork } from "../src/index.js"

// Published sizes and their sources (data/README.md says how each metric is counted).
const published = readFileSync(new URL("../data/zoo-published.csv", import.meta.url), "utf8")
  .trim()
  .split("\n")
  .slice(1)
  .map((line) => {
    const [network = "", metric = "", value = "", unit = "", tolerance = ""] = line.split(",")
    return { network, metric, value: Number(value), unit, tolerance: Number(tolerance) }
  })
const scale: Readonly<Record<string, number>> = { M: 1e6, KB: 1e3 }
const publishedRow = (network: string, metric: string) => {
  const row = published.find((r) => r.network === network && r.metric === metric)
  if (row === undefined) throw new Error(`no published ${metric} for ${network} in data/zoo-published.csv`)
  return { ...row, factor: scale[row.unit] ?? Number.NaN }
}

const analyzed = (spec: string, options = {}): AnalyzedNetwork => {
  const result = buildZooNetwork(spec, options)
  if (!result.ok) throw new Error(result.message)
  return analyzeNetworkOrThrow(result.network)
}
const totals = (spec: string, options = {}) => countNetwork(analyzed(spec, options), "int8").totals

// BERT sizes as released by Turc et al. (L layers, hidden H, A heads, intermediate I = 4H) with
// BERT's uncased vocabulary, 512 positions and 2 token types, over the zoo's default 128 tokens.
const bert = {
  bert_tiny: { L: 2, H: 128, A: 2, I: 512, V: 30522, P: 512, types: 2, T: 128 },
  bert_mini: { L: 4, H: 256, A: 4, I: 1024, V: 30522, P: 512, types: 2, T: 128 },
} as const
type Bert = Readonly<Record<"L" | "H" | "A" | "I" | "V" | "P" | "types" | "T", number>>

// HuggingFace BertModel's parameters: embeddings (three tables and a layer norm); per layer the
// Q, K, V and output projections, a layer norm, the two feed-forward projections, a layer norm;
// the pooler's dense layer.
const bertParams = ({ L, H, I, V, P, types }: Bert) =>
  (V + P + types) * H + 2 * H + L * (4 * (H * H + H) + 2 * H + (H * I + I) + (I * H + H) + 2 * H) + (H * H + H)
// The masked-LM head of the pre-training checkpoints: a dense H x H transform with bias, a layer
// norm, and an output bias per vocabulary entry (the output weights are the token embeddings).
const mlmHeadParams = ({ H, V }: Bert) => H * H + H + 2 * H + V
// MACs per layer: four H x H projections at T positions, Q·Kᵀ and P·V (T x T x H over all heads),
// the two feed-forward projections; the pooler's H x H on the first token. Lookups, softmax and
// layer norms are not MACs.
const bertMacs = ({ L, H, I, T }: Bert) => L * (4 * T * H * H + 2 * T * T * H + 2 * T * H * I) + H * H

describe("BERT-style transformer encoders (bert_tiny, bert_mini)", () => {
  for (const [name, sizes] of Object.entries(bert)) {
    it(`${name}: parameters and MACs equal the architecture's formulas`, () => {
      const counted = totals(name)
      expect(counted.params).toBe(bertParams(sizes))
      expect(counted.macs).toBe(bertMacs(sizes))
    })

    it(`${name}: with the masked-LM head the checkpoint's published size is matched to its rounding`, () => {
      const row = publishedRow(name, "params")
      const checkpoint = totals(name).params + mlmHeadParams(sizes)
      expect(Math.abs(checkpoint / row.factor - row.value)).toBeLessThanOrEqual(row.tolerance)
    })
  }

  it("splits attention into heads: scores are T x heads x T, softmax over the keys, the context back to Tx1xH", () => {
    const network = analyzed("bert_tiny")
    const shape = (name: string) => network.layers.find((layer) => layer.layer.name === name)?.outputShape
    expect(shape("layer1/attention/key_transposed")).toEqual({ h: 64, w: 2, c: 128 })
    expect(shape("layer1/attention/scores")).toEqual({ h: 128, w: 2, c: 128 })
    expect(shape("layer1/attention/context")).toEqual({ h: 128, w: 2, c: 64 })
    expect(shape("layer1/attention/context_joined")).toEqual({ h: 128, w: 1, c: 128 })
    expect(shape("pooler/tanh")).toEqual({ h: 1, w: 1, c: 128 })
    const ops = network.layers.map((layer) => layer.layer.op)
    expect(ops.filter((op) => op === "softmax")).toHaveLength(2)
    expect(ops.filter((op) => op === "layernorm")).toHaveLength(1 + 2 * 2)
    expect(ops.filter((op) => op === "embedding")).toHaveLength(3)
  })

  it("takes key=value options: the sequence length changes MACs, not parameters", () => {
    const short = { ...bert.bert_tiny, T: 64 }
    const counted = totals("bert_tiny:sequence=64")
    expect(counted.macs).toBe(bertMacs(short))
    expect(counted.params).toBe(bertParams(short))
    const base = { L: 12, H: 768, A: 12, I: 3072, V: 30522, P: 512, types: 2, T: 128 }
    expect(totals("bert_mini:layers=12,hidden=768,heads=12,intermediate=3072").params).toBe(bertParams(base))
  })

  it("refuses heads that do not divide the hidden size and sequences longer than the position table", () => {
    const message = (spec: string) => {
      const result = buildZooNetwork(spec)
      return result.ok ? "" : result.message
    }
    expect(message("bert_tiny:heads=3")).toContain("hidden=128 must be a multiple of heads=3")
    expect(message("bert_tiny:sequence=513")).toContain("sequence=513 must be at most positions=512")
    expect(message("bert_tiny:depth=2")).toContain('bert_tiny option "depth" is unknown')
  })
})

// DS-CNN sizes from ARM's ML-KWS-for-MCU train_commands.txt (`--model_size_info`): channels C,
// the first 10x4 convolution's stride, the number of depthwise-separable blocks and the stride of
// the first of them; 49 x 10 MFCC input, 12 keywords.
const dsCnn = {
  ds_cnn_s: { C: 64, stride: [2, 2], blocks: 4, blockStride: 1 },
  ds_cnn_m: { C: 172, stride: [2, 1], blocks: 4, blockStride: 2 },
  ds_cnn_l: { C: 276, stride: [2, 1], blocks: 5, blockStride: 2 },
} as const
interface DsCnn {
  readonly C: number
  readonly stride: readonly [number, number]
  readonly blocks: number
  readonly blockStride: number
}
const classes = 12

// Deployed (batch norm folded) weights and biases: the 10x4 convolution, each block's 3x3
// depthwise and 1x1 pointwise convolutions, the classifier.
const dsCnnParams = ({ C, blocks }: DsCnn, k = classes) => C * 40 + C + blocks * (9 * C + C + C * C + C) + (C * k + k)
// `same` padding: each stride divides the grid, rounding up.
const grids = ({ stride, blockStride }: DsCnn) => {
  const first = { t: Math.ceil(49 / stride[0]), f: Math.ceil(10 / stride[1]) }
  return { first, blocks: { t: Math.ceil(first.t / blockStride), f: Math.ceil(first.f / blockStride) } }
}
const dsCnnMacs = (size: DsCnn) => {
  const { first, blocks } = grids(size)
  return first.t * first.f * size.C * 40 + size.blocks * blocks.t * blocks.f * (9 * size.C + size.C * size.C) + size.C * classes
}

describe("DS-CNN keyword spotters (ds_cnn_s, ds_cnn_m, ds_cnn_l)", () => {
  for (const [name, size] of Object.entries(dsCnn)) {
    it(`${name}: parameters and MACs equal the architecture's formulas`, () => {
      const counted = totals(name)
      expect(counted.params).toBe(dsCnnParams(size))
      expect(counted.macs).toBe(dsCnnMacs(size))
    })

    it(`${name}: memory (8-bit weights + the largest activation pair) and operations match Hello Edge's Table 7`, () => {
      const network = analyzed(name)
      const counts = countNetwork(network, "int8")
      // Activations run in place; every other layer holds its input and output at once.
      const peak = Math.max(...counts.layers.filter((layer) => layer.op !== "activation").map((l) => l.inputBytes + l.outputBytes))
      const memory = publishedRow(name, "memory")
      expect(Math.abs((counts.totals.params + peak) / memory.factor - memory.value)).toBeLessThanOrEqual(memory.tolerance)
      // Operations: a multiply and an add per MAC, and one add per output of a layer with a bias.
      let biasAdds = 0
      counts.layers.forEach((layer, i) => {
        const spec = network.layers[i]?.layer
        if (spec !== undefined && "bias" in spec && spec.bias) biasAdds += layer.outputBytes
      })
      const ops = publishedRow(name, "ops")
      expect(Math.abs((2 * counts.totals.macs + biasAdds) / ops.factor - ops.value)).toBeLessThanOrEqual(ops.tolerance)
      // Two operations per MAC alone fall short by the bias adds: at most 2% (S's share is the largest).
      expect(Math.abs((2 * counts.totals.macs) / ops.factor / ops.value - 1)).toBeLessThan(0.02)
    })
  }

  it("ds_cnn_m's memory is the one figure off by more than the published rounding: 488 bytes under", () => {
    const counts = countNetwork(analyzed("ds_cnn_m"), "int8")
    const { C } = dsCnn.ds_cnn_m
    const { first, blocks } = grids(dsCnn.ds_cnn_m)
    // The first block's depthwise convolution holds the first convolution's output and its own.
    const peak = first.t * first.f * C + blocks.t * blocks.f * C
    const ours = counts.totals.params + peak
    expect(ours).toBe(dsCnnParams(dsCnn.ds_cnn_m) + peak)
    expect(Math.round(publishedRow("ds_cnn_m", "memory").value * 1e3) - ours).toBe(488)
  })

  it("classes change only the classifier", () => {
    expect(totals("ds_cnn_s").params - totals("ds_cnn_s", { classes: 35 }).params).toBe(-(35 - 12) * (64 + 1))
  })
})
