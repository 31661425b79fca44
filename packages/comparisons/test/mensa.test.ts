import { cpuPresets, lpddr4HostPath, systemPresets } from "@cosearch/accelerator"
import { cpuNetworkCost } from "@cosearch/cost"
import { analyzeNetworkOrThrow, ffnn, lowerNetwork } from "@cosearch/network"
import { describe, expect, it } from "vitest"
import { comparisonFigures, edgeTpuLayerSums, hostCrossing } from "./comparison-kit.js"

describe("the mensa comparison", () => {
  it("a tiny config: the ratios equal the hand sums of the cost functions and the host crossings", () => {
    const sizes = [64, 32, 8]
    const report = comparisonFigures({
      comparison: "mensa",
      name: "tiny",
      objective: "latency",
      system: "cortex-a53",
      baselines: ["mensa-edgetpu"],
      networks: ["ffnn:64-32-8"],
    })
    const crossings = { seconds: hostCrossing(64).seconds + hostCrossing(8).seconds, pj: hostCrossing(64).pj + hostCrossing(8).pj }
    const cpu = cpuNetworkCost(lowerNetwork(analyzeNetworkOrThrow(ffnn(sizes))), cpuPresets["cortex-a53"])
    const cpuLayers = cpu.layers.reduce((sum, layer) => sum + layer.latencySeconds, 0)
    const mensaUnit = systemPresets["mensa-edgetpu"].units[0]
    if (mensaUnit?.kind !== "edgetpu") throw new Error("kind")
    const tpu = edgeTpuLayerSums(sizes, mensaUnit.accelerator)
    const [row] = report.rows
    expect(row.system.latencySeconds).toBeCloseTo(cpuLayers + crossings.seconds, 15)
    expect(row.system.energyPj).toBeCloseTo(cpu.layers.reduce((sum, layer) => sum + layer.energyPj, 0) + crossings.pj, 6)
    expect(row.baselines[0].latencySeconds).toBeCloseTo(tpu.seconds + crossings.seconds, 15)
    expect(row.baselines[0].energyPj).toBeCloseTo(tpu.pj + crossings.pj, 6)
    // Pipelined throughput of one unit: 1 / max(its busy time, the host path's bytes / bandwidth).
    const hostBusy = 72 / lpddr4HostPath.bandwidthBytesPerSecond
    expect(row.system.throughputPerSecond).toBeCloseTo(1 / Math.max(cpuLayers, hostBusy), 6)
    expect(row.efficiencyRatios[0]).toBeCloseTo((tpu.pj + crossings.pj) / row.system.energyPj, 12)
    expect(row.throughputRatios[0]).toBeCloseTo(1 / Math.max(cpuLayers, hostBusy) / (1 / Math.max(tpu.seconds, hostBusy)), 9)
    expect(report.meanEfficiencyRatios[0]).toBeCloseTo(row.efficiencyRatios[0], 12)
  })
})
