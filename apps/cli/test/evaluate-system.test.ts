import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { systemPresets } from "@cosearch/accelerator"
import { describe, expect, it } from "vitest"
import { runInProcess } from "./run-cli.js"

const scratch = mkdtempSync(join(tmpdir(), "cosearch-evaluate-system-"))

describe("cosearch evaluate on a system", () => {
  it("schedules an FFNN on tpu-imac: its dense layers on IMAC at the hand-computed crossbar cost", async () => {
    const run = await runInProcess([
      "evaluate",
      "--network",
      "ffnn:256-256-256-10",
      "--accelerator",
      "tpu-imac",
      "--objective",
      "latency",
      "--json",
    ])
    expect(run.code).toBe(0)
    const record = JSON.parse(run.stdout)
    expect(record.system).toBe("tpu-imac")
    expect(record.method).toBe("chain-dp")
    const fc1 = record.layers.find((layer: { name: string }) => layer.name === "fc1/dense")
    expect(fc1.unit).toBe("imac")
    // 256x256 ternary weights on 128x128 crossbars: 2 x 2 = 4 crossbars, one binary input vector (1 pass):
    // latency 10 cycles at 1 GHz + (100 ns read + 100 ns ADC) = 210 ns; energy 4 x (80 + 200) pJ = 1120 pJ.
    expect(fc1.latencySeconds).toBeCloseTo(210e-9, 15)
    expect(fc1.energyPj).toBeCloseTo(1120, 9)
    // Totals: the layers' own latencies plus the transfers.
    const layers = record.layers.reduce((sum: number, layer: { latencySeconds: number }) => sum + layer.latencySeconds, 0)
    expect(record.totals.latencyMs).toBeCloseTo(layers * 1e3 + record.totals.transferMs, 12)
  })

  it("prints the schedule per layer with its unit, and the totals, for mensa", async () => {
    const run = await runInProcess([
      "evaluate",
      "--network",
      "lstm_encoder:layers=1,hidden=64,steps=2,features=16",
      "--accelerator",
      "mensa",
      "--objective",
      "energy",
    ])
    expect(run.code).toBe(0)
    expect(run.stdout).toContain("on system mensa (objective energy")
    expect(run.stdout).toMatch(/layers: +pascal \d+, pavlov \d+, jacquard \d+/)
  })

  it("a system file with a bad field names its path; --dataflow is refused for a system", async () => {
    const file = join(scratch, "bad-system.json")
    writeFileSync(
      file,
      JSON.stringify({
        ...systemPresets.mensa,
        links: [{ from: "pascal", to: "gpu", bandwidthBytesPerSecond: 1, energyPjPerByte: 1, latencySeconds: 0 }],
      }),
    )
    const bad = await runInProcess(["evaluate", "--network", "ffnn", "--accelerator", file])
    expect(bad.code).toBe(1)
    expect(bad.stderr).toContain("links[0].to")
    const dataflow = await runInProcess(["evaluate", "--network", "ffnn", "--accelerator", "mensa", "--dataflow", "rs"])
    expect(dataflow.code).toBe(1)
    expect(dataflow.stderr).toContain("--dataflow")
  })
})
