import { readFileSync } from "node:fs"
import onnxProto from "onnx-proto"
import { describe, expect, it } from "vitest"
import { analyzeNetworkOrThrow, countNetwork, type Network, readOnnxNetwork } from "../src/index.js"
import { type NodeSpec, onnxModel } from "./onnx-builder.js"

const counts = (network: Network) => countNetwork(analyzeNetworkOrThrow(network), "int8").totals
const ops = (network: Network) => {
  const tally: Record<string, number> = {}
  for (const layer of network.layers) {
    const key = layer.op === "activation" ? `activation ${layer.fn}` : layer.op
    tally[key] = (tally[key] ?? 0) + 1
  }
  return tally
}
const int64 = (name: string, values: readonly number[]): NodeSpec => ({
  op: "Constant",
  inputs: [],
  outputs: [name],
  attributes: { value: { tensor: [values.length], values } },
})
const scalar = (name: string, value: number): NodeSpec => ({
  op: "Constant",
  inputs: [],
  outputs: [name],
  attributes: { value: { tensor: [], values: [value] } },
})

// One BERT encoder layer in the form torch.onnx writes it (opset 17): Linear as MatMul + Add,
// heads split by Reshape and Transpose, scores scaled and masked, Softmax, LayerNormalization, and
// the erf-based GELU of the feed-forward block. T tokens of width D, `heads` heads of D / heads.
const T = 8
const D = 16
const heads = 2
const dk = D / heads
const linear = (name: string, input: string): NodeSpec[] => [
  { op: "MatMul", inputs: [input, `${name}.weight`], outputs: [`${name}/mm`], name: `${name}` },
  { op: "Add", inputs: [`${name}/mm`, `${name}.bias`], outputs: [name], name: `${name}/bias` },
]
const encoderLayer = () =>
  onnxModel({
    input: [
      { name: "x", dims: ["batch", T, D] },
      { name: "mask", dims: ["batch", T], elementType: 7 },
    ],
    opset: 17,
    initializers: {
      "q.weight": [D, D],
      "q.bias": [D],
      "k.weight": [D, D],
      "k.bias": [D],
      "v.weight": [D, D],
      "v.bias": [D],
      "o.weight": [D, D],
      "o.bias": [D],
      "ln1.scale": [D],
      "ln1.bias": [D],
      "up.weight": [D, 4 * D],
      "up.bias": [4 * D],
      "down.weight": [4 * D, D],
      "down.bias": [D],
      "ln2.scale": [D],
      "ln2.bias": [D],
    },
    nodes: [
      ...linear("q", "x"),
      ...linear("k", "x"),
      ...linear("v", "x"),
      int64("split", [0, 0, heads, dk]),
      { op: "Reshape", inputs: ["q", "split"], outputs: ["q4"] },
      { op: "Transpose", inputs: ["q4"], outputs: ["qh"], attributes: { perm: [0, 2, 1, 3] } },
      { op: "Reshape", inputs: ["k", "split"], outputs: ["k4"] },
      { op: "Transpose", inputs: ["k4"], outputs: ["kt"], attributes: { perm: [0, 2, 3, 1] } },
      { op: "Reshape", inputs: ["v", "split"], outputs: ["v4"] },
      { op: "Transpose", inputs: ["v4"], outputs: ["vh"], attributes: { perm: [0, 2, 1, 3] } },
      { op: "MatMul", inputs: ["qh", "kt"], outputs: ["scores"], name: "scores" },
      scalar("sqrt_dk", Math.sqrt(dk)),
      { op: "Div", inputs: ["scores", "sqrt_dk"], outputs: ["scaled"] },
      int64("mask_axes", [1, 2]),
      { op: "Unsqueeze", inputs: ["mask", "mask_axes"], outputs: ["mask4"] },
      { op: "Cast", inputs: ["mask4"], outputs: ["maskf"], attributes: { to: 1 } },
      scalar("one", 1),
      { op: "Sub", inputs: ["one", "maskf"], outputs: ["inverted"] },
      scalar("large", -10000),
      { op: "Mul", inputs: ["inverted", "large"], outputs: ["bias"] },
      { op: "Add", inputs: ["scaled", "bias"], outputs: ["masked"], name: "masked" },
      { op: "Softmax", inputs: ["masked"], outputs: ["probabilities"], name: "softmax", attributes: { axis: -1 } },
      { op: "MatMul", inputs: ["probabilities", "vh"], outputs: ["context4"], name: "context" },
      { op: "Transpose", inputs: ["context4"], outputs: ["context_t"], attributes: { perm: [0, 2, 1, 3] } },
      int64("merge", [0, 0, D]),
      { op: "Reshape", inputs: ["context_t", "merge"], outputs: ["context"] },
      ...linear("o", "context"),
      { op: "Add", inputs: ["o", "x"], outputs: ["residual1"], name: "residual1" },
      { op: "LayerNormalization", inputs: ["residual1", "ln1.scale", "ln1.bias"], outputs: ["y1"], name: "ln1", attributes: { axis: -1 } },
      ...linear("up", "y1"),
      scalar("sqrt2", Math.SQRT2),
      { op: "Div", inputs: ["up", "sqrt2"], outputs: ["up_scaled"] },
      { op: "Erf", inputs: ["up_scaled"], outputs: ["erf"], name: "gelu" },
      { op: "Add", inputs: ["erf", "one"], outputs: ["erf1"] },
      { op: "Mul", inputs: ["up", "erf1"], outputs: ["gated"], name: "gated" },
      scalar("half", 0.5),
      { op: "Mul", inputs: ["gated", "half"], outputs: ["activated"] },
      ...linear("down", "activated"),
      { op: "Add", inputs: ["down", "y1"], outputs: ["residual2"], name: "residual2" },
      { op: "LayerNormalization", inputs: ["residual2", "ln2.scale", "ln2.bias"], outputs: ["y2"], name: "ln2", attributes: { axis: -1 } },
    ],
    outputs: ["y2"],
  })

