import {
  analyzeNetwork,
  analyzeNetworkOrThrow,
  buildZooNetwork,
  countNetwork,
  decodeNetworkJson,
  encodeNetworkJson,
  type Layer,
  type Network,
  parseNetworkJsonText,
  zooEntries,
} from "@cosearch/network"
import { Either } from "effect"
import { describe, expect, it } from "vitest"

const zooSpecs = [
  ...zooEntries.filter((entry) => entry.argument === undefined).map((entry) => entry.name),
  "nb201:421211",
  "nb201:|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|",
  "fbnet:b",
  "ffnn",
  "lstm_encoder:steps=2",
  "transducer:steps=2",
  "bert_tiny:sequence=16",
  "bert_mini:layers=1,sequence=8",
]

const zooNetwork = (spec: string): Network => {
  const built = buildZooNetwork(spec)
  if (!built.ok) throw new Error(built.message)
  return built.network
}

const decoded = (input: unknown): Network => {
  const result = decodeNetworkJson(input)
  if (Either.isLeft(result)) throw new Error(result.left)
  return result.right
}

const failure = (input: unknown): string => {
  const result = decodeNetworkJson(input)
  if (Either.isRight(result)) throw new Error(`expected ${JSON.stringify(input)} to be rejected`)
  return result.left
}

describe("network JSON round trip", () => {
  it("covers every zoo family", () => {
    const families = new Set(zooSpecs.map((spec) => spec.split(":")[0]))
    expect([...families].sort()).toEqual(zooEntries.map((entry) => entry.name).sort())
  })

  it.each(zooSpecs)("%s survives encode, stringify, parse and decode", (spec) => {
    const network = zooNetwork(spec)
    const again = decoded(JSON.parse(JSON.stringify(encodeNetworkJson(network))))
    expect(again).toStrictEqual(network)
    for (const precision of ["int8", "fp32"] as const) {
      expect(countNetwork(analyzeNetworkOrThrow(again), precision)).toEqual(countNetwork(analyzeNetworkOrThrow(network), precision))
    }
  })

  it("writes canonical JSON: every field spelled out, sizes as pairs", () => {
    const json = encodeNetworkJson(zooNetwork("mobilenet_v2"))
    expect(json.batch).toBe(1)
    expect(json.layers[1]).toEqual({
      name: "stem/conv",
      op: "conv2d",
      inputs: ["input"],
      filters: 32,
      kernel: [3, 3],
      stride: [2, 2],
      dilation: [1, 1],
      padding: "same",
      groups: 1,
      bias: false,
    })
    expect(encodeNetworkJson(decoded(json))).toStrictEqual(json)
  })

  it("keeps shared weights (lstm_encoder)", () => {
    const json = JSON.stringify(encodeNetworkJson(zooNetwork("lstm_encoder:steps=2")))
    expect(json).toContain('"shareWeights"')
  })
})

describe("decoding shorthand", () => {
  const file = {
    name: "tiny",
    layers: [
      { name: "input", op: "input", shape: { h: 32, w: 32, c: 3 } },
      { name: "conv", op: "conv2d", inputs: ["input"], filters: 16, kernel: 3, stride: 2 },
      { name: "dw", op: "depthwise", inputs: ["conv"], kernel: [3, 5], dilation: 2, padding: "valid" },
      { name: "pool", op: "maxpool", inputs: ["dw"], kernel: 2 },
      { name: "both", op: "concat", inputs: ["pool", "pool"] },
      { name: "fc", op: "dense", inputs: ["both"], units: 10 },
    ],
  }
  const expected: Layer[] = [
    { name: "input", op: "input", inputs: [], shape: { h: 32, w: 32, c: 3 } },
    {
      name: "conv",
      op: "conv2d",
      inputs: ["input"],
      filters: 16,
      kernel: [3, 3],
      stride: [2, 2],
      dilation: [1, 1],
      padding: "same",
      groups: 1,
      bias: false,
    },
    {
      name: "dw",
      op: "depthwise",
      inputs: ["conv"],
      multiplier: 1,
      kernel: [3, 5],
      stride: [1, 1],
      dilation: [2, 2],
      padding: "valid",
      bias: false,
    },
    { name: "pool", op: "maxpool", inputs: ["dw"], kernel: [2, 2], stride: [2, 2], padding: "valid" },
    { name: "both", op: "concat", inputs: ["pool", "pool"], axis: "c" },
    { name: "fc", op: "dense", inputs: ["both"], units: 10, bias: true },
  ]

  it("fills every default and expands sizes to [h, w]", () => {
    expect(decoded(file)).toStrictEqual({ name: "tiny", batch: 1, layers: expected })
  })

  it("decodes text, and the result analyzes", () => {
    const result = parseNetworkJsonText(JSON.stringify({ ...file, batch: 4 }))
    expect(Either.isRight(result)).toBe(true)
    if (Either.isRight(result)) expect(analyzeNetworkOrThrow(result.right).batch).toBe(4)
  })

  it("leaves graph rules to analyzeNetwork", () => {
    const cyclic = decoded({
      name: "loop",
      layers: [
        { name: "input", op: "input", shape: { h: 1, w: 1, c: 4 } },
        { name: "a", op: "add", inputs: ["input", "b"] },
        { name: "b", op: "activation", inputs: ["a"], fn: "relu" },
      ],
    })
    const analysis = analyzeNetwork(cyclic)
    expect(analysis.ok).toBe(false)
    if (!analysis.ok) expect(analysis.issues.map((issue) => issue.rule)).toContain("cycle")
  })
})

