import { readFileSync } from "node:fs"
import { gunzipSync } from "node:zlib"
import { defaultEdgeTpuConstants, type EdgeTpuAccelerator, edgeTpuLayerClasses, edgeTpuPresets } from "@cosearch/accelerator"
import {
  adaptFewShot,
  boundedLeastSquares,
  type CalibrationSample,
  calibrateWithHoldout,
  edgeTpuCoefficients,
  edgeTpuLatencyTerms,
  edgeTpuLinearTemplate,
  edgeTpuWorkload,
  evaluateEdgeTpu,
  evaluateFewShot,
  kendallTau,
  parseMeasurementsCsv,
  spearman,
  withEdgeTpuCoefficients,
} from "@cosearch/cost"
import { buildZooNetwork } from "@cosearch/network"
import { createRandom } from "@cosearch/space"
import { describe, expect, it } from "vitest"

describe("rank agreement and bounded least squares (hand-derived)", () => {
  it("Kendall's tau-b and Spearman's rho on small series", () => {
    // Pairs of [1,2,3] vs [1,3,2]: (1,2) +, (1,3) +, (2,3) -: (2 - 1) / 3.
    expect(kendallTau([1, 2, 3], [1, 3, 2])).toBeCloseTo(1 / 3, 12)
    expect(kendallTau([1, 2, 3, 4], [4, 3, 2, 1])).toBe(-1)
    // Ranks [1,2,3,4] vs [1,2,4,3]: d² = 2, rho = 1 - 6·2 / (4·15) = 0.8.
    expect(spearman([1, 2, 3, 4], [10, 20, 40, 30])).toBeCloseTo(0.8, 12)
    // A tie in one series: tau-b = (C - D) / sqrt((n0 - n1)(n0 - n2)) = 2 / sqrt(2 · 3).
    expect(kendallTau([1, 1, 2], [1, 2, 3])).toBeCloseTo(2 / Math.sqrt(6), 12)
  })

  it("the bound binds where the unconstrained optimum violates it, and nowhere else", () => {
    // min (x - 2)² + (y + 1)²: unconstrained (2, -1); with x, y >= 0: (2, 0).
    const solution = boundedLeastSquares(
      [
        [1, 0],
        [0, 1],
      ],
      [2, -1],
      [0, 0],
    )
    expect(solution[0]).toBeCloseTo(2, 12)
    expect(solution[1]).toBeCloseTo(0, 12)
    // Fitting y = a + b·x to points on y = 3 + 0.5 x with b >= 1: the best line with b = 1 goes
    // through the mean point (x̄ = 2, ȳ = 4), so a = 2.
    const xs = [0, 1, 2, 3, 4]
    const fit = boundedLeastSquares(
      xs.map((x) => [1, x]),
      xs.map((x) => 3 + 0.5 * x),
      [0, 1],
    )
    expect(fit[1]).toBeCloseTo(1, 12)
    expect(fit[0]).toBeCloseTo(2, 12)
  })
})

describe("measurement files", () => {
  it("name the line and the column of every bad value", () => {
    const parsed = parseMeasurementsCsv("network,latency_ms,split\nnb201:333333,-1,train\n,2,validate\n")
    expect(parsed.ok).toBe(false)
    if (!parsed.ok)
      expect(parsed.errors).toEqual([
        'line 2: latency_ms "-1" must be a positive number of milliseconds',
        "line 3: network is empty",
        'line 3: split "validate" must be train or test',
      ])
    expect(parseMeasurementsCsv("arch,ms\n")).toMatchObject({ ok: false })
  })

  it("reads a quoted network (a comma, a doubled quote) and reports a row with the wrong number of fields or an open quote by line", () => {
    const parsed = parseMeasurementsCsv(
      'network,latency_ms,split\n"lstm_encoder:layers=1,hidden=64",1.5,train\n" nets/a,""b"".json ",2,test\n',
    )
    expect(parsed).toEqual({
      ok: true,
      measurements: [
        { network: "lstm_encoder:layers=1,hidden=64", latencyMs: 1.5, split: "train", line: 2 },
        { network: 'nets/a,"b".json', latencyMs: 2, split: "test", line: 3 },
      ],
    })
    // Read with split(","), this row was network "nb201:333333" with latency "1" and split "5".
    expect(parseMeasurementsCsv("network,latency_ms,split\nnb201:333333,1,5,train\n")).toEqual({
      ok: false,
      errors: ['line 2: expected 3 fields (network, latency_ms, split), got 4: the extra field "train"'],
    })
    expect(parseMeasurementsCsv('network,latency_ms\nnb201:333333,1.2\n"nb201:111111,3\n')).toEqual({
      ok: false,
      errors: ['line 3, column "network": a quoted field is never closed (its closing quote is missing); the line is "\\"nb201:111111,3"'],
    })
  })
})