describe("readOnnxNetwork on sequence models", () => {
  it("reads a BERT encoder layer as torch.onnx writes it into dense, matmul, softmax and layernorm layers counted by hand", () => {
    const read = readOnnxNetwork(encoderLayer(), "encoder")
    if (!read.ok) throw new Error(read.errors.join("\n"))
    const tally = ops(read.network)
    expect(tally).toMatchObject({ dense: 6, matmul: 2, softmax: 1, layernorm: 2, "activation gelu": 1 })
    const totals = counts(read.network)
    // Q, K, V and the output projection (T x D x D each), the feed-forward block (2 x T x D x 4D),
    // and per head QK^T and PV (T x T x dk each).
    expect(totals.macs).toBe(4 * T * D * D + 2 * T * D * 4 * D + 2 * heads * T * T * dk)
    // Every initializer is a parameter here (weights, biases folded into their MatMul's dense
    // layer, layer norms' scale and shift).
    expect(totals.params).toBe(4 * (D * D + D) + 2 * D + (D * 4 * D + 4 * D) + (4 * D * D + D) + 2 * D)
    expect(totals.params).toBe(read.initializerElements)
    expect(read.report).toContainEqual({ op: "MatMul", count: 8, treatment: "layers", detail: "dense, matmul (two activations)" })
    expect(read.report).toContainEqual({ op: "Softmax", count: 1, treatment: "layers", detail: "softmax along c" })
    // The scores of each head: T x T, on (h, c), the heads on w.
    const analyzed = analyzeNetworkOrThrow(read.network)
    expect(analyzed.layers.find((layer) => layer.layer.name === "scores")?.outputShape).toEqual({ h: T, w: heads, c: T })
    expect(analyzed.layers.find((layer) => layer.layer.name === "ln2")?.outputShape).toEqual({ h: T, w: 1, c: D })
  })

  it("reads a transposed convolution, a resize, a split and slices with the output shapes ONNX's formulas give", () => {
    const bytes = onnxModel({
      input: { name: "x", dims: [1, 8, 5, 5] },
      opset: 13,
      initializers: { up: [8, 4, 3, 3] },
      nodes: [
        // (5 - 1) x 2 - 1 - 1 + 3 + 1 = 10 per axis, 4 filters.
        {
          op: "ConvTranspose",
          inputs: ["x", "up"],
          outputs: ["deconv"],
          name: "deconv",
          attributes: { strides: [2, 2], pads: [1, 1, 1, 1], output_padding: [1, 1] },
        },
        int64("sizes", [1, 4, 20, 20]),
        { op: "Resize", inputs: ["deconv", "", "", "sizes"], outputs: ["resized"], name: "resize", attributes: { mode: "linear" } },
        int64("parts", [1, 3]),
        { op: "Split", inputs: ["resized", "parts"], outputs: ["a", "b"], name: "split", attributes: { axis: 1 } },
        int64("starts", [2]),
        int64("ends", [-2]),
        int64("axes", [3]),
        { op: "Slice", inputs: ["b", "starts", "ends", "axes"], outputs: ["sliced"], name: "crop" },
      ],
      outputs: ["a", "sliced"],
    })
    const read = readOnnxNetwork(bytes, "decoder")
    if (!read.ok) throw new Error(read.errors.join("\n"))
    const analyzed = analyzeNetworkOrThrow(read.network)
    const shape = (name: string) => analyzed.layers.find((layer) => layer.layer.name === name)?.outputShape
    expect(shape("deconv")).toEqual({ h: 10, w: 10, c: 4 })
    expect(shape("resize")).toEqual({ h: 20, w: 20, c: 4 })
    expect(shape("split")).toEqual({ h: 20, w: 20, c: 1 })
    expect(shape("split/1")).toEqual({ h: 20, w: 20, c: 3 })
    expect(shape("crop")).toEqual({ h: 20, w: 16, c: 3 })
    // Every input pixel times every tap: 5 x 5 x 8 x 4 x 3 x 3; weights 8 x 4 x 3 x 3.
    expect(counts(read.network)).toMatchObject({ macs: 5 * 5 * 8 * 4 * 9, params: 8 * 4 * 9 })
  })

  it("unrolls a bidirectional GRU read time-major from the graph's input: PyTorch's parameter count, MACs per step by hand", () => {
    const [steps, features, hidden] = [6, 10, 12]
    const bytes = onnxModel({
      input: { name: "x", dims: [steps, "batch", features] },
      opset: 14,
      initializers: { W: [2, 3 * hidden, features], R: [2, 3 * hidden, hidden], B: [2, 6 * hidden] },
      nodes: [
        {
          op: "GRU",
          inputs: ["x", "W", "R", "B"],
          outputs: ["y", "y_h"],
          name: "gru",
          attributes: { hidden_size: hidden, direction: "bidirectional", linear_before_reset: 1 },
        },
      ],
      outputs: ["y"],
    })
    const read = readOnnxNetwork(bytes, "gru")
    if (!read.ok) throw new Error(read.errors.join("\n"))
    // nn.GRU: 3H(F + H) + 6H per direction.
    expect(counts(read.network).params).toBe(2 * (3 * hidden * (features + hidden) + 6 * hidden))
    expect(counts(read.network).params).toBe(read.initializerElements)
    expect(counts(read.network).macs).toBe(2 * steps * (3 * hidden * features + 3 * hidden * hidden))
    // Y: T x directions x H.
    const analyzed = analyzeNetworkOrThrow(read.network)
    expect(analyzed.layers.find((layer) => layer.layer.name === "gru/y")?.outputShape).toEqual({ h: steps, w: 2, c: hidden })
    expect(analyzed.layers.find((layer) => layer.layer.name === "gru/y_h")?.outputShape).toEqual({ h: 1, w: 2, c: hidden })
  })

  it("takes the dims a model leaves symbolic from inputDims, and names the input and the option when they are missing or wrong", () => {
    const bytes = onnxModel({
      input: { name: "image", dims: ["batch", 3, "height", "width"] },
      initializers: { w: [8, 3, 3, 3] },
      nodes: [{ op: "Conv", inputs: ["image", "w"], outputs: ["y"], name: "conv", attributes: { pads: [1, 1, 1, 1] } }],
      outputs: ["y"],
    })
    const missing = readOnnxNetwork(bytes, "dynamic")
    expect(missing.ok ? [] : missing.errors).toEqual([
      'input "image": its shape (? x 3 x ? x ?) must be known past the batch: give it (CLI: --input-dims image=Nx3xNxN, library: inputDims)',
    ])
    for (const dims of [
      [1, 3, 32, 32],
      [3, 32, 32],
    ]) {
      const read = readOnnxNetwork(bytes, "dynamic", { inputDims: { image: dims } })
      if (!read.ok) throw new Error(read.errors.join("\n"))
      expect(counts(read.network).macs).toBe(32 * 32 * 8 * 27)
    }
    const clash = readOnnxNetwork(bytes, "dynamic", { inputDims: { image: [1, 4, 32, 32] } })
    expect(clash.ok ? [] : clash.errors).toEqual(['input "image": inputDims 1x4x32x32 differ from the model\'s ?x3x?x?'])
    const unknown = readOnnxNetwork(bytes, "dynamic", { inputDims: { picture: [3, 32, 32] } })
    expect(unknown.ok ? [] : unknown.errors[0]).toBe('inputDims names "picture", which is not an input of the model (its inputs: image)')
  })
})