describe("rejecting malformed files", () => {
  const input = { name: "input", op: "input", shape: { h: 8, w: 8, c: 3 } }
  const withLayer = (layer: Record<string, unknown>) => ({ name: "bad", layers: [input, layer] })

  it("names a missing network name", () => {
    expect(failure({ layers: [input] })).toMatch(/^name: is missing/m)
  })

  it("names a missing layer name by its index", () => {
    expect(failure(withLayer({ op: "flatten", inputs: ["input"] }))).toContain("layers[1].name: is missing")
  })

  it("names an unknown op and lists the known ones", () => {
    const message = failure(withLayer({ name: "c", op: "conv3d", inputs: ["input"] }))
    expect(message).toContain("layers[1].op")
    expect(message).toContain('"conv3d"')
    expect(message).toContain('"conv2d"')
    expect(message).toContain('(layer "c")')
  })

  it('rejects kernel "3" with its path and value', () => {
    const message = failure(withLayer({ name: "c", op: "conv2d", inputs: ["input"], filters: 8, kernel: "3" }))
    expect(message).toContain('layers[1].kernel: expected a positive integer or [h, w] with positive integers, got "3"')
  })

  it("rejects negative and mistyped sizes", () => {
    expect(failure(withLayer({ name: "c", op: "conv2d", inputs: ["input"], filters: -8, kernel: 3 }))).toContain(
      "layers[1].filters: expected a positive integer, got -8",
    )
    expect(failure(withLayer({ name: "d", op: "dense", inputs: ["input"], units: "10" }))).toContain(
      'layers[1].units: expected a positive integer, got "10"',
    )
    expect(failure(withLayer({ name: "p", op: "avgpool", inputs: ["input"], kernel: [2, 0] }))).toContain("layers[1].kernel")
  })

  it("rejects batch 0", () => {
    expect(failure({ name: "bad", batch: 0, layers: [input] })).toContain("batch: expected a positive integer, got 0")
  })

  it("rejects unknown fields, so typos do not pass silently", () => {
    const message = failure(withLayer({ name: "c", op: "conv2d", inputs: ["input"], filters: 8, kernel: 3, strides: 2 }))
    expect(message).toContain("layers[1].strides: is unexpected")
  })

  it("reports every problem, one line each", () => {
    const message = failure({
      name: "bad",
      batch: 1.5,
      layers: [
        { ...input, shape: { h: 8, w: 0, c: 3 } },
        { name: "x", op: "slice", axis: "z" },
      ],
    })
    expect(message.split("\n")).toEqual([
      "batch: expected a positive integer, got 1.5",
      'layers[0].shape.w: expected a positive integer, got 0 (layer "input")',
      'layers[1].axis: expected "h", "w" or "c", got "z" (layer "x")',
      'layers[1].start: is missing (layer "x")',
      'layers[1].size: is missing (layer "x")',
    ])
  })

  it("rejects a document that is not an object", () => {
    expect(failure([input])).toContain("(root): expected a network object")
  })

  it("reports invalid JSON syntax", () => {
    const result = parseNetworkJsonText('{\n  "name": "x",\n}')
    expect(Either.isLeft(result) && result.left).toMatch(/^invalid JSON/)
  })
})