// The shipped Coral measurements: BRP-NAS LatBench latencies of NAS-Bench-201 (see data/coral/README.md).
const text = gunzipSync(readFileSync(new URL("../data/coral/nb201-coral.csv.gz", import.meta.url))).toString("utf8")

// Built once for the calibration and the few-shot adaptation.
const coral = (() => {
  const parsed = parseMeasurementsCsv(text)
  if (!parsed.ok) throw new Error(parsed.errors.join("\n"))
  const train: CalibrationSample[] = []
  const test: CalibrationSample[] = []
  for (const m of parsed.measurements) {
    const built = buildZooNetwork(m.network)
    if (!built.ok) throw new Error(built.message)
    const prepared = edgeTpuWorkload(built.network)
    if (!prepared.ok) throw new Error(prepared.issues[0]?.message)
    ;(m.split === "test" ? test : train).push({ workload: prepared.workload, latencySeconds: m.latencyMs / 1e3 })
  }
  return { train, test }
})()

describe("the Coral calibration on NAS-Bench-201", () => {
  it("ranks held-out networks (index % 5 == 0) at Kendall tau >= 0.75, and the shipped constants are this fit", () => {
    const { train, test } = coral
    expect(train.length + test.length).toBe(15_284)
    const report = calibrateWithHoldout({ train, test }, edgeTpuPresets.coral)
    console.log(
      `Coral calibration, held out: n=${report.test.count} Kendall tau ${report.test.kendallTau.toFixed(4)}, Spearman ${report.test.spearman.toFixed(4)}, MAPE ${(100 * report.test.mape).toFixed(2)} %`,
    )
    expect(report.test.count).toBe(test.length)
    expect(report.test.kendallTau).toBeGreaterThanOrEqual(0.75)

    const shipped = edgeTpuPresets.coral.constants
    const fitted = report.accelerator.constants
    const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(b)))
    close(shipped.inferenceOverheadSeconds, fitted.inferenceOverheadSeconds)
    for (const layerClass of edgeTpuLayerClasses) {
      close(shipped.layerOverheadCycles[layerClass], fitted.layerOverheadCycles[layerClass])
      close(shipped.efficiency[layerClass], fitted.efficiency[layerClass])
    }
    // NAS-Bench-201 has no depthwise layer: those constants keep their defaults.
    expect(report.fitted).not.toContain("efficiency.depthwise")
    expect(fitted.efficiency.depthwise).toBe(defaultEdgeTpuConstants.efficiency.depthwise)
  })
})

// The analytical model before any calibration: the Coral's knobs and clock, the template's default constants.
const uncalibrated: EdgeTpuAccelerator = { ...edgeTpuPresets.coral, name: "coral-uncalibrated", constants: defaultEdgeTpuConstants }
const percent = (x: number) => `${(100 * x).toFixed(2)} %`

