import { readFileSync } from "node:fs"
import { gunzipSync } from "node:zlib"
import { type CpuAccelerator, cpuLayerClasses, cpuPresets } from "@cosearch/accelerator"
import {
  adaptCpuFewShot,
  type CpuCalibrationSample,
  calibrateCpu,
  calibrateCpuWithHoldout,
  cpuCoefficients,
  cpuLatencyTerms,
  cpuNetworkCost,
  cpuPredictions,
  cpuSamplesFromCsv,
  drawIndices,
  evaluateCpuFewShot,
  withCpuCoefficients,
} from "@cosearch/cost"
import type { LoopNest } from "@cosearch/network"
import { createRandom } from "@cosearch/space"
import { describe, expect, it } from "vitest"

const data = (path: string) => new URL(`../data/${path}`, import.meta.url)
// The A53 and Coral measure the same NAS-Bench-201 networks: build each once.
const nests = new Map<string, readonly LoopNest[]>()
const samples = (path: string) => {
  const read = cpuSamplesFromCsv(gunzipSync(readFileSync(data(path))).toString("utf8"), nests)
  if (!read.ok) throw new Error(read.errors.join("\n"))
  return read
}
// LatBench's Cortex-A53 (Snapdragon 450) and Coral latencies (data/cortex-a53/README.md, data/coral/README.md).
const a53 = samples("cortex-a53/nb201-a53.csv.gz")
const coral = samples("coral/nb201-coral.csv.gz")
// The uncalibrated Snapdragon 450 description the shipped preset was fitted from.
const sd450: CpuAccelerator = JSON.parse(readFileSync(data("cortex-a53/sd450.json"), "utf8"))

const percent = (x: number) => `${(100 * x).toFixed(2)} %`

describe("the Cortex-A53 calibration on NAS-Bench-201", () => {
  it("ranks the validation split (index % 5 == 1) at Kendall tau >= 0.75, and the shipped preset is this fit", () => {
    expect(a53.train.length + a53.test.length).toBe(12_206)
    const report = calibrateCpuWithHoldout(a53, sd450)
    console.log(
      `Cortex-A53 calibration, validation: n=${report.test.count} Kendall tau ${report.test.kendallTau.toFixed(4)}, Spearman ${report.test.spearman.toFixed(4)}, MAPE ${percent(report.test.mape)}, within ±10 % ${percent(report.test.within10)}`,
    )
    expect(report.test.count).toBe(a53.test.length)
    expect(report.test.kendallTau).toBeGreaterThanOrEqual(0.75)
    const shipped = cpuPresets["cortex-a53-sd450"]
    const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(b)))
    close(shipped.inferenceOverheadSeconds, report.accelerator.inferenceOverheadSeconds)
    close(shipped.layerOverheadSeconds, report.accelerator.layerOverheadSeconds)
    for (const layerClass of cpuLayerClasses) close(shipped.efficiency[layerClass], report.accelerator.efficiency[layerClass])
    // No NAS-Bench-201 network has a depthwise layer: its efficiency is sd450.json's.
    expect(report.fitted).not.toContain("efficiency.depthwise")
    expect(shipped.efficiency.depthwise).toBe(sd450.efficiency.depthwise)
  })
})

