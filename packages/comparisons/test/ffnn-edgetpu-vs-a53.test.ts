import { cpuPresets, edgeTpuPresets } from "@cosearch/accelerator"
import { cpuNetworkCost, edgeTpuWorkload, evaluateEdgeTpu } from "@cosearch/cost"
import { analyzeNetworkOrThrow, ffnn, lowerNetwork } from "@cosearch/network"
import { Either } from "effect"
import { describe, expect, it } from "vitest"
import { decisionChartName, runComparison } from "../src/index.js"

const config = {
  comparison: "ffnn-edgetpu-vs-a53",
  name: "tiny",
  input: { features: 4040, description: "a 40 x 101 log-mel spectrogram" },
  classes: 12,
  widths: [16, 512],
  depths: [1],
  edgetpu: "coral",
  cpu: "cortex-a53",
}

describe("the ffnn-edgetpu-vs-a53 comparison", () => {
  it("a 2 x 1 grid: each cell is evaluateEdgeTpu on coral and cpuNetworkCost on the A53; the table, crossover and SVG agree", () => {
    const output = runComparison(config, { outName: "ffnn.md" })
    if (Either.isLeft(output)) throw new Error(JSON.stringify(output.left))
    const report = JSON.parse(JSON.stringify(output.right.figures))
    for (const width of [16, 512]) {
      const network = ffnn([4040, width, 12])
      const prepared = edgeTpuWorkload(network)
      if (!prepared.ok) throw new Error("workload")
      const coral = evaluateEdgeTpu(prepared.workload, edgeTpuPresets.coral)
      if (!coral.feasible) throw new Error("infeasible")
      const a53 = cpuNetworkCost(lowerNetwork(analyzeNetworkOrThrow(network)), cpuPresets["cortex-a53"])
      const cell = report.cells.find((candidate: { width: number }) => candidate.width === width)
      expect(cell.edgetpu.latencySeconds).toBeCloseTo(coral.latencySeconds, 15)
      expect(cell.edgetpu.energyPj).toBeCloseTo(coral.energyPj, 6)
      expect(cell.cpu.latencySeconds).toBeCloseTo(a53.latencySeconds, 15)
      expect(cell.cpu.energyPj).toBeCloseTo(a53.energyPj, 6)
      expect(cell.macs).toBe(4040 * width + width * 12)
      expect(cell.fasterOn).toBe(coral.latencySeconds < a53.latencySeconds ? "edgetpu" : "cpu")
    }
    const winners = report.cells
      .filter((cell: { fasterOn: string }) => cell.fasterOn === "edgetpu")
      .map((cell: { width: number }) => cell.width)
    expect(report.latencyCrossover[0].widths).toEqual(winners)
    expect(output.right.networks).toBe(2)
    const { markdown, besides } = output.right
    expect(markdown).toContain("## Decision chart")
    expect(markdown).toContain("![decision chart](ffnn.svg)")
    expect(besides.map((file) => file.name)).toEqual(["ffnn.svg"])
    const svg = besides[0]?.text ?? ""
    expect(svg.startsWith("<svg")).toBe(true)
    // Every cell's CPU / Edge TPU ratio, in both panels, is a label of the chart.
    for (const cell of report.cells as {
      cpu: { latencySeconds: number; energyPj: number }
      edgetpu: { latencySeconds: number; energyPj: number }
    }[])
      for (const ratio of [cell.cpu.latencySeconds / cell.edgetpu.latencySeconds, cell.cpu.energyPj / cell.edgetpu.energyPj])
        expect(svg).toContain(`>${ratio >= 10 ? ratio.toFixed(0) : ratio.toFixed(2)}x</text>`)
    expect(svg).toContain(">latency per inference</text>")
    expect(svg).toContain(">energy per inference</text>")
  })

  it("names the chart after the report", () => {
    expect(decisionChartName("ffnn-edgetpu-vs-a53.md")).toBe("ffnn-edgetpu-vs-a53.svg")
    expect(decisionChartName("report")).toBe("report.svg")
  })
})