describe("few-shot adaptation through the Edge TPU template", () => {
  it("adapts the uncalibrated Coral design from 10 shots: mean Spearman >= 0.9 on Coral's held-out rows (10 seeded draws)", () => {
    const result = evaluateFewShot(edgeTpuLinearTemplate, coral.train, uncalibrated, {
      shots: 10,
      draws: 10,
      random: createRandom("coral"),
      test: coral.test,
    })
    console.log(
      `few-shot Coral (Edge TPU template, prior: uncalibrated): Spearman ${result.mean.spearman.toFixed(4)}, Kendall tau ${result.mean.kendallTau.toFixed(4)}, MAPE ${percent(result.mean.mape)}, within ±10 % ${percent(result.mean.within10)}`,
    )
    expect(result.draws).toHaveLength(10)
    expect(result.draws[0]?.count).toBe(coral.test.length)
    expect(result.mean.spearman).toBeGreaterThanOrEqual(0.9)
  })

  const some = coral.train.slice(0, 40)
  // Designs where some layers stall (a narrow I/O streams weights; a slow PE memory) and where none does.
  const designs: EdgeTpuAccelerator[] = [
    edgeTpuPresets.coral,
    uncalibrated,
    { ...uncalibrated, knobs: { ...uncalibrated.knobs, peMemoryBytes: 4096, ioBandwidthBytesPerSecond: 1e7 } },
    { ...uncalibrated, constants: { ...defaultEdgeTpuConstants, peMemoryBytesPerCycle: 0.5 } },
  ]

  it("latency = fixed + Σ terms x coefficients, as evaluateEdgeTpu computes it; at a third of the clock with the same coefficients, the fixed seconds triple", () => {
    let stalled = 0
    let samePattern = 0
    for (const design of designs) {
      const c = edgeTpuCoefficients(design)
      // The coefficients are the constants over the clock, by hand.
      expect(c[0]).toBe(design.constants.inferenceOverheadSeconds)
      expect(c[1]).toBeCloseTo(design.constants.layerOverheadCycles.conv / design.clockHz, 18)
      expect(c[1 + 2 * edgeTpuLayerClasses.length - 1]).toBeCloseTo(1 / (design.constants.efficiency.eltwise * design.clockHz), 18)
      const slower = withEdgeTpuCoefficients(design, c, 3)
      expect(slower.clockHz).toBeCloseTo(design.clockHz / 3, 6)
      for (const [j, value] of edgeTpuCoefficients(slower).entries()) expect(value).toBeCloseTo(c[j] as number, 15)
      for (const sample of some.slice(0, 5)) {
        const linear = edgeTpuLatencyTerms(sample.workload, design)
        const result = evaluateEdgeTpu(sample.workload, design)
        if (linear === undefined || !result.feasible) throw new Error("infeasible")
        const sum = linear.terms.reduce((total, t, j) => total + t * (c[j] as number), 0)
        expect(linear.fixedSeconds + sum).toBeCloseTo(result.latencySeconds, 12)
        const slow = evaluateEdgeTpu(sample.workload, slower)
        const slowLinear = edgeTpuLatencyTerms(sample.workload, slower)
        if (!slow.feasible || slowLinear === undefined) throw new Error("infeasible")
        // Stalls last 3 x longer while compute does not: a stalled layer may become compute-bound.
        if (slowLinear.pattern !== linear.pattern) continue
        samePattern++
        stalled += linear.pattern.split("s").length - 1
        expect(Array.from(slowLinear.terms)).toEqual(Array.from(linear.terms))
        expect(slow.latencySeconds).toBeCloseTo(3 * linear.fixedSeconds + sum, 12)
      }
    }
    expect(stalled).toBeGreaterThan(0)
    expect(samePattern).toBeGreaterThan(5)
  })

  it("with a negligible ridge and enough shots, reproduces a device's latencies from the uncalibrated prior", () => {
    const truth = withEdgeTpuCoefficients(
      uncalibrated,
      edgeTpuCoefficients({
        ...uncalibrated,
        constants: {
          ...defaultEdgeTpuConstants,
          inferenceOverheadSeconds: 4e-4,
          layerOverheadCycles: { conv: 900, depthwise: 100, fc: 300, pool: 50, eltwise: 20 },
          efficiency: { conv: 0.4, depthwise: 0.25, fc: 0.5, pool: 0.01, eltwise: 0.005 },
        },
      }),
    )
    const measured = some.map((sample) => {
      const result = evaluateEdgeTpu(sample.workload, truth)
      if (!result.feasible) throw new Error("infeasible")
      return { workload: sample.workload, latencySeconds: result.latencySeconds }
    })
    // Every network has one classifier and one global pool: their overheads and the inference
    // overhead are not separable, and the tiny ridge picks one split among the exact fits.
    const adapted = adaptFewShot(edgeTpuLinearTemplate, measured, uncalibrated, { ridge: 1e-9 })
    // The stalls follow from the knobs, which are the device's: the clock and I/O stay.
    expect(adapted.accelerator.clockHz).toBe(uncalibrated.clockHz)
    for (const layerClass of edgeTpuLayerClasses)
      expect(adapted.accelerator.constants.efficiency[layerClass]).toBeLessThanOrEqual(1 + 1e-12)
    for (const sample of measured) {
      const result = evaluateEdgeTpu(sample.workload, adapted.accelerator)
      if (!result.feasible) throw new Error("infeasible")
      expect(result.latencySeconds / sample.latencySeconds).toBeCloseTo(1, 5)
    }
    expect(() => adaptFewShot(edgeTpuLinearTemplate, [], uncalibrated)).toThrow("no shots")
  })
})
