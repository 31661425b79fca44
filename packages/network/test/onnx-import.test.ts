import { describe, expect, it } from "vitest"
import { analyzeNetworkOrThrow, buildZooNetwork, countNetwork, lowerNetwork, onnxFromNetwork, readOnnxNetwork } from "../src/index.js"
import { onnxModel } from "./onnx-builder.js"

// A small CNN in the shapes PyTorch's exporter writes: Conv-BN-ReLU, a depthwise Conv with
// Clip(0, 6), a pointwise Conv, global pooling, the Shape/Gather/Unsqueeze/Concat/Reshape flatten
// torch.onnx emits, Dropout, Gemm and Softmax; weights saved as external data (dims only, no bytes).
const tinyCnn = () =>
  onnxModel({
    input: { name: "x", dims: ["batch", 3, 32, 32] },
    initializers: {
      w1: [16, 3, 3, 3],
      b1: [16],
      scale: [16],
      shift: [16],
      mean: [16],
      variance: [16],
      wdw: [16, 1, 3, 3],
      wpw: [32, 16, 1, 1],
      wfc: [10, 32],
      bfc: [10],
    },
    nodes: [
      {
        op: "Conv",
        inputs: ["x", "w1", "b1"],
        outputs: ["c1"],
        name: "stem",
        attributes: { pads: [1, 1, 1, 1], strides: [2, 2], kernel_shape: [3, 3] },
      },
      { op: "BatchNormalization", inputs: ["c1", "scale", "shift", "mean", "variance"], outputs: ["bn"], name: "bn" },
      { op: "Relu", inputs: ["bn"], outputs: ["r1"], name: "relu" },
      { op: "Conv", inputs: ["r1", "wdw"], outputs: ["dw"], name: "dw", attributes: { group: 16, pads: [1, 1, 1, 1] } },
      { op: "Constant", inputs: [], outputs: ["zero"], attributes: { value: { tensor: [], values: [0] } } },
      { op: "Constant", inputs: [], outputs: ["six"], attributes: { value: { tensor: [], values: [6] } } },
      { op: "Clip", inputs: ["dw", "zero", "six"], outputs: ["r2"], name: "relu6" },
      { op: "Conv", inputs: ["r2", "wpw"], outputs: ["pw"], name: "pw" },
      { op: "GlobalAveragePool", inputs: ["pw"], outputs: ["gap"], name: "pool" },
      { op: "Shape", inputs: ["gap"], outputs: ["shape"] },
      { op: "Constant", inputs: [], outputs: ["index"], attributes: { value: { tensor: [], values: [0] } } },
      { op: "Gather", inputs: ["shape", "index"], outputs: ["n"] },
      { op: "Unsqueeze", inputs: ["n"], outputs: ["n1"], attributes: { axes: [0] } },
      { op: "Constant", inputs: [], outputs: ["rest"], attributes: { value: { tensor: [1], values: [-1] } } },
      { op: "Concat", inputs: ["n1", "rest"], outputs: ["target"], attributes: { axis: 0 } },
      { op: "Reshape", inputs: ["gap", "target"], outputs: ["flat"], name: "flatten" },
      { op: "Dropout", inputs: ["flat"], outputs: ["dropped"], name: "dropout" },
      { op: "Gemm", inputs: ["dropped", "wfc", "bfc"], outputs: ["logits"], name: "fc", attributes: { transB: 1 } },
      { op: "Softmax", inputs: ["logits"], outputs: ["probabilities"], name: "softmax" },
    ],
    outputs: ["probabilities"],
  })

