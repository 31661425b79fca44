import { analyzeNetwork, InvalidNetworkError, type Layer, type Network, NetworkBuilder, type NetworkRule } from "@cosearch/network"
import { describe, expect, it } from "vitest"

const input = (name = "x", h = 8, w = 8, c = 4): Layer => ({ name, inputs: [], op: "input", shape: { h, w, c } })
const conv = (name: string, inputs: string[], filters = 4, extra: Partial<Record<string, unknown>> = {}): Layer =>
  ({
    name,
    inputs,
    op: "conv2d",
    filters,
    kernel: [3, 3],
    stride: [1, 1],
    dilation: [1, 1],
    padding: "same",
    groups: 1,
    bias: false,
    ...extra,
  }) as Layer

const issuesOf = (layers: Layer[], batch = 1) => {
  const network: Network = { name: "t", batch, layers }
  const analysis = analyzeNetwork(network)
  if (analysis.ok) throw new Error("expected the network to be rejected")
  return analysis.issues
}

const expectIssue = (layers: Layer[], rule: NetworkRule, layer: string, ...fragments: string[]) => {
  const issue = issuesOf(layers).find((candidate) => candidate.rule === rule)
  expect(issue, `no ${rule} issue`).toBeDefined()
  expect(issue?.layer).toBe(layer)
  expect(issue?.message).toContain(`layer "${layer}"`)
  expect(issue?.message).toContain(`[${rule}]`)
  for (const fragment of fragments) expect(issue?.message).toContain(fragment)
}

describe("invalid networks are rejected with the layer, the shapes and the rule", () => {
  it("shape mismatch: a residual add of different shapes", () => {
    expectIssue(
      [input(), conv("a", ["x"], 4), conv("b", ["x"], 8), { name: "sum", inputs: ["a", "b"], op: "add" }],
      "shape-mismatch",
      "sum",
      "input shapes 8x8x4, 8x8x8 differ on axis c",
    )
  })

  it("shape mismatch: concat along channels of different spatial sizes", () => {
    expectIssue(
      [input(), conv("a", ["x"], 4, { stride: [2, 2] }), { name: "cat", inputs: ["x", "a"], op: "concat", axis: "c" }],
      "shape-mismatch",
      "cat",
      "input shapes 8x8x4, 4x4x4 differ on axis h",
    )
  })

  it("shape mismatch: a matmul whose operands do not chain", () => {
    expectIssue(
      [input("a", 4, 1, 8), input("b", 6, 1, 3), { name: "mm", inputs: ["a", "b"], op: "matmul" }],
      "shape-mismatch",
      "mm",
      "a.c = b.h (8 vs 6)",
    )
  })

  it("shape mismatch: a reshape that changes the element count", () => {
    expectIssue(
      [input(), { name: "r", inputs: ["x"], op: "reshape", shape: { h: 1, w: 1, c: 100 } }],
      "shape-mismatch",
      "r",
      "cannot reshape input 8x8x4 (256 elements) to 1x1x100 (100 elements)",
    )
  })

  it("cycle: names the layers on it", () => {
    expectIssue([input(), conv("a", ["c"]), conv("b", ["a"]), conv("c", ["b"])], "cycle", "a", "a -> b -> c -> a")
  })

  it("cycle: a layer reading itself", () => {
    expectIssue([input(), conv("self", ["self"])], "cycle", "self", "self -> self")
  })

  it("dangling input: a layer reading a name that does not exist", () => {
    expectIssue(
      [input(), conv("a", ["x"]), conv("b", ["nope"])],
      "dangling-input",
      "b",
      'reads "nope", which is not a layer of this network',
    )
  })

  it("non-positive size: zero filters, a zero-sized input, a window larger than a valid-padded input", () => {
    expectIssue([input(), conv("a", ["x"], 0)], "positive-size", "a", "filters 0 must be a positive integer")
    expectIssue([input("x", 0, 8, 3)], "positive-size", "x", "shape 0x8x3 must have positive integer sizes")
    expectIssue(
      [input("x", 2, 2, 3), conv("big", ["x"], 4, { kernel: [5, 5], padding: "valid" })],
      "positive-size",
      "big",
      "a 5x5 window (dilation 1x1) does not fit input 2x2x3",
    )
    expectIssue([input(), conv("a", ["x"], 4, { stride: [0, 1] })], "positive-size", "a", "stride 0x1 must be positive integers")
  })

  it("non-positive size: a batch of zero names the network", () => {
    const issue = issuesOf([input()], 0)[0]
    expect(issue?.message).toBe('layer "(network)" (network): batch 0 must be a positive integer [positive-size]')
  })

  it("arity: a conv with two inputs, an add with one", () => {
    expectIssue([input("x"), input("y"), conv("a", ["x", "y"])], "arity", "a", "takes 1 input(s), got 2 (8x8x4, 8x8x4)")
    expectIssue([input(), { name: "sum", inputs: ["x"], op: "add" }], "arity", "sum", "takes at least 2 input(s), got 1")
  })

  it("divisibility: groups that do not divide the channels", () => {
    expectIssue(
      [input("x", 8, 8, 6), conv("g", ["x"], 8, { groups: 4 })],
      "divisibility",
      "g",
      "groups 4 must divide both the input channels (input 8x8x6) and the filters (8)",
    )
  })

  it("unique names: two layers with one name", () => {
    expectIssue([input(), conv("a", ["x"]), conv("a", ["x"])], "unique-name", "a", "name is used by layers #1 and #2")
  })

  it("no input: a network without an input layer", () => {
    expectIssue([{ name: "z", inputs: [], op: "zeros", shape: { h: 1, w: 1, c: 1 } }], "no-input", "(network)", "has no input layer")
  })

  it("shared weights: sharing with a layer of another shape", () => {
    expectIssue(
      [
        input("x", 1, 1, 4),
        { name: "d1", inputs: ["x"], op: "dense", units: 8, bias: true },
        { name: "d2", inputs: ["d1"], op: "dense", units: 8, bias: true, shareWeights: "d1" },
      ],
      "shared-weights",
      "d2",
      'shares the weights of "d1", but it is a dense with 40 parameters; it needs an earlier dense owning 72 parameters',
    )
  })

  it("reports every issue at once and skips layers downstream of a broken one", () => {
    const issues = issuesOf([input(), conv("a", ["nope"]), conv("b", ["a"]), conv("c", ["x"], 0)])
    expect(issues.map((issue) => [issue.layer, issue.rule])).toEqual([
      ["a", "dangling-input"],
      ["c", "positive-size"],
    ])
  })

  it("the builder throws InvalidNetworkError at the offending layer", () => {
    const b = new NetworkBuilder("bad")
    const x = b.input({ h: 8, w: 8, c: 4 })
    const y = b.conv2d(x, { filters: 8, kernel: 3, stride: 2 })
    expect(() => b.add([x, y], "merge")).toThrowError(InvalidNetworkError)
    expect(() => b.add([x, y], "merge")).toThrowError(/layer "merge" \(add\): input shapes 8x8x4, 4x4x8 differ on axis h/)
  })
})
