import { analyzeNetworkOrThrow, buildZooNetwork, countNetwork, type Network } from "@cosearch/network"
import { describe, expect, it } from "vitest"

// Published counts of the reference implementations at 224x224 with 1000 classes: MACs of conv and
// linear layers, parameters including batch-norm scale and shift. Sources: torchvision's model
// documentation (MobileNetV2/V3, EfficientNet-B0, ResNet-18/50: "GFLOPS" and "num_params"), and
// VGG-16 from the same documentation, Keras Applications' MobileNet (trainable parameters) with the MobileNet paper's 569M mult-adds.
const references = [
  { name: "mobilenet_v1", macs: 569e6, params: 4_231_976 },
  { name: "mobilenet_v2", macs: 300e6, params: 3_504_872 },
  { name: "mobilenet_v3_large", macs: 217e6, params: 5_483_032 },
  { name: "mobilenet_v3_small", macs: 56e6, params: 2_542_856 },
  { name: "efficientnet_b0", macs: 390e6, params: 5_288_548 },
  { name: "resnet18", macs: 1.814e9, params: 11_689_512 },
  { name: "resnet50", macs: 4.089e9, params: 25_557_032 },
  // torchvision's VGG16 (no batch norm): 15.47 GFLOPS (multiply-adds) and 138,357,544 parameters.
  { name: "vgg16", macs: 15.47e9, params: 138_357_544 },
] as const

const build = (spec: string, options = {}): Network => {
  const result = buildZooNetwork(spec, options)
  if (!result.ok) throw new Error(result.message)
  return result.network
}

describe("zoo counts match the reference implementations", () => {
  for (const reference of references) {
    it(`${reference.name}: MACs within 2%, parameters within 0.5%`, () => {
      const { totals } = countNetwork(analyzeNetworkOrThrow(build(reference.name)), "fp32")
      expect(Math.abs(totals.macs / reference.macs - 1)).toBeLessThan(0.02)
      expect(Math.abs(totals.params / reference.params - 1)).toBeLessThan(0.005)
    })
  }
})

describe("zoo options", () => {
  it("width and resolution scale MobileNetV2 as torchvision's make_divisible rule does", () => {
    // At width 0.5 the stem has makeDivisible(16) = 16 channels and the head stays 1280.
    const network = analyzeNetworkOrThrow(build("mobilenet_v2", { width: 0.5, resolution: 160 }))
    const stem = network.layers.find((layer) => layer.layer.name === "stem/conv")
    expect(stem?.outputShape).toEqual({ h: 80, w: 80, c: 16 })
    const head = network.layers.find((layer) => layer.layer.name === "head/conv")
    expect(head?.outputShape).toEqual({ h: 5, w: 5, c: 1280 })
  })

  it("MACs of a fully convolutional network scale with the square of the resolution", () => {
    // ResNet-18 at 448 has every conv output 4x larger; only the classifier (512 x 1000) is fixed.
    const at = (resolution: number) => countNetwork(analyzeNetworkOrThrow(build("resnet18", { resolution })), "int8").totals.macs
    const classifierMacs = 512 * 1000
    expect(at(448) - classifierMacs).toBe(4 * (at(224) - classifierMacs))
  })

  it("classes change only the classifier's parameters", () => {
    const params = (classes: number) => countNetwork(analyzeNetworkOrThrow(build("resnet50", { classes })), "int8").totals.params
    expect(params(1000) - params(10)).toBe(990 * (2048 + 1))
  })

  it("batch multiplies MACs and activation bytes but not weights", () => {
    const one = countNetwork(analyzeNetworkOrThrow(build("mobilenet_v1")), "int8").totals
    const four = countNetwork(analyzeNetworkOrThrow(build("mobilenet_v1", { batch: 4 })), "int8").totals
    expect(four.macs).toBe(4 * one.macs)
    expect(four.activationBytes).toBe(4 * one.activationBytes)
    expect(four.weightBytes).toBe(one.weightBytes)
  })

  it("precision sets the bytes per weight and activation", () => {
    const network = analyzeNetworkOrThrow(build("mobilenet_v3_small"))
    const int8 = countNetwork(network, "int8").totals
    const bf16 = countNetwork(network, "bf16").totals
    const fp32 = countNetwork(network, "fp32").totals
    expect(int8.weightBytes).toBe(int8.params)
    expect(bf16.weightBytes).toBe(2 * int8.params)
    expect(fp32.weightBytes).toBe(4 * int8.params)
    expect(fp32.activationBytes).toBe(4 * int8.activationBytes)
  })

  it("every zoo network builds with its defaults and analyzes cleanly", () => {
    for (const spec of ["efficientnet_edgetpu_s", "efficientnet_edgetpu_m", "fbnet:a", "fbnet:b", "fbnet:c", "ffnn", "lstm_encoder"]) {
      expect(() => analyzeNetworkOrThrow(build(spec)), spec).not.toThrow()
    }
  })

  it("rejects unknown names, bad arguments and options a network does not take, naming them", () => {
    const message = (spec: string, options = {}) => {
      const result = buildZooNetwork(spec, options)
      return result.ok ? "" : result.message
    }
    expect(message("mobilenet_v9")).toContain('"mobilenet_v9" is not a zoo network')
    expect(message("mobilenet_v2", { width: -1 })).toContain("width -1 is invalid")
    expect(message("ffnn", { resolution: 32 })).toContain('"ffnn" takes no resolution option')
    expect(message("resnet18:deep")).toContain('takes no argument, got "resnet18:deep"')
    expect(message("fbnet:k3_e1->k9_e1")).toContain('fbnet block id "k9_e1" is unknown')
    expect(message("fbnet:k3_e1->k3_e1")).toContain("22 searchable layers, got 2")
    expect(message("lstm_encoder:hidden=0")).toContain("hidden=0 must be a positive integer")
    expect(message("ffnn:10-x")).toContain('ffnn sizes "10-x"')
    // NB201's second reduction pools 2x2 without padding: at 2x2 input its feature map is 1x1.
    expect(message("nb201:000000", { resolution: 2 })).toMatch(/cannot be built[\s\S]*reduction2\/downsample\/avgpool[\s\S]*positive-size/)
  })
})
