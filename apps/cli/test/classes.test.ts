import { mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { runInProcess } from "./run-cli.js"

const scratch = mkdtempSync(join(tmpdir(), "cosearch-classes-"))
const config = {
  name: "tiny-classes",
  seed: 7,
  accelerators: ["edgetpu-v1", "edgetpu-v2", "edgetpu-v3"],
  networks: [
    { space: "nb201", count: 12 },
    { space: "fbnet", count: 6, resolutions: [160, 224], widths: [0.5, 1] },
  ],
}

describe("cosearch classes", () => {
  it("reruns from its config alone: the same seed gives the same figures", async () => {
    const path = join(scratch, "tiny.json")
    writeFileSync(path, JSON.stringify(config))
    const first = await runInProcess(["classes", path, "--json"])
    const second = await runInProcess(["classes", path, "--json"])
    expect(first.code).toBe(0)
    const strip = (text: string) => {
      const { seconds: _, ...figures } = JSON.parse(text)
      return figures
    }
    expect(strip(second.stdout)).toEqual(strip(first.stdout))
    const report = strip(first.stdout)
    expect(report.networks).toBe(18)
    expect(report.bySpace).toEqual({ nb201: 12, fbnet: 6 })
    // Peak compute ranks the classes, and so does the median latency here.
    const medians = report.classes.map((c: { latencyMs: { median: number } }) => c.latencyMs.median)
    expect(medians[0]).toBeLessThan(medians[1])
    expect(medians[1]).toBeLessThan(medians[2])
  })

  it("writes the Markdown report with the tables", async () => {
    const path = join(scratch, "tiny2.json")
    writeFileSync(path, JSON.stringify(config))
    const out = join(scratch, "report.md")
    const run = await runInProcess(["classes", path, "--out", out])
    expect(run.code).toBe(0)
    const markdown = readFileSync(out, "utf8")
    for (const heading of [
      "## Latency and energy per class",
      "## Utilisation by layer type",
      "## Parameter spills",
      "## What drives the differences",
    ])
      expect(markdown).toContain(heading)
  })

  it("a bad config lists every problem with its JSON path and runs nothing", async () => {
    const path = join(scratch, "bad.json")
    writeFileSync(path, JSON.stringify({ ...config, accelerators: ["tpu-v9"], networks: [{ space: "nb201", count: -3 }] }))
    const run = await runInProcess(["classes", path])
    expect(run.code).toBe(1)
    expect(run.stderr).toContain("accelerators[0]")
    expect(run.stderr).toContain("networks[0].count: expected a positive integer")
  })
})
