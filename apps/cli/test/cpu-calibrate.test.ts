import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { gunzipSync } from "node:zlib"
import { cpuPresets } from "@cosearch/accelerator"
import { describe, expect, it } from "vitest"
import { runInProcess } from "./run-cli.js"

const scratch = mkdtempSync(join(tmpdir(), "cosearch-cpu-calibrate-"))
// LatBench's Snapdragon 450 Cortex-A53 latencies of NAS-Bench-201 (packages/cost/data/cortex-a53/README.md).
const a53Rows = gunzipSync(readFileSync(new URL("../../../packages/cost/data/cortex-a53/nb201-a53.csv.gz", import.meta.url)))
  .toString("utf8")
  .trim()
  .split("\n")
const measurements = join(scratch, "a53-300.csv")
writeFileSync(measurements, `${a53Rows.slice(0, 301).join("\n")}\n`)
const testRows = a53Rows.slice(1, 301).filter((row) => row.endsWith(",test")).length
/** `cosearch calibrate` on those 300 rows with the CPU template. */
const calibrateCpu = (preset: string, out: string, ...more: string[]) =>
  runInProcess(["calibrate", "--measurements", measurements, "--template", "cpu", "--preset", preset, "--out", out, ...more])

describe("cosearch calibrate --template cpu", () => {
  it("fits on the train rows, reports the test rows, and writes a CPU that evaluate accepts", async () => {
    const out = join(scratch, "fitted.json")
    const run = await calibrateCpu("cortex-a53", out, "--json")
    expect(run.code).toBe(0)
    const report = JSON.parse(run.stdout)
    expect(report.test.count).toBe(testRows)
    expect(report.train.count).toBe(300 - testRows)
    const written = JSON.parse(readFileSync(out, "utf8"))
    expect(written).toMatchObject({ kind: "cpu", name: "cortex-a53-calibrated", cores: cpuPresets["cortex-a53"].cores })
    const evaluated = await runInProcess(["evaluate", "--network", "nb201:333333", "--accelerator", out, "--json"])
    expect(evaluated.code).toBe(0)
    expect(JSON.parse(evaluated.stdout).accelerator).toBe("cortex-a53-calibrated")
  })

  it("--shots 10 adapts the prior to ten drawn train rows and reports on the 290 others; the same seed, the same result", async () => {
    const shots = (out: string) => calibrateCpu("cortex-a53-sd450", out, "--shots", "10", "--seed", "3", "--json")
    const first = await shots(join(scratch, "shots-a.json"))
    expect(first.code).toBe(0)
    const report = JSON.parse(first.stdout)
    expect(report.shots.count).toBe(10)
    expect(report.test.count).toBe(290)
    const second = await shots(join(scratch, "shots-b.json"))
    expect(JSON.parse(second.stdout).test).toEqual(report.test)
    expect(JSON.parse(readFileSync(join(scratch, "shots-a.json"), "utf8")).calibration).toMatchObject({
      prior: "cortex-a53-sd450",
      shots: 10,
      seed: "3",
    })
  })

  it("refuses bad input with a message naming the value, a non-zero exit (2 for a bad option value), and writes nothing", async () => {
    const out = join(scratch, "never.json")
    const base = ["calibrate", "--measurements", measurements, "--out", out]
    const tooMany = await calibrateCpu("cortex-a53", out, "--shots", "400")
    expect(tooMany.code).toBe(1)
    expect(tooMany.stderr).toContain(`--shots 400 must be at least 1, at most the ${300 - testRows} train rows`)
    const zero = await calibrateCpu("cortex-a53", out, "--shots", "0")
    expect(zero.code).toBe(1)
    expect(zero.stderr).toContain("--shots 0")
    const unknown = await runInProcess([...base, "--template", "gpu", "--preset", "cortex-a53"])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain('--template "gpu" cannot be calibrated; the calibratable templates are edgetpu and cpu')
    const cpuAsEdgeTpu = await runInProcess([...base, "--template", "edgetpu", "--preset", "cortex-a53", "--shots", "10"])
    expect(cpuAsEdgeTpu.code).toBe(1)
    expect(cpuAsEdgeTpu.stderr).toContain('--preset "cortex-a53" is a cpu accelerator; calibration needs an edgetpu design')
    const notCpu = await calibrateCpu("coral", out)
    expect(notCpu.code).toBe(1)
    expect(notCpu.stderr).toContain('--preset "coral" is a edgetpu accelerator; --template cpu needs a cpu design')
    expect(existsSync(out)).toBe(false)
  })
})

describe("cosearch evaluate --accelerator cortex-a53-sd450", () => {
  it("predicts the measured latency of validation networks (not fitted) within 10 % for most of them", async () => {
    const validation = a53Rows.filter((row) => row.endsWith(",test")).slice(0, 20)
    let within = 0
    for (const row of validation) {
      const [network, measured] = row.split(",")
      const run = await runInProcess(["evaluate", "--network", network as string, "--accelerator", "cortex-a53-sd450", "--json"])
      expect(run.code).toBe(0)
      const predicted = JSON.parse(run.stdout).totals.latencyMs
      if (Math.abs(predicted - Number(measured)) <= 0.1 * Number(measured)) within++
    }
    // nn-Meter's bar is 99 % within ±10 %; the calibration reaches about 97 % on the whole split.
    expect(within).toBeGreaterThanOrEqual(16)
  })
})
