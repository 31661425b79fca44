import { hierarchicalPresets } from "@cosearch/accelerator"
import { acceleratorKinds, costOn } from "@cosearch/cost"
import { analyzeNetworkOrThrow, buildZooNetwork } from "@cosearch/network"
import { describe, expect, it } from "vitest"

describe("a hierarchical accelerator's energy per level, per layer", () => {
  it("sums to the layer's energy, and each on-chip level's part is its accesses times its energy per access", () => {
    const built = buildZooNetwork("resnet18")
    if (!built.ok) throw new Error(built.message)
    const network = analyzeNetworkOrThrow(built.network)
    const unit = acceleratorKinds.preset("eyeriss-v1-like")
    if (unit === undefined) throw new Error("no eyeriss-v1-like")
    const result = costOn(unit, network, { layers: true })
    if (!result.feasible) throw new Error(result.failure.message)
    const accelerator = hierarchicalPresets["eyeriss-v1-like"]
    const costed = (result.layers ?? []).filter((layer) => layer.energyByLevel !== undefined)
    expect(costed.length).toBeGreaterThan(15)
    for (const layer of costed) {
      const parts = layer.energyByLevel ?? {}
      const total = Object.values(parts).reduce((a, b) => a + b, 0)
      expect(total / (layer.energyPj ?? Number.NaN)).toBeCloseTo(1, 9)
      // Eyeriss's on-chip levels charge the same per read and per write: accesses x that energy.
      for (const level of accelerator.levels.filter((candidate) => candidate.offChip !== true)) {
        expect({ layer: layer.name, level: level.name, pj: parts[level.name] ?? 0 }).toEqual({
          layer: layer.name,
          level: level.name,
          pj: expect.closeTo((layer.accesses?.[level.name] ?? 0) * (level.readEnergyPj ?? 0), 3),
        })
      }
      expect(parts.MACs).toBeCloseTo((layer.macs ?? 0) * accelerator.macEnergyPj, 3)
    }
  })
})
