import { analyzeNetworkOrThrow, buildZooNetwork, countNetwork, foldAndPrune } from "@cosearch/network"
import { describe, expect, it } from "vitest"

describe("the transducer zoo entry", () => {
  it("has the parameters of its parts, counted by hand", () => {
    const built = buildZooNetwork("transducer")
    if (!built.ok) throw new Error(built.message)
    const lstm = (inputs: number, hidden: number) => 4 * hidden * (inputs + hidden) + 8 * hidden // PyTorch's nn.LSTM
    const dense = (inputs: number, units: number) => inputs * units + units
    const expected =
      lstm(80, 256) +
      lstm(256, 256) + // encoder: 2 layers over 80 features
      dense(256, 128) +
      lstm(128, 256) + // prediction network: embedding of the one-hot label, 1 LSTM
      dense(256, 256) +
      dense(256, 256) +
      dense(256, 256) // joint: two projections and the output
    expect(countNetwork(analyzeNetworkOrThrow(built.network), "int8").totals.params).toBe(expected)
  })

  it("names its logits as the output, so the compiler view keeps every part", () => {
    const built = buildZooNetwork("transducer:steps=2")
    if (!built.ok) throw new Error(built.message)
    const { dead } = foldAndPrune(analyzeNetworkOrThrow(built.network))
    expect(dead).toEqual([])
  })

  it("refuses an unknown option, naming it", () => {
    const built = buildZooNetwork("transducer:beams=4")
    expect(built.ok).toBe(false)
    if (!built.ok) expect(built.message).toContain('transducer option "beams" is unknown')
  })
})
