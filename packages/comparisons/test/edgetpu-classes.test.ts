import { Either } from "effect"
import { describe, expect, it } from "vitest"
import { runComparison } from "../src/index.js"

const config = {
  comparison: "edgetpu-classes",
  name: "tiny-classes",
  seed: 7,
  accelerators: ["edgetpu-v1", "edgetpu-v2", "edgetpu-v3"],
  networks: [
    { space: "nb201", count: 12 },
    { space: "fbnet", count: 6, resolutions: [160, 224], widths: [0.5, 1] },
  ],
}

const run = (input: unknown) => {
  const output = runComparison(input)
  if (Either.isLeft(output)) throw new Error(JSON.stringify(output.left))
  return output.right
}

describe("the edgetpu-classes comparison", () => {
  it("reruns from its config alone: the same seed gives the same figures", () => {
    const first = run(config)
    const second = run(config)
    expect(second.figures).toEqual(first.figures)
    const report = JSON.parse(JSON.stringify(first.figures))
    expect(report.networks).toBe(18)
    expect(first.networks).toBe(18)
    expect(report.bySpace).toEqual({ nb201: 12, fbnet: 6 })
    // Peak compute ranks the classes, and so does the median latency here.
    const medians = report.classes.map((c: { latencyMs: { median: number } }) => c.latencyMs.median)
    expect(medians[0]).toBeLessThan(medians[1])
    expect(medians[1]).toBeLessThan(medians[2])
  })

  it("reports the Markdown report with the tables", () => {
    const { markdown } = run(config)
    for (const heading of [
      "## Latency and energy per class",
      "## Utilization by layer type",
      "## Parameter spills",
      "## What drives the differences",
    ])
      expect(markdown).toContain(heading)
  })

  it("reports progress every 1,000 networks and at the last", () => {
    const seen: string[] = []
    runComparison(
      { ...config, accelerators: ["edgetpu-v1"], networks: [{ space: "nb201", count: 2001 }] },
      { onProgress: (done, total, kind) => seen.push(`${kind} ${done}/${total}`) },
    )
    expect(seen).toEqual(["edgetpu-classes 1000/2001", "edgetpu-classes 2000/2001", "edgetpu-classes 2001/2001"])
  })

  it("a bad config lists every problem with its JSON path and runs nothing", () => {
    const seen: number[] = []
    const output = runComparison(
      { ...config, accelerators: ["tpu-v9"], networks: [{ space: "nb201", count: -3 }] },
      { onProgress: (done) => seen.push(done) },
    )
    if (Either.isRight(output)) throw new Error("decoded")
    const lines = output.left.map((issue) => `${issue.path}: ${issue.message}`)
    expect(lines.some((line) => line.startsWith("accelerators[0]"))).toBe(true)
    expect(lines.some((line) => line.startsWith("networks[0].count: expected a positive integer"))).toBe(true)
    expect(seen).toEqual([])
  })
})
