import { describe, expect, it } from "vitest"
import { NetworkBuilder } from "../src/builder/builder.js"
import {
  type AnalyzedNetwork,
  analyzeNetworkOrThrow,
  buildZooNetwork,
  countNetwork,
  type Network,
  onnxFromNetwork,
  readOnnxNetwork,
} from "../src/index.js"

// onnxFromNetwork on the layers of transformers and decoders (embedding, matmul, transpose,
// softmax, layernorm, reduce, slice, deconv2d, resize, shuffle), read back by readOnnxNetwork.

/** Writes a network as ONNX and reads it back, failing with the errors of either side. */
const roundTrip = (network: Network, name: string) => {
  const analyzed = analyzeNetworkOrThrow(network)
  const written = onnxFromNetwork(analyzed)
  if (!written.ok) throw new Error(written.errors.join("\n"))
  const read = readOnnxNetwork(written.bytes, name)
  if (!read.ok) throw new Error(read.errors.join("\n"))
  return { analyzed, read, again: analyzeNetworkOrThrow(read.network) }
}

// Data movement the two sides write differently: the importer reads most ONNX Transposes as
// renamings of dims and adds a transpose layer only where an op needs another order; a Flatten
// goes before each Gemm; a reshape may become a renaming. These are left out of the comparison.
const movement = new Set(["input", "transpose", "reshape", "flatten"])

/** How many layers of each op a network has, data movement left out. */
const opCounts = (network: AnalyzedNetwork): Record<string, number> => {
  const counts: Record<string, number> = {}
  for (const { layer } of network.layers) if (!movement.has(layer.op)) counts[layer.op] = (counts[layer.op] ?? 0) + 1
  return counts
}

const expectSameCounts = (analyzed: AnalyzedNetwork, again: AnalyzedNetwork) => {
  const [before, after] = [countNetwork(analyzed, "int8").totals, countNetwork(again, "int8").totals]
  expect([after.params, after.macs]).toEqual([before.params, before.macs])
  expect(opCounts(again)).toEqual(opCounts(analyzed))
  return before
}

/** A decoder-like network with every image and tensor layer the exporter writes besides the zoo's. */
const decoder = (): Network => {
  const b = new NetworkBuilder("decoder")
  const x = b.input({ h: 12, w: 10, c: 8 }, "image")
  const features = b.activation(b.conv2d(x, { filters: 16, kernel: 3, bias: true, name: "conv" }), "relu")
  const up = b.deconv2d(features, 12, {
    kernel: 3,
    stride: 2,
    padding: { top: 1, bottom: 1, left: 1, right: 0 },
    outputPadding: [1, 0],
    bias: true,
    name: "up",
  })
  const grouped = b.deconv2d(up, 12, { kernel: [2, 3], stride: [1, 2], groups: 3, name: "up_grouped" })
  const linear = b.resize(grouped, [30, 28], "linear", "resize_linear")
  const nearest = b.resize(linear, [60, 56], "nearest", "resize_nearest")
  const rows = b.slice(b.slice(nearest, "c", 2, 8, "channels"), "h", 4, 50, "rows")
  const shuffled = b.shuffle(rows, 2, "shuffle")
  const overWidth = b.reduce(shuffled, "w", "mean", "mean_w")
  const overHeight = b.reduce(shuffled, "h", "max", "max_h")
  const projected = b.dense(b.softmax(b.transpose(overWidth, ["c", "w", "h"], "swap"), "h", "softmax_h"), 6, { name: "proj" })
  const tokens = b.transpose(b.reduce(rows, "c", "max", "max_c"), ["h", "c", "w"], "tokens")
  const normalized = b.layernorm(b.dense(tokens, 5, { name: "embed" }), "layernorm")
  const attended = b.matmul(normalized, b.transpose(normalized, ["c", "w", "h"], "keys"), "scores")
  return b.build([projected, b.softmax(overHeight, "w", "softmax_w"), b.softmax(attended, "c", "attention")])
}

