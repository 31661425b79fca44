import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { gunzipSync } from "node:zlib"
import { defaultEdgeTpuConstants, edgeTpuArea, edgeTpuPresets } from "@cosearch/accelerator"
import { describe, expect, it } from "vitest"
import { runInProcess } from "./run-cli.js"

const scratch = mkdtempSync(join(tmpdir(), "cosearch-edgetpu-"))
const coralRows = gunzipSync(readFileSync(new URL("../../../packages/cost/data/coral/nb201-coral.csv.gz", import.meta.url)))
  .toString("utf8")
  .trim()
  .split("\n")

describe("cosearch evaluate on the Edge TPU template", () => {
  it("evaluates mobilenet_v2 on edgetpu-v1 with latency, energy, the template's area and one record per costed layer", async () => {
    const run = await runInProcess(["evaluate", "--network", "mobilenet_v2", "--accelerator", "edgetpu-v1", "--json"])
    expect(run.code).toBe(0)
    const record = JSON.parse(run.stdout)
    expect(record).toMatchObject({ network: "mobilenet_v2", accelerator: "edgetpu-v1", feasible: true })
    expect(record.totals.latencyMs).toBeGreaterThan(0)
    expect(record.totals.energyMj).toBeGreaterThan(0)
    expect(record.totals.areaMm2).toBeCloseTo(edgeTpuArea(edgeTpuPresets["edgetpu-v1"]).totalMm2, 9)
    // 52 convolutions (17 of them depthwise) and the classifier; BN and activations are fused.
    const classes = record.layers.map((layer: { dataflow: string }) => layer.dataflow)
    expect(classes.filter((c: string) => c === "depthwise")).toHaveLength(17)
    expect(classes.filter((c: string) => c === "fc")).toHaveLength(1)
    expect(record.layers.reduce((sum: number, layer: { macs: number }) => sum + layer.macs, 0)).toBe(record.totals.macs)
  })

  it("refuses a dataflow, which the template does not take", async () => {
    const run = await runInProcess(["evaluate", "--network", "mobilenet_v2", "--accelerator", "coral", "--dataflow", "ws"])
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('--dataflow "ws"')
  })
})

describe("cosearch calibrate", () => {
  it("fits on the train rows, reports the test rows, and writes an accelerator that evaluate accepts", async () => {
    const measurements = join(scratch, "some.csv")
    writeFileSync(measurements, `${coralRows.slice(0, 301).join("\n")}\n`)
    const out = join(scratch, "calibrated.json")
    const run = await runInProcess([
      "calibrate",
      "--measurements",
      measurements,
      "--template",
      "edgetpu",
      "--preset",
      "coral",
      "--out",
      out,
      "--json",
    ])
    expect(run.code).toBe(0)
    const report = JSON.parse(run.stdout)
    const testRows = coralRows.slice(1, 301).filter((row) => row.endsWith(",test")).length
    expect(report.test.count).toBe(testRows)
    expect(report.train.count).toBe(300 - testRows)
    const written = JSON.parse(readFileSync(out, "utf8"))
    expect(written).toMatchObject({ kind: "edgetpu", name: "coral-calibrated", knobs: edgeTpuPresets.coral.knobs })
    const evaluated = await runInProcess(["evaluate", "--network", "nb201:333333", "--accelerator", out, "--json"])
    expect(evaluated.code).toBe(0)
    expect(JSON.parse(evaluated.stdout).accelerator).toBe("coral-calibrated")
  })

  it("a bad measurements file names the line, exits 1 and writes nothing", async () => {
    const measurements = join(scratch, "bad.csv")
    writeFileSync(measurements, "network,latency_ms\nnb201:333333,1.2\nnb201:333333,fast\n")
    const out = join(scratch, "never.json")
    const run = await runInProcess(["calibrate", "--measurements", measurements, "--preset", "coral", "--out", out])
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('line 3: latency_ms "fast" must be a positive number of milliseconds')
    expect(existsSync(out)).toBe(false)
  })

  it("refuses a non-Edge-TPU design and an unknown network, naming them", async () => {
    const measurements = join(scratch, "one.csv")
    writeFileSync(measurements, "network,latency_ms\nnot_a_net,1.2\n")
    const systolic = await runInProcess([
      "calibrate",
      "--measurements",
      measurements,
      "--preset",
      "systolic-32x32",
      "--out",
      join(scratch, "x.json"),
    ])
    expect(systolic.code).toBe(1)
    expect(systolic.stderr).toContain("calibration needs an edgetpu design")
    const unknown = await runInProcess(["calibrate", "--measurements", measurements, "--preset", "coral", "--out", join(scratch, "x.json")])
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toContain("line 2")
    expect(unknown.stderr).toContain("not_a_net")
  })
})