/** The sum of the elements of the named initializers of a model file, read with onnx-proto (not our reader). */
const initializerSizes = (bytes: Uint8Array): Map<string, number> => {
  const model = onnxProto.onnx.ModelProto.decode(bytes)
  return new Map(
    (model.graph?.initializer ?? []).map((tensor) => [tensor.name ?? "", (tensor.dims ?? []).reduce<number>((a, b) => a * Number(b), 1)]),
  )
}

describe("models written by real exporters", () => {
  const folder = new URL("../data/onnx/exported/", import.meta.url)

  it("nnsplit's bidirectional byte-level LSTM (torch.onnx 1.5): parameters are its weight initializers', MACs by hand", () => {
    const bytes = readFileSync(new URL("nnsplit_bidi_lstm.onnx", folder))
    const length = 40
    const read = readOnnxNetwork(bytes, "nnsplit", { inputDims: { input: [1, length] } })
    if (!read.ok) throw new Error(read.errors.join("\n"))
    expect(read.producer).toBe("pytorch 1.5")
    const model = onnxProto.onnx.ModelProto.decode(bytes)
    const sizes = initializerSizes(bytes)
    // The weights: each LSTM's W, R and B, the embedding table Gather reads, the head's MatMul weight and its bias.
    const weightNames = (model.graph?.node ?? []).flatMap((node) => {
      if (node.opType === "LSTM") return (node.input ?? []).slice(1, 4)
      if (node.opType === "Gather" || node.opType === "MatMul" || node.opType === "Add")
        return (node.input ?? []).filter((name) => sizes.has(name))
      return []
    })
    const weights = weightNames.reduce((sum, name) => sum + (sizes.get(name) ?? 0), 0)
    const totals = counts(read.network)
    expect(totals.params).toBe(weights)
    // Per direction and step: the input projection (F x 4H) and the recurrent one (H x 4H);
    // LSTM 1 reads 32 embedding features with H = 128, LSTM 2 both directions' 2 x 128 with H = 64;
    // the head maps 2 x 64 to 2 classes per byte.
    const lstm = (features: number, hidden: number) => 2 * length * 4 * hidden * (features + hidden)
    expect(totals.macs).toBe(lstm(32, 128) + lstm(256, 64) + length * 128 * 2)
    expect(read.report.find((row) => row.op === "LSTM")?.count).toBe(2)
    expect(read.report.every((row) => row.treatment !== "unsupported")).toBe(true)
  })

  it("a Keras LSTM through keras2onnx 1.7.0: Keras's parameter count and MACs", () => {
    const bytes = readFileSync(new URL("keras_lstm.onnx", folder))
    const [steps, features, units] = [8, 5, 3]
    const read = readOnnxNetwork(bytes, "keras_lstm", { inputDims: { input_1: [1, steps, features] } })
    if (!read.ok) throw new Error(read.errors.join("\n"))
    expect(read.producer).toBe("keras2onnx 1.7.0")
    // Keras counts 4U(F + U) + 4U; ONNX's B holds input and recurrent biases, 8U: the file's initializers.
    expect(counts(read.network).params).toBe(4 * units * (features + units) + 8 * units)
    expect(counts(read.network).params).toBe(read.initializerElements)
    expect(counts(read.network).macs).toBe(steps * 4 * units * (features + units))
  })
})
