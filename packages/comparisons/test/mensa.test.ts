import { readFileSync } from "node:fs"
import { cpuPresets, lpddr4HostPath, systemPresets } from "@cosearch/accelerator"
import { cpuNetworkCost } from "@cosearch/cost"
import { analyzeNetworkOrThrow, ffnn, lowerNetwork } from "@cosearch/network"
import { Either } from "effect"
import { describe, expect, it } from "vitest"
import { decodeMensaComparisonConfig, mensaComparisonMarkdown, mensaFamilyOf, runMensaComparison } from "../src/index.js"
import { comparisonFigures, edgeTpuLayerSums, hostCrossing } from "./comparison-kit.js"

const logMean = (values: readonly number[]) => Math.exp(values.reduce((sum, value) => sum + Math.log(value), 0) / values.length)

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

describe("the Mensa study (experiments/mensa.json) against the Edge TPU baseline", () => {
  // The study's own networks and objective; the Eyeriss baseline and the ablation are left out to keep the test short.
  const { comparison: _, ...study } = JSON.parse(readFileSync(new URL("../../../experiments/mensa.json", import.meta.url), "utf8"))
  const decoded = decodeMensaComparisonConfig({ ...study, baselines: ["mensa-edgetpu"], energyAblation: false })
  if (Either.isLeft(decoded)) throw new Error(JSON.stringify(decoded.left))
  const config = decoded.right
  const report = runMensaComparison(config)

  it("Mensa-G beats the baseline in both energy efficiency and throughput (geometric means), as the paper's 3.0x / 3.1x say", () => {
    expect(report.meanEfficiencyRatios[0]).toBeGreaterThan(1)
    expect(report.meanThroughputRatios[0]).toBeGreaterThan(1)
  })

  it("the per-family table: each family's means are the geometric means of its networks' ratios, printed in the Markdown", () => {
    const markdown = mensaComparisonMarkdown(config, report, { configPath: "experiments/mensa.json", outName: "mensa.md", seconds: 1 })
    for (const family of report.families) {
      const rows = report.rows.filter((row) => mensaFamilyOf(row.network) === family.family)
      expect(family.networks).toEqual(rows.map((row) => row.network))
      if (rows.length === 0) {
        expect(family.meanEfficiencyRatios[0]).toBeNaN()
        expect(markdown).toMatch(new RegExp(`\\| ${family.family} +\\| none`))
        continue
      }
      const efficiency = logMean(rows.map((row) => (row.baselines[0]?.figures.energyPj ?? 0) / row.system.figures.energyPj))
      const throughput = logMean(
        rows.map((row) => row.system.figures.throughputPerSecond / (row.baselines[0]?.figures.throughputPerSecond ?? 0)),
      )
      expect(family.meanEfficiencyRatios[0]).toBeCloseTo(efficiency, 12)
      expect(family.meanThroughputRatios[0]).toBeCloseTo(throughput, 12)
      expect(markdown).toContain(`| ${efficiency.toFixed(2)}x / ${throughput.toFixed(2)}x`)
    }
    expect(report.families.map((family) => family.family)).toEqual(["CNN", "LSTM", "Transducer", "RCNN"])
  })
})

describe("the Mensa study's energy ablation", () => {
  const base = { name: "ablation", objective: "edp", system: "mensa", baselines: ["mensa-edgetpu"], networks: ["lstm_encoder"] }

  it("needs the mensa system and the mensa-edgetpu baseline, and says so naming the field", () => {
    const decoded = decodeMensaComparisonConfig({ ...base, system: "tpu-imac", energyAblation: true })
    if (Either.isRight(decoded)) throw new Error("decoded")
    expect(decoded.left[0]?.path).toBe("energyAblation")
    expect(decoded.left[0]?.message).toContain('"tpu-imac"')
  })

  it("reruns mensa over mensa-edgetpu under each energy model; the full model's row is the study's own means, printed", () => {
    const decoded = decodeMensaComparisonConfig({ ...base, energyAblation: true })
    if (Either.isLeft(decoded)) throw new Error(JSON.stringify(decoded.left))
    const report = runMensaComparison(decoded.right)
    const rows = report.ablation ?? []
    expect(rows.map((row) => row.options)).toEqual([
      { sramByCapacity: false, leakage: false },
      { sramByCapacity: true, leakage: false },
      { sramByCapacity: false, leakage: true },
      { sramByCapacity: true, leakage: true },
    ])
    expect(rows[3]?.meanEfficiencyRatio).toBe(report.meanEfficiencyRatios[0])
    expect(rows[3]?.meanThroughputRatio).toBe(report.meanThroughputRatios[0])
    const markdown = mensaComparisonMarkdown(decoded.right, report, { configPath: "c.json", outName: "m.md", seconds: 1 })
    for (const row of rows) {
      const lstm = row.families.find((family) => family.family === "LSTM")
      expect(markdown).toContain(`| ${row.meanEfficiencyRatio.toFixed(2)}x / ${row.meanThroughputRatio.toFixed(2)}x`)
      expect(lstm?.efficiencyRatio).toBeCloseTo(row.meanEfficiencyRatio, 12) // one network, one family
    }
  })
})
