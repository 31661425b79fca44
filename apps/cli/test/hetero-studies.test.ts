import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { cpuPresets, edgeTpuPresets, lpddr4HostPath, systemPresets } from "@cosearch/accelerator"
import { cpuNetworkCost, edgeTpuWorkload, evaluateEdgeTpu } from "@cosearch/cost"
import { analyseNetworkOrThrow, ffnn, lowerNetwork } from "@cosearch/network"
import { describe, expect, it } from "vitest"
import { runInProcess } from "./run-cli.js"

const scratch = mkdtempSync(join(tmpdir(), "cosearch-hetero-studies-"))
const write = (name: string, config: unknown): string => {
  const path = join(scratch, name)
  writeFileSync(path, JSON.stringify(config))
  return path
}
const study = async (config: unknown, name: string) => {
  const run = await runInProcess(["study", write(name, config), "--json"])
  if (run.code !== 0) throw new Error(run.stderr)
  return JSON.parse(run.stdout)
}

// A one-unit system reached over the LPDDR4 host path: the input crosses in, the output back,
// each `bytes / 12.8 GB/s + 100 ns` and `bytes x 60 pJ` (docs/scheduling.md).
const hostCrossing = (bytes: number) => ({
  seconds: bytes / lpddr4HostPath.bandwidthBytesPerSecond + lpddr4HostPath.latencySeconds,
  pj: bytes * lpddr4HostPath.energyPjPerByte,
})

/** The Edge TPU unit's per-layer sums, as the scheduler's cost table takes them from `evaluateEdgeTpu`. */
const edgeTpuLayerSums = (sizes: number[], accelerator = edgeTpuPresets["edgetpu-v1"]) => {
  const prepared = edgeTpuWorkload(ffnn(sizes))
  if (!prepared.ok) throw new Error("workload")
  const result = evaluateEdgeTpu(prepared.workload, accelerator, { layers: true })
  if (!result.feasible) throw new Error("infeasible")
  return {
    seconds: result.layers.reduce((sum, layer) => sum + layer.cycles / accelerator.clockHz, 0),
    pj: result.layers.reduce((sum, layer) => sum + layer.energyPj, 0),
  }
}

