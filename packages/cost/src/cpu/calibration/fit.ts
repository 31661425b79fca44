import type { CpuAccelerator } from "@cosearch/accelerator"
import type { LoopNest } from "@cosearch/network"
import { type Agreement, agreement } from "../../calibration/agreement.js"
import { boundedLeastSquares } from "../../calibration/bounded-least-squares.js"
import { cpuNetworkCost } from "../network-cost.js"
import { type CpuLatencyTerms, cpuCoefficientNames, cpuCoefficients, cpuLatencyTerms, withCpuCoefficients } from "./terms.js"

/**
 * One measured inference on a CPU: the network's nests (`cpuPrunedNests`) and its latency.
 *
 * @example
 * const sample: CpuCalibrationSample = { nests: cpuPrunedNests(network), latencySeconds: 0.0113 }
 */
export interface CpuCalibrationSample {
  readonly nests: readonly LoopNest[]
  readonly latencySeconds: number
}

/** The calibrated CPU and how well it fits its training samples. */
export interface CpuCalibration {
  readonly accelerator: CpuAccelerator
  /**
   * Names of the constants the data determined; the others keep the base CPU's values (classes no
   * sample runs, and efficiencies the fit left undetermined).
   */
  readonly fitted: readonly string[]
  readonly iterations: number
  readonly train: Agreement
}

/** A calibration with its agreement on held-out samples (count 0 when there are none). */
export interface CpuCalibrationReport extends CpuCalibration {
  readonly test: Agreement
}

const MAX_ITERATIONS = 12

/**
 * Predicted latencies (seconds) of samples on a CPU.
 *
 * @example
 * cpuPredictions(samples, cpuPresets["cortex-a53-sd450"])
 */
export const cpuPredictions = (samples: readonly CpuCalibrationSample[], cpu: CpuAccelerator): Float64Array =>
  Float64Array.from(samples, (sample) => cpuNetworkCost(sample.nests, cpu).latencySeconds)

/**
 * Fits the CPU template's latency constants to measured latencies: the inference overhead and the
 * layer overhead (seconds, >= 0) and each class's efficiency (> 0; not capped at 1: an efficiency
 * above 1 says the device outruns the nominal peak, e.g. a faster device fitted through this
 * template). With the binding side of each
 * layer's roofline fixed, latency is linear in the overheads and in 1 / efficiency
 * (`cpuLatencyTerms`), so each round solves a bounded least-squares problem weighted by
 * 1 / latency (relative errors) and re-evaluates which layers are compute-bound; rounds stop when
 * that no longer changes. Classes no sample runs keep the base CPU's values; the hardware
 * description (cores, clock, SIMD, caches, bandwidth) and the energies are kept. Deterministic.
 *
 * @example
 * const { accelerator, train } = calibrateCpu(samples, cpuPresets["cortex-a53"])
 */
export const calibrateCpu = (samples: readonly CpuCalibrationSample[], base: CpuAccelerator): CpuCalibration => {
  let accelerator = base
  let previous = ""
  let iterations = 0
  let fitted: string[] = []
  for (; iterations < MAX_ITERATIONS; iterations++) {
    const terms: CpuLatencyTerms[] = samples.map((sample) => cpuLatencyTerms(sample.nests, accelerator))
    const pattern = terms.map((entry) => entry.pattern).join("|")
    if (pattern === previous) break
    previous = pattern
    const columns = cpuCoefficientNames.flatMap((name, j) => (terms.some((entry) => (entry.terms[j] as number) > 0) ? [{ name, j }] : []))
    const solution = boundedLeastSquares(
      terms.map((entry, i) => columns.map(({ j }) => (entry.terms[j] as number) / (samples[i] as CpuCalibrationSample).latencySeconds)),
      terms.map((entry, i) => {
        const latency = (samples[i] as CpuCalibrationSample).latencySeconds
        return (latency - entry.fixedSeconds) / latency
      }),
      columns.map(() => 0),
    )
    const coefficients = cpuCoefficients(accelerator)
    columns.forEach(({ j }, k) => {
      coefficients[j] = solution[k] as number
    })
    // An efficiency whose inverse came out 0 is undetermined (e.g. a layer every network has once,
    // which the inference overhead absorbs): it keeps its value and is not reported as fitted.
    fitted = columns.filter(({ j }, k) => j < 2 || (solution[k] as number) > 0).map(({ name }) => name)
    accelerator = withCpuCoefficients(accelerator, coefficients)
  }
  const predicted = cpuPredictions(samples, accelerator)
  return {
    accelerator,
    fitted,
    iterations,
    train: agreement(
      predicted,
      samples.map((sample) => sample.latencySeconds),
    ),
  }
}

/**
 * Calibrates on `train` (`calibrateCpu`) and reports agreement on `test`.
 *
 * @example
 * calibrateCpuWithHoldout({ train, test }, cpuPresets["cortex-a53"]).test.kendallTau
 */
export const calibrateCpuWithHoldout = (
  samples: { readonly train: readonly CpuCalibrationSample[]; readonly test: readonly CpuCalibrationSample[] },
  base: CpuAccelerator,
): CpuCalibrationReport => {
  const calibration = calibrateCpu(samples.train, base)
  return {
    ...calibration,
    test: agreement(
      cpuPredictions(samples.test, calibration.accelerator),
      samples.test.map((sample) => sample.latencySeconds),
    ),
  }
}
