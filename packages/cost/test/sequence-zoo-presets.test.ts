import { acceleratorKinds, costOn } from "@cosearch/cost"
import { analyzeNetworkOrThrow, buildZooNetwork, countNetwork } from "@cosearch/network"
import { describe, expect, it } from "vitest"

// The transformer and keyword-spotting zoo networks bring layer kinds the CNNs do not have
// (embedding, layer norm, softmax, transpose, reshape, slice, activation x activation matmul).
// Every preset that runs more than dense layers must cost them; IMAC runs only fully connected
// layers (docs/heterogeneous.md), so it refuses both networks by naming the first layer it
// cannot run, as it refuses any CNN.
const specs = ["bert_tiny", "ds_cnn_s"] as const

describe("the sequence zoo networks on every accelerator preset", () => {
  for (const spec of specs) {
    it(`${spec}: every preset gives finite, positive latency and energy where its kind models them`, () => {
      const built = buildZooNetwork(spec)
      if (!built.ok) throw new Error(built.message)
      const network = analyzeNetworkOrThrow(built.network)
      const macs = countNetwork(network, "int8").totals.macs
      for (const name of acceleratorKinds.presetNames) {
        const unit = acceleratorKinds.preset(name)
        if (unit === undefined) throw new Error(`preset ${name} is listed but not found`)
        const result = costOn(unit, network)
        if (unit.kind === "imac") {
          expect({ name, feasible: result.feasible }).toEqual({ name, feasible: false })
          if (!result.feasible) expect(result.failure.reason, name).toBe("unsupported-layer")
          continue
        }
        if (!result.feasible) throw new Error(`${spec} on ${name}: ${result.failure.message}`)
        const { cycles, latencyMs, energyMj } = result.totals
        // A kind leaves a figure null when it does not model it (a CPU's cycles, a systolic array's energy).
        expect(cycles !== null || latencyMs !== null, `${name} models neither cycles nor latency`).toBe(true)
        for (const [figure, value] of Object.entries({ cycles, latencyMs, energyMj })) {
          if (value === null) continue
          expect(Number.isFinite(value) && value > 0, `${spec} on ${name}: ${figure} = ${value}`).toBe(true)
        }
        expect(result.totals.macs, name).toBe(macs)
      }
    })
  }

  it("costs softmax and layer norm on the Edge TPU and the CPU as element-wise work, not as folded into a neighbour", () => {
    const built = buildZooNetwork("bert_tiny")
    if (!built.ok) throw new Error(built.message)
    const network = analyzeNetworkOrThrow(built.network)
    const normalizing = network.layers.filter((layer) => layer.layer.op === "softmax" || layer.layer.op === "layernorm")
    expect(normalizing.length).toBeGreaterThan(0)
    for (const name of ["coral", "cortex-a53"]) {
      const unit = acceleratorKinds.preset(name)
      if (unit === undefined) throw new Error(`no preset ${name}`)
      const result = costOn(unit, network, { layers: true })
      if (!result.feasible) throw new Error(result.failure.message)
      const costed = new Set((result.layers ?? []).map((layer) => layer.name))
      for (const layer of normalizing)
        expect({ name, layer: layer.layer.name, costed: costed.has(layer.layer.name) }).toEqual({
          name,
          layer: layer.layer.name,
          costed: true,
        })
    }
  })
})
