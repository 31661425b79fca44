import { Either } from "effect"
import { describe, expect, it } from "vitest"
import { runComparison } from "../src/index.js"

// Each comparison's chart is an ECharts figure written as SVG beside its report: the file is
// named after the report, the report shows it, and the chart's data are the report's figures.
const run = (config: unknown, outName: string) => {
  const output = runComparison(config, { outName })
  if (Either.isLeft(output)) throw new Error(JSON.stringify(output.left))
  return output.right
}

type Series = { readonly name: string; readonly data: readonly unknown[] }
const seriesOf = (svgOwner: { besides: readonly { name: string; text: string }[] }) => svgOwner.besides[0]?.text ?? ""

describe("the comparisons' charts", () => {
  it("mensa: per network, the efficiency and throughput ratios over each baseline", async () => {
    const { mensaChart } = await import("../src/mensa/chart.js")
    const config = {
      comparison: "mensa",
      name: "tiny",
      objective: "latency",
      system: "cortex-a53",
      baselines: ["mensa-edgetpu"],
      networks: ["ffnn:64-32-8", "ffnn:128-64-8"],
    }
    const output = run(config, "tiny.md")
    expect(output.besides.map((file) => file.name)).toEqual(["tiny.svg"])
    expect(output.markdown).toContain("](tiny.svg)")
    const svg = seriesOf(output)
    expect(svg.startsWith("<svg")).toBe(true)
    const report = output.figures as { rows: { network: string; efficiencyRatios: number[]; throughputRatios: number[] }[] }
    // A zoo spec with arguments is labeled by its name, marked as sized.
    for (const row of report.rows) expect(svg).toContain(`>${row.network.split(":")[0]} (sized)</text>`)
    const series = (mensaChart as unknown as (c: unknown, r: unknown) => { option: { series: Series[] } })(config, report).option.series
    expect(series[0]?.data).toEqual(report.rows.map((row) => row.efficiencyRatios[0]))
    expect(series[1]?.data).toEqual(report.rows.map((row) => row.throughputRatios[0]))
  })

  it("tpu-imac: per network, the speedup and the weight memory saved", async () => {
    const { tpuImacChart } = await import("../src/tpu-imac/chart.js")
    const output = run(
      { comparison: "tpu-imac", name: "tiny", objective: "latency", system: "tpu-imac", networks: ["ffnn:256-256-256"] },
      "imac.md",
    )
    expect(output.besides.map((file) => file.name)).toEqual(["imac.svg"])
    expect(output.markdown).toContain("](imac.svg)")
    const report = output.figures as { digitalUnit: string; rows: { network: string; speedup: number; memoryReduction: number }[] }
    const series = (tpuImacChart as unknown as (r: unknown) => { option: { series: Series[] } })(report).option.series
    expect(series[0]?.data).toEqual(report.rows.map((row) => row.speedup))
    expect(series[1]?.data).toEqual(report.rows.map((row) => row.memoryReduction))
    expect(seriesOf(output)).toContain(">ffnn:256-256-256</text>")
  })

  it("edgetpu-classes: per class, the median latency and energy with their 10th and 90th percentiles", async () => {
    const { classChart } = await import("../src/edgetpu-classes/chart.js")
    const output = run(
      {
        comparison: "edgetpu-classes",
        name: "tiny",
        seed: 3,
        accelerators: ["edgetpu-v1", "edgetpu-v2"],
        networks: [{ space: "nb201", count: 6 }],
      },
      "classes.md",
    )
    expect(output.besides.map((file) => file.name)).toEqual(["classes.svg"])
    expect(output.markdown).toContain("](classes.svg)")
    const report = output.figures as {
      classes: { accelerator: string; latencyMs: { p10: number; median: number; p90: number }; energyMj: { median: number } }[]
    }
    const series = (classChart as unknown as (r: unknown) => { option: { series: Series[] } })(report).option.series
    expect(series.map((one) => one.name)).toEqual([
      "median",
      "10th percentile",
      "90th percentile",
      "median",
      "10th percentile",
      "90th percentile",
    ])
    expect(series[0]?.data).toEqual(report.classes.map((summary) => summary.latencyMs.median))
    expect(series[1]?.data).toEqual(report.classes.map((summary) => summary.latencyMs.p10))
    expect(series[3]?.data).toEqual(report.classes.map((summary) => summary.energyMj.median))
    for (const summary of report.classes) expect(seriesOf(output)).toContain(`>${summary.accelerator}</text>`)
  })
})