describe("few-shot adaptation across devices (10 shots, 10 seeded draws)", () => {
  // Meta-learning across the two devices: each one's prior is the CPU template calibrated on the other.
  it("adapts the template calibrated on Coral to the Cortex-A53: mean Spearman >= 0.9 on the networks not drawn", () => {
    // A quarter of Coral's train rows is prior enough (and keeps the test quick).
    const prior = calibrateCpu(
      coral.train.filter((_, i) => i % 4 === 0),
      sd450,
    ).accelerator
    const result = evaluateCpuFewShot([...a53.train, ...a53.test], prior, { shots: 10, draws: 10, random: createRandom("a53") })
    console.log(
      `few-shot Cortex-A53 (prior: Coral): Spearman ${result.mean.spearman.toFixed(4)}, Kendall tau ${result.mean.kendallTau.toFixed(4)}, MAPE ${percent(result.mean.mape)}, within ±10 % ${percent(result.mean.within10)}`,
    )
    expect(result.draws).toHaveLength(10)
    expect(result.draws[0]?.count).toBe(12_206 - 10)
    expect(result.mean.spearman).toBeGreaterThanOrEqual(0.9)
  })

  it("adapts the Cortex-A53 preset to Coral: mean Spearman >= 0.9 on Coral's held-out rows", () => {
    const result = evaluateCpuFewShot(coral.train, cpuPresets["cortex-a53-sd450"], {
      shots: 10,
      draws: 10,
      random: createRandom("coral"),
      test: coral.test,
    })
    console.log(
      `few-shot Coral (prior: Cortex-A53): Spearman ${result.mean.spearman.toFixed(4)}, Kendall tau ${result.mean.kendallTau.toFixed(4)}, MAPE ${percent(result.mean.mape)}, within ±10 % ${percent(result.mean.within10)}`,
    )
    expect(result.draws[0]?.count).toBe(coral.test.length)
    expect(result.mean.spearman).toBeGreaterThanOrEqual(0.9)
  })
})

describe("the linear terms and the adaptation (hand-derived)", () => {
  const some: CpuCalibrationSample[] = a53.train.slice(0, 40)

  it("latency = fixed + Σ terms x coefficients, as cpuNetworkCost computes it", () => {
    for (const cpu of [cpuPresets["cortex-a53"], cpuPresets["cortex-a53-sd450"], { ...sd450, dramBytesPerSecond: 1e7 }]) {
      const c = cpuCoefficients(cpu)
      for (const sample of some.slice(0, 5)) {
        const { fixedSeconds, terms } = cpuLatencyTerms(sample.nests, cpu)
        const linear = terms.reduce((sum, t, j) => sum + t * (c[j] as number), fixedSeconds)
        expect(linear).toBeCloseTo(cpuNetworkCost(sample.nests, cpu).latencySeconds, 12)
      }
    }
  })

  it("a device exactly twice as slow as the prior: scale 2, no correction, every prediction doubled", () => {
    const prior = cpuPresets["cortex-a53-sd450"]
    const priorSeconds = cpuPredictions(some, prior)
    const measured = some.map((sample, i) => ({ nests: sample.nests, latencySeconds: 2 * (priorSeconds[i] as number) }))
    const adapted = adaptCpuFewShot(measured.slice(0, 10), prior)
    expect(adapted.scale).toBeCloseTo(2, 12)
    const predicted = cpuPredictions(measured, adapted.accelerator)
    for (const [i, sample] of measured.entries()) expect(predicted[i]).toBeCloseTo(sample.latencySeconds, 12)
  })

  it("without the ridge and with enough shots, recovers a device's own constants from another prior", () => {
    // The truth: sd450.json's hardware with other constants; every layer compute-bound on both.
    const truth = withCpuCoefficients(sd450, [1e-3, 5e-6, 40, 90, 10, 5, 300, 500])
    const measured = some.map((sample) => ({ nests: sample.nests, latencySeconds: cpuNetworkCost(sample.nests, truth).latencySeconds }))
    const adapted = adaptCpuFewShot(measured, { ...sd450, dramBytesPerSecond: 1e12 }, { ridge: 0 })
    const predicted = cpuPredictions(measured, adapted.accelerator)
    for (const [i, sample] of measured.entries()) expect((predicted[i] as number) / sample.latencySeconds).toBeCloseTo(1, 6)
  })

  it("draws distinct indices, the same for the same seed", () => {
    const first = drawIndices(100, 10, createRandom(7))
    expect(first.size).toBe(10)
    for (const i of first) expect(i >= 0 && i < 100).toBe(true)
    expect([...drawIndices(100, 10, createRandom(7))]).toEqual([...first])
    expect(() => evaluateCpuFewShot(some, sd450, { shots: 40, draws: 1, random: createRandom(1) })).toThrow("shots 40")
  })
})