describe("readOnnxNetwork", () => {
  it("reads a small CNN as PyTorch exports it into layers whose shapes, parameters and MACs are counted by hand", () => {
    const read = readOnnxNetwork(tinyCnn(), "tiny")
    if (!read.ok) throw new Error(read.errors.join("\n"))
    const analyzed = analyzeNetworkOrThrow(read.network)
    expect(read.network.layers.map((layer) => layer.op)).toEqual([
      "input",
      "conv2d",
      "batchnorm",
      "activation",
      "depthwise",
      "activation",
      "pointwise",
      "globalavgpool",
      "flatten",
      "dense",
      "softmax",
    ])
    const counts = countNetwork(analyzed, "int8").totals
    // Stem 16 x 3 x 3 x 3 + 16 bias, depthwise 16 x 3 x 3, pointwise 32 x 16, fc 10 x 32 + 10; BN's
    // scale and shift (its running mean and variance are statistics, not parameters).
    expect(counts.params).toBe(16 * 27 + 16 + 2 * 16 + 16 * 9 + 32 * 16 + 10 * 32 + 10)
    expect(read.initializerElements - 2 * 16).toBe(counts.params)
    // 16 x 16 outputs of each conv (stride 2 from 32 x 32 with padding 1).
    expect(counts.macs).toBe(16 * 16 * 16 * 27 + 16 * 16 * 16 * 9 + 16 * 16 * 32 * 16 + 32 * 10)
    expect(read.network.outputs).toEqual(["softmax"])
    expect(read.network.batch).toBe(1)
    const nests = lowerNetwork(analyzed)
    expect(nests.find((nest) => nest.layer === "dw")).toMatchObject({ G: 16, K: 1, C: 1, P: 16, Q: 16, R: 3, S: 3 })
    expect(read.report).toContainEqual({ op: "Softmax", count: 1, treatment: "layers", detail: "softmax along c" })
    expect(read.report).toContainEqual({ op: "Dropout", count: 1, treatment: "pass-through", detail: "shape-preserving: no cost counted" })
    expect(read.report).toContainEqual({ op: "Clip", count: 1, treatment: "layers", detail: "activation relu6" })
    expect(read.report.find((row) => row.op === "Gather")?.treatment).toBe("constant")
  })

  it("reads 1-D convolutions (keyword spotting) along W", () => {
    const bytes = onnxModel({
      input: { name: "audio", dims: [1, 40, 98] },
      initializers: { w: [64, 40, 3] },
      nodes: [{ op: "Conv", inputs: ["audio", "w"], outputs: ["y"], name: "conv1d", attributes: { strides: [2], dilations: [2] } }],
      outputs: ["y"],
    })
    const read = readOnnxNetwork(bytes, "kws")
    if (!read.ok) throw new Error(read.errors.join("\n"))
    const [nest] = lowerNetwork(analyzeNetworkOrThrow(read.network)).filter((n) => n.kind === "conv")
    // (98 - (3 - 1) x 2 - 1) / 2 + 1 = 47 outputs.
    expect(nest).toMatchObject({ K: 64, C: 40, P: 1, Q: 47, R: 1, S: 3, strideW: 2, dilationW: 2 })
  })

  it("passes an op it does not read through, reported with its count; strict fails on it and on ops passed through uncosted", () => {
    const bytes = onnxModel({
      input: { name: "x", dims: [1, 8, 4, 4] },
      initializers: { w: [8, 8, 1, 1] },
      nodes: [
        { op: "LpNormalization", inputs: ["x"], outputs: ["a"] },
        { op: "LpNormalization", inputs: ["a"], outputs: ["b"] },
        { op: "Conv", inputs: ["b", "w"], outputs: ["y"], name: "conv" },
      ],
      outputs: ["y"],
    })
    const read = readOnnxNetwork(bytes, "odd")
    if (!read.ok) throw new Error(read.errors.join("\n"))
    expect(read.report).toContainEqual({
      op: "LpNormalization",
      count: 2,
      treatment: "unsupported",
      detail: "not read: passed through as if shape-preserving, not costed",
    })
    expect(countNetwork(analyzeNetworkOrThrow(read.network), "int8").totals.macs).toBe(8 * 8 * 4 * 4)
    const strict = readOnnxNetwork(bytes, "odd", { strict: true })
    expect(strict.ok ? [] : strict.errors).toEqual(["LpNormalization: 2 nodes of an op the importer does not read (strict)"])
    const tiny = readOnnxNetwork(tinyCnn(), "tiny", { strict: true })
    expect(tiny.ok ? [] : tiny.errors).toEqual(["Dropout: 1 node passed through uncosted (strict)"])
  })

  it("refuses bytes that are not an ONNX model: another file, a truncated model, nothing", () => {
    const model = tinyCnn()
    for (const bytes of [new TextEncoder().encode('{"name": "not onnx"}'), model.slice(0, model.length / 2), new Uint8Array()]) {
      const read = readOnnxNetwork(bytes, "bad")
      expect(read.ok).toBe(false)
      if (!read.ok) expect(read.errors[0]).toMatch(/^not an ONNX model/)
    }
  })
})

describe("onnxFromNetwork", () => {
  it.each(["mobilenet_v2", "resnet18", "resnet50", "efficientnet_b0", "mobilenet_v3_small"])(
    "writes %s as an ONNX graph that reads back to the same parameters, MACs and layer shapes",
    (spec) => {
      const built = buildZooNetwork(spec)
      if (!built.ok) throw new Error(built.message)
      const analyzed = analyzeNetworkOrThrow(built.network)
      const written = onnxFromNetwork(analyzed)
      if (!written.ok) throw new Error(written.errors.join("\n"))
      const read = readOnnxNetwork(written.bytes, spec)
      if (!read.ok) throw new Error(read.errors.join("\n"))
      const again = analyzeNetworkOrThrow(read.network)
      const [before, after] = [countNetwork(analyzed, "int8").totals, countNetwork(again, "int8").totals]
      expect([after.macs, after.params]).toEqual([before.macs, before.params])
      // Every conv and dense layer's loop nest, in order.
      const nests = (network: typeof analyzed) =>
        lowerNetwork(network)
          .filter((nest) => nest.kind === "conv" || nest.kind === "matmul")
          .map((nest) => [nest.N, nest.G, nest.K, nest.C, nest.P, nest.Q, nest.R, nest.S, nest.strideH, nest.strideW].join())
      expect(nests(again)).toEqual(nests(analyzed))
      // The weights stored as external data: the initializers are the parameters, less BN's statistics.
      const statistics = analyzed.layers
        .filter((layer) => layer.layer.op === "batchnorm")
        .reduce((sum, layer) => sum + 2 * (layer.inputShapes[0]?.c ?? 0), 0)
      expect(read.initializerElements - statistics - relu6Bounds(analyzed)).toBe(before.params)
    },
  )
})

/** Each relu6 writes Clip's two bounds as one-element initializers. */
const relu6Bounds = (network: ReturnType<typeof analyzeNetworkOrThrow>): number =>
  2 * network.layers.filter((layer) => layer.layer.op === "activation" && layer.layer.fn === "relu6").length
