import {
  analyzeNetworkOrThrow,
  buildZooNetwork,
  countNetwork,
  fusedMbconv,
  groupConvIbn,
  mbconv,
  type Network,
  NetworkBuilder,
  type Tensor,
} from "@cosearch/network"
import { describe, expect, it } from "vitest"

const totalsOf = (network: Network) => countNetwork(analyzeNetworkOrThrow(network), "int8").totals

/** Builds a one-block network on a 16x16x32 input: its totals, output shape and layers. */
const single = (block: (b: NetworkBuilder, x: Tensor) => Tensor) => {
  const b = new NetworkBuilder("block")
  const x = b.input({ h: 16, w: 16, c: 32 })
  const y = block(b, x)
  return { totals: totalsOf(b.build()), shape: y.shape, layers: b.build().layers }
}

describe("blocks: parameters and MACs by hand", () => {
  it("MBConv with SE: expand, depthwise, SE (with biases), project, BN after each conv", () => {
    const { totals, shape, layers } = single((b, x) =>
      mbconv(b, x, { expanded: 96, out: 32, kernel: 5, stride: 1, act: "swish", se: { squeeze: 8, act: "swish", gate: "sigmoid" } }),
    )
    const expand = 32 * 96 + 2 * 96
    const depthwise = 96 * 25 + 2 * 96
    const se = 96 * 8 + 8 + 8 * 96 + 96
    const project = 96 * 32 + 2 * 32
    expect(totals.params).toBe(expand + depthwise + se + project)
    expect(totals.macs).toBe(256 * (32 * 96 + 96 * 25 + 96 * 32) + 96 * 8 + 8 * 96)
    expect(shape).toEqual({ h: 16, w: 16, c: 32 })
    expect(layers.some((layer) => layer.op === "add")).toBe(true) // stride 1, same channels: residual
  })

  it("fused MBConv: one KxK expansion conv; the stride goes where asked", () => {
    const onProjection = single((b, x) => fusedMbconv(b, x, { expanded: 128, out: 48, kernel: 3, stride: 2, act: "relu" }))
    const onExpansion = single((b, x) =>
      fusedMbconv(b, x, { expanded: 128, out: 48, kernel: 3, stride: 2, act: "relu", strideOn: "expansion" }),
    )
    const params = 3 * 3 * 32 * 128 + 2 * 128 + 128 * 48 + 2 * 48
    expect(onProjection.totals.params).toBe(params)
    expect(onExpansion.totals.params).toBe(params)
    expect(onProjection.totals.macs).toBe(256 * 9 * 32 * 128 + 64 * 128 * 48)
    expect(onExpansion.totals.macs).toBe(64 * 9 * 32 * 128 + 64 * 128 * 48)
    expect(onProjection.shape).toEqual({ h: 8, w: 8, c: 48 })
    expect(onProjection.layers.some((layer) => layer.op === "add")).toBe(false)
  })

  it("group-conv IBN: the KxK expansion is grouped", () => {
    const { totals } = single((b, x) => groupConvIbn(b, x, { expanded: 128, out: 32, kernel: 3, stride: 1, groups: 4, act: "relu" }))
    expect(totals.params).toBe(3 * 3 * (32 / 4) * 128 + 2 * 128 + 128 * 32 + 2 * 32)
    expect(totals.macs).toBe(256 * (9 * 8 * 128 + 128 * 32))
  })
})

describe("zoo networks against published figures beyond the acceptance set", () => {
  const build = (spec: string) => {
    const result = buildZooNetwork(spec)
    if (!result.ok) throw new Error(result.message)
    return result.network
  }

  it("FBNet-B: 295M MACs (Wu et al., 2019, Table 2) within 2%", () => {
    expect(Math.abs(totalsOf(build("fbnet:b")).macs / 295e6 - 1)).toBeLessThan(0.02)
  })

  it("EfficientNet-EdgeTPU-S: 5.4M parameters (timm's efficientnet_es card, 1000 classes) within 1%", () => {
    const withBackground = totalsOf(build("efficientnet_edgetpu_s")).params
    const thousandClasses = withBackground - (1280 + 1) // the reference has one background class more
    expect(Math.abs(thousandClasses / 5.4e6 - 1)).toBeLessThan(0.01)
  })

  it("EfficientNet-EdgeTPU-M is deeper and larger than -S at its own 240x240 resolution", () => {
    const s = totalsOf(build("efficientnet_edgetpu_s"))
    const m = totalsOf(build("efficientnet_edgetpu_m"))
    expect(m.params).toBeGreaterThan(s.params)
    expect(m.macs / s.macs).toBeGreaterThan((240 / 224) ** 2)
  })
})