describe("cosearch study: mensa", () => {
  it("a tiny config: the ratios equal the hand sums of the cost functions and the host crossings", async () => {
    const sizes = [64, 32, 8]
    const report = await study(
      {
        study: "mensa",
        name: "tiny",
        objective: "latency",
        system: "cortex-a53",
        baselines: ["mensa-edgetpu"],
        networks: ["ffnn:64-32-8"],
      },
      "mensa.json",
    )
    const crossings = { seconds: hostCrossing(64).seconds + hostCrossing(8).seconds, pj: hostCrossing(64).pj + hostCrossing(8).pj }
    const cpu = cpuNetworkCost(lowerNetwork(analyseNetworkOrThrow(ffnn(sizes))), cpuPresets["cortex-a53"])
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

describe("cosearch study: tpu-imac", () => {
  it("a tiny FFNN: both dense layers on IMAC at the hand-computed crossbar cost; speedup and memory reduction", async () => {
    const report = await study(
      { study: "tpu-imac", name: "tiny", objective: "latency", system: "tpu-imac", networks: ["ffnn:256-256-256"] },
      "tpu-imac.json",
    )
    const [row] = report.rows
    // IMAC, 128x128 crossbars, 1-bit weights and inputs, one input vector per layer:
    // fc1 and fc2 256x256 = 2 x 2 crossbars each; each layer 10 ns control + 100 ns read + 100 ns ADC
    // (210 ns, against ~1.4 µs for a 256x256 layer on edgetpu-v1); energy crossbars x (80 + 200) pJ.
    const imacSeconds = 2 * (10e-9 + 200e-9)
    const imacPj = (4 + 4) * 280
    const crossings = { seconds: 2 * hostCrossing(256).seconds, pj: 2 * hostCrossing(256).pj }
    expect(row.imacLayers).toBe(3) // fc1, its ReLU (fused, free), fc2
    expect(row.withImac.latencySeconds).toBeCloseTo(imacSeconds + crossings.seconds, 15)
    expect(row.withImac.energyPj).toBeCloseTo(imacPj + crossings.pj, 6)
    const tpu = edgeTpuLayerSums([256, 256, 256])
    expect(row.alone.latencySeconds).toBeCloseTo(tpu.seconds + crossings.seconds, 15)
    expect(row.speedup).toBeCloseTo((tpu.seconds + crossings.seconds) / (imacSeconds + crossings.seconds), 9)
    // Weights 2 x 256x256 = 131,072 int8 bytes alone, none kept: 100 % saved.
    expect(row.weightBytesAlone).toBe(131072)
    expect(row.weightBytesWithImac).toBe(0)
    expect(row.memoryReduction).toBe(1)
  })
})

describe("cosearch study: ffnn-edgetpu-vs-a53", () => {
  it("a 2 x 1 grid: each cell is evaluateEdgeTpu on coral and cpuNetworkCost on the A53; the table, crossover and SVG agree", async () => {
    const config = {
      study: "ffnn-edgetpu-vs-a53",
      name: "tiny",
      input: { features: 4040, description: "a 40 x 101 log-mel spectrogram" },
      classes: 12,
      widths: [16, 512],
      depths: [1],
      edgetpu: "coral",
      cpu: "cortex-a53",
    }
    const path = write("ffnn.json", config)
    const out = join(scratch, "ffnn.md")
    const run = await runInProcess(["study", path, "--json", "--out", out])
    expect(run.code).toBe(0)
    const report = JSON.parse(run.stdout)
    for (const width of [16, 512]) {
      const network = ffnn([4040, width, 12])
      const prepared = edgeTpuWorkload(network)
      if (!prepared.ok) throw new Error("workload")
      const coral = evaluateEdgeTpu(prepared.workload, edgeTpuPresets.coral)
      if (!coral.feasible) throw new Error("infeasible")
      const a53 = cpuNetworkCost(lowerNetwork(analyseNetworkOrThrow(network)), cpuPresets["cortex-a53"])
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
    const markdown = readFileSync(out, "utf8")
    expect(markdown).toContain("## Decision chart")
    expect(markdown).toContain("![decision chart](ffnn.svg)")
    const svg = readFileSync(join(scratch, "ffnn.svg"), "utf8")
    expect(svg.startsWith("<svg")).toBe(true)
    // Two panels of two cells, plus the background and the two legend swatches.
    expect(svg.match(/<rect /g)?.length).toBe(1 + 2 * 2 + 2)
  })
})

describe("cosearch study: bad configs", () => {
  it("name every problem's path and write nothing", async () => {
    const out = join(scratch, "never.md")
    const bad = write("bad-mensa.json", {
      study: "mensa",
      name: "x",
      objective: "speed",
      system: "mensa",
      baselines: ["tpu-v9"],
      networks: ["resnet99"],
    })
    const run = await runInProcess(["study", bad, "--out", out])
    expect(run.code).toBe(1)
    expect(run.stderr).toContain("objective: expected one of latency, energy, edp")
    expect(run.stderr).toContain("baselines[0]")
    expect(run.stderr).toContain("networks[0]")
    expect(existsSync(out)).toBe(false)
    const unknown = await runInProcess(["study", write("bad-kind.json", { study: "apollo" }), "--out", out])
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toContain('study: expected one of mensa, tpu-imac, ffnn-edgetpu-vs-a53, got "apollo"')
    const grid = write("bad-ffnn.json", {
      study: "ffnn-edgetpu-vs-a53",
      name: "x",
      input: { features: 0, description: "" },
      classes: 2,
      widths: [],
      depths: [1],
      edgetpu: "coral",
      cpu: "cortex-a72",
    })
    const gridRun = await runInProcess(["study", grid])
    expect(gridRun.code).toBe(1)
    expect(gridRun.stderr).toContain("input.features: expected a positive integer, got 0")
    expect(gridRun.stderr).toContain("widths")
    expect(gridRun.stderr).toContain("cpu: expected one of cortex-a53")
  })
})