describe("cosearch calibrate --template edgetpu --shots", () => {
  const measurements = join(scratch, "shots.csv")
  writeFileSync(measurements, `${coralRows.slice(0, 301).join("\n")}\n`)
  const trainRows = coralRows.slice(1, 301).filter((row) => row.endsWith(",train")).length
  // The prior: the analytical model before calibration (the Coral's knobs and clock, the template's default constants).
  const prior = join(scratch, "coral-uncalibrated.json")
  writeFileSync(prior, JSON.stringify({ ...edgeTpuPresets.coral, name: "coral-uncalibrated", constants: defaultEdgeTpuConstants }))
  const adaptFrom = (preset: string, out: string, ...more: string[]) =>
    runInProcess(["calibrate", "--measurements", measurements, "--template", "edgetpu", "--preset", preset, "--out", out, ...more])
  const adapt = (out: string, ...more: string[]) => adaptFrom(prior, out, ...more)

  it("adapts the prior to ten drawn train rows, reports the 290 others, and the same seed gives the same design", async () => {
    const first = await adapt(join(scratch, "shots-a.json"), "--shots", "10", "--seed", "3", "--json")
    expect(first.code).toBe(0)
    const report = JSON.parse(first.stdout)
    expect(report.shots.count).toBe(10)
    expect(report.test.count).toBe(290)
    // Ten measurements turn the uncalibrated model into one that ranks the other networks well.
    expect(report.test.spearman).toBeGreaterThanOrEqual(0.9)
    const second = await adapt(join(scratch, "shots-b.json"), "--shots", "10", "--seed", "3", "--json")
    expect(JSON.parse(second.stdout)).toEqual({ ...report, out: join(scratch, "shots-b.json") })
    const other = await adapt(join(scratch, "shots-c.json"), "--shots", "10", "--seed", "4", "--json")
    expect(JSON.parse(other.stdout).accelerator).not.toEqual(report.accelerator)
    const written = JSON.parse(readFileSync(join(scratch, "shots-a.json"), "utf8"))
    expect(written).toMatchObject({
      kind: "edgetpu",
      name: "coral-uncalibrated-calibrated",
      knobs: edgeTpuPresets.coral.knobs,
      clockHz: edgeTpuPresets.coral.clockHz,
      calibration: { prior: "coral-uncalibrated", shots: 10, seed: "3" },
    })
    const evaluated = await runInProcess([
      "evaluate",
      "--network",
      "nb201:333333",
      "--accelerator",
      join(scratch, "shots-a.json"),
      "--json",
    ])
    expect(evaluated.code).toBe(0)
  })

  it("refuses a shot count the train rows cannot give and a CPU prior, naming the value, and writes nothing", async () => {
    const out = join(scratch, "never-shots.json")
    const tooMany = await adapt(out, "--shots", "400")
    expect(tooMany.code).toBe(1)
    expect(tooMany.stderr).toContain(`--shots 400 must be at least 1, at most the ${trainRows} train rows`)
    const zero = await adapt(out, "--shots", "0")
    expect(zero.code).toBe(1)
    expect(zero.stderr).toContain("--shots 0")
    const cpu = await adaptFrom("cortex-a53", out, "--shots", "10")
    expect(cpu.code).toBe(1)
    expect(cpu.stderr).toContain('--preset "cortex-a53" is a cpu accelerator; calibration needs an edgetpu design')
    expect(existsSync(out)).toBe(false)
  })
})