describe("onnxFromNetwork: transformers and decoders", () => {
  it.each([
    ["bert_tiny", 4385920, 58736640],
    ["bert_tiny:sequence=16", 4385920, 6438912],
    ["bert_mini", 11170560, 436273152],
    ["ds_cnn_s", 22604, 2656768],
  ])("writes %s as ONNX that reads back to the same parameters, MACs and computing layers", (spec, params, macs) => {
    const built = buildZooNetwork(spec)
    if (!built.ok) throw new Error(built.message)
    const { analyzed, read, again } = roundTrip(built.network, spec)
    expect(expectSameCounts(analyzed, again)).toMatchObject({ params, macs })
    // Layer normalization is opset 17's: the model says 17 only when it has one.
    expect(read.opset).toBe(spec.startsWith("bert") ? 17 : 14)
    expect(read.report.filter((row) => row.treatment === "unsupported")).toEqual([])
  })

  it("writes embeddings as Gather from their tables, over int64 token ids", () => {
    const built = buildZooNetwork("bert_tiny:sequence=16")
    if (!built.ok) throw new Error(built.message)
    const { read, again } = roundTrip(built.network, "bert_tiny")
    expect(read.report.find((row) => row.op === "Gather")).toMatchObject({ count: 3, treatment: "layers", detail: "embedding" })
    const inputs = again.layers.filter((layer) => layer.layer.op === "input").map((layer) => [layer.layer.name, layer.outputShape])
    expect(inputs).toEqual(["input_ids", "position_ids", "token_type_ids"].map((name) => [name, { h: 16, w: 1, c: 1 }]))
    const tables = again.layers.flatMap(({ layer }) => (layer.op === "embedding" ? [[layer.vocab, layer.units]] : []))
    expect(tables).toEqual([
      [30522, 128],
      [512, 128],
      [2, 128],
    ])
  })

  it("writes deconv2d, resize, slice, shuffle, reduce, transpose, softmax, layernorm and matmul", () => {
    const { analyzed, read, again } = roundTrip(decoder(), "decoder")
    expect(expectSameCounts(analyzed, again)).toMatchObject({ params: 3797, macs: 512740 })
    const layer = (name: string) => again.layers.find((analyzedLayer) => analyzedLayer.layer.name === name)
    expect(layer("up")?.layer).toMatchObject({
      op: "deconv2d",
      padding: { top: 1, bottom: 1, left: 1, right: 0 },
      outputPadding: [1, 0],
      bias: true,
    })
    expect(layer("up_grouped")?.layer).toMatchObject({ op: "deconv2d", groups: 3, stride: [1, 2] })
    expect(layer("up_grouped")?.outputShape).toEqual({ h: 25, w: 41, c: 12 })
    expect(layer("resize_linear")?.layer).toMatchObject({ op: "resize", size: [30, 28], mode: "linear" })
    expect(layer("resize_nearest")?.layer).toMatchObject({ op: "resize", size: [60, 56], mode: "nearest" })
    expect(layer("rows")?.layer).toMatchObject({ op: "slice", axis: "h", start: 4, size: 50 })
    expect(layer("shuffle")?.layer).toMatchObject({ op: "shuffle", groups: 2 })
    expect(layer("max_h")?.layer).toMatchObject({ op: "reduce", axis: "h", fn: "max" })
    expect(read.opset).toBe(17)
  })

  it("refuses a tensor of zeros, naming the layer", () => {
    const b = new NetworkBuilder("state")
    const x = b.input({ h: 1, w: 1, c: 4 }, "x")
    b.add([x, b.zeros({ h: 1, w: 1, c: 4 }, "h0")], "sum")
    const written = onnxFromNetwork(analyzeNetworkOrThrow(b.build()))
    expect(written.ok).toBe(false)
    if (!written.ok) expect(written.errors).toEqual([expect.stringContaining('layer "h0": zeros')])
  })
})
