import {
  analyzeNetworkOrThrow,
  countNetwork,
  inferOutputShape,
  type Layer,
  loopNestMacs,
  loopNestOperations,
  lowerNetwork,
  lstmEncoder,
  NetworkBuilder,
} from "@cosearch/network"
import { describe, expect, it } from "vitest"

const convLayer = (kernel: number, stride: number, padding: unknown, dilation = 1): Layer =>
  ({
    name: "c",
    inputs: ["x"],
    op: "conv2d",
    filters: 8,
    kernel: [kernel, kernel],
    stride: [stride, stride],
    dilation: [dilation, dilation],
    padding,
    groups: 1,
    bias: false,
  }) as Layer

const outSize = (size: number, kernel: number, stride: number, padding: unknown, dilation = 1): number => {
  const inferred = inferOutputShape(convLayer(kernel, stride, padding, dilation), [{ h: size, w: size, c: 3 }])
  if (!inferred.ok) throw new Error(inferred.fault.detail)
  return inferred.shape.h
}

describe("global pooling", () => {
  it("reduces HxWxC to 1x1xC, average or max, from the builder", () => {
    const b = new NetworkBuilder("pools")
    const x = b.input({ h: 7, w: 5, c: 12 })
    const average = b.globalAvgPool(x, "average")
    const max = b.globalMaxPool(x, "max")
    const analyzed = analyzeNetworkOrThrow(b.build([average, max]))
    const named = (name: string) => analyzed.layers.find((entry) => entry.layer.name === name)
    expect(named("max")?.layer.op).toBe("globalmaxpool")
    expect([named("average")?.outputShape, named("max")?.outputShape]).toEqual([
      { h: 1, w: 1, c: 12 },
      { h: 1, w: 1, c: 12 },
    ])
  })
})

describe("shape inference follows the convolution arithmetic", () => {
  it("same padding gives ceil(input / stride)", () => {
    expect(outSize(224, 3, 2, "same")).toBe(112)
    expect(outSize(7, 3, 2, "same")).toBe(4)
    expect(outSize(15, 5, 1, "same")).toBe(15)
  })

  it("valid padding gives floor((input - dilated kernel) / stride) + 1", () => {
    expect(outSize(229, 7, 2, "valid")).toBe(112) // SCALE-Sim's pre-padded ResNet-50 conv1
    expect(outSize(32, 3, 1, "valid", 2)).toBe(28) // dilated 3x3 spans 5
    expect(outSize(9, 3, 3, "valid")).toBe(3)
  })

  it("explicit padding is added per side", () => {
    expect(outSize(224, 7, 2, { top: 3, bottom: 3, left: 3, right: 3 })).toBe(112)
    expect(outSize(10, 3, 1, { top: 0, bottom: 2, left: 0, right: 2 })).toBe(10)
  })
})

describe("lowering to loop nests", () => {
  const b = new NetworkBuilder("lower")
  const x = b.input({ h: 16, w: 16, c: 32 })
  const g = b.conv2d(x, { filters: 64, kernel: 3, stride: 2, groups: 4, name: "grouped" })
  const d = b.depthwise(g, { kernel: 5, multiplier: 2, name: "dw" })
  const p = b.pointwise(d, 16, { name: "pw" })
  const f = b.dense(b.flatten(p), 10, { name: "fc" })
  b.add([f, f], "sum")
  const a = b.input({ h: 6, w: 3, c: 4 }, "a")
  const m = b.input({ h: 4, w: 3, c: 5 }, "m")
  b.matmul(a, m, "mm")
  const network = analyzeNetworkOrThrow({ ...b.build(), batch: 2 })
  const nests = new Map(lowerNetwork(network).map((nest) => [nest.layer, nest]))

  it("a grouped conv has K and C per group", () => {
    expect(nests.get("grouped")).toMatchObject({ kind: "conv", N: 2, G: 4, K: 16, C: 8, P: 8, Q: 8, R: 3, S: 3, strideH: 2 })
    expect(loopNestMacs(nests.get("grouped") as never)).toBe(2 * 64 * 8 * 8 * 8 * 9)
  })

  it("a depthwise conv has one group per channel and K = the multiplier", () => {
    expect(nests.get("dw")).toMatchObject({ kind: "conv", G: 64, K: 2, C: 1, P: 8, Q: 8, R: 5, S: 5 })
  })

  it("a dense layer is a GEMM as a 1x1 conv", () => {
    expect(nests.get("fc")).toMatchObject({
      kind: "matmul",
      N: 2,
      G: 1,
      K: 10,
      C: 8 * 8 * 16,
      P: 1,
      Q: 1,
      R: 1,
      S: 1,
      weights: "parameters",
    })
  })

  it("a batched matmul folds its batch axis into N and reads an activation as weights", () => {
    expect(nests.get("mm")).toMatchObject({ kind: "matmul", N: 2 * 3, K: 5, C: 4, P: 6, Q: 1, weights: "activations", operands: 2 })
    expect(loopNestMacs(nests.get("mm") as never)).toBe(2 * 3 * 6 * 4 * 5)
  })

  it("element-wise layers do no MACs but count their operations; data movement does not lower", () => {
    const sum = nests.get("sum")
    expect(sum).toMatchObject({ kind: "eltwise", K: 10, operands: 2, fn: "add" })
    expect(loopNestMacs(sum as never)).toBe(0)
    expect(loopNestOperations(sum as never)).toBe(2 * 10)
    expect(nests.has("flatten")).toBe(false)
  })
})

describe("counts", () => {
  it("per-layer bytes follow shapes, batch and precision", () => {
    const b = new NetworkBuilder("bytes", 3)
    const x = b.input({ h: 10, w: 10, c: 4 })
    b.conv2d(x, { filters: 6, kernel: 3, bias: true, name: "conv" })
    const counts = countNetwork(analyzeNetworkOrThrow(b.build()), "bf16")
    const conv = counts.layers.find((layer) => layer.name === "conv")
    expect(conv).toMatchObject({ macs: 3 * 6 * 4 * 9 * 100, params: 6 * 4 * 9 + 6, weightBytes: 2 * (6 * 4 * 9 + 6) })
    expect(conv).toMatchObject({ inputBytes: 3 * 400 * 2, outputBytes: 3 * 600 * 2 })
    expect(counts.totals.activationBytes).toBe(3 * 400 * 2 + 3 * 600 * 2)
  })

  it("an LSTM encoder has PyTorch's parameter count and counts shared weights once", () => {
    // nn.LSTM(F, H, L): layer 1 has 4H(F + H) + 8H parameters, each later layer 4H(2H) + 8H.
    const [F, H, L, T] = [40, 64, 3, 5]
    const counts = countNetwork(analyzeNetworkOrThrow(lstmEncoder({ layers: L, hidden: H, steps: T, features: F })), "int8")
    expect(counts.totals.params).toBe(4 * H * (F + H) + 8 * H + (L - 1) * (4 * H * 2 * H + 8 * H))
    // MACs: per layer the input projection over T steps and T recurrent products.
    expect(counts.totals.macs).toBe(T * 4 * H * F + T * 4 * H * H + (L - 1) * (T * 4 * H * H + T * 4 * H * H))
    const shared = counts.layers.filter((layer) => layer.name.endsWith("recurrent_projection") && !layer.ownsParams)
    expect(shared.length).toBe(L * (T - 1))
    const out = counts.layers.at(-1)
    expect(out?.outputShape).toEqual({ h: T, w: 1, c: H })
  })
})
