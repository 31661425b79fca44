import { defaultEdgeTpuConstants, type EdgeTpuAccelerator, type EdgeTpuLayerClass, edgeTpuLayerClasses } from "@cosearch/accelerator"
import { type Agreement, agreement } from "../../calibration/agreement.js"
import { boundedLeastSquares } from "../../calibration/bounded-least-squares.js"
import { evaluateEdgeTpu } from "../evaluate.js"
import type { EdgeTpuWorkload } from "../workload.js"
import { edgeTpuLatencyTerms } from "./terms.js"

/** One measured inference: a prepared network and its latency. */
export interface CalibrationSample {
  readonly workload: EdgeTpuWorkload
  readonly latencySeconds: number
}

/** The calibrated accelerator and how well it fits its training samples. */
export interface EdgeTpuCalibration {
  readonly accelerator: EdgeTpuAccelerator
  /** Names of the constants the data determined (classes absent from every sample keep their values). */
  readonly fitted: readonly string[]
  readonly iterations: number
  /** Agreement of the calibrated model with the training samples. */
  readonly train: Agreement
}

/** Linear pieces of one sample's latency at the current constants. */
interface SampleTerms {
  /** Seconds that do not depend on the fitted constants (I/O, stalls, partial sums). */
  readonly fixedSeconds: number
  /** Layers per class, over the clock. */
  readonly layersPerHz: Float64Array
  /** Ideal cycles of compute-bound layers per class, over the clock. */
  readonly idealPerHz: Float64Array
  /** Which layers were compute-bound, to detect convergence. */
  readonly pattern: string
}

const termsOf = (sample: CalibrationSample, accelerator: EdgeTpuAccelerator): SampleTerms | undefined => {
  const linear = edgeTpuLatencyTerms(sample.workload, accelerator)
  if (linear === undefined) return undefined
  const perHz = (offset: number) =>
    Float64Array.from(edgeTpuLayerClasses, (_, c) => (linear.terms[offset + c] as number) / accelerator.clockHz)
  return {
    fixedSeconds: linear.fixedSeconds,
    layersPerHz: perHz(1),
    idealPerHz: perHz(1 + edgeTpuLayerClasses.length),
    pattern: linear.pattern,
  }
}

const MAX_ITERATIONS = 12

/**
 * Fits the template's free constants to measured latencies: the inference overhead (seconds), the
 * per-layer overhead of each class (cycles) and each class's efficiency. With the stalls fixed,
 * latency is linear in the overheads and in 1 / efficiency, so each round solves a bounded least
 * squares problem (overheads >= 0, efficiencies <= 1) weighted by 1 / latency (relative errors),
 * then re-evaluates which layers are compute-bound; rounds stop when that no longer changes.
 * Classes no sample contains keep the base accelerator's values. Deterministic.
 *
 * @example
 * const { accelerator, train } = calibrateEdgeTpu(samples, edgeTpuPresets.coral)
 */
export const calibrateEdgeTpu = (samples: readonly CalibrationSample[], base: EdgeTpuAccelerator): EdgeTpuCalibration => {
  let accelerator = base
  let previous = ""
  let iterations = 0
  let fitted: string[] = []
  for (; iterations < MAX_ITERATIONS; iterations++) {
    const usable: { terms: SampleTerms; latency: number }[] = []
    for (const sample of samples) {
      const terms = termsOf(sample, accelerator)
      if (terms !== undefined) usable.push({ terms, latency: sample.latencySeconds })
    }
    const pattern = usable.map((entry) => entry.terms.pattern).join("|")
    if (pattern === previous) break
    previous = pattern
    // Columns: inference overhead, then per class its layer overhead and its 1 / efficiency.
    const present = (values: (entry: SampleTerms) => Float64Array, c: number) =>
      usable.some((entry) => (values(entry.terms)[c] as number) > 0)
    const columns: {
      name: string
      apply: (value: number, constants: Mutable) => void
      lower: number
      read: (entry: SampleTerms) => number
    }[] = [
      {
        name: "inferenceOverheadSeconds",
        lower: 0,
        read: () => 1,
        apply: (value, constants) => {
          constants.inferenceOverheadSeconds = value
        },
      },
    ]
    edgeTpuLayerClasses.forEach((layerClass: EdgeTpuLayerClass, c) => {
      if (present((terms) => terms.layersPerHz, c))
        columns.push({
          name: `layerOverheadCycles.${layerClass}`,
          lower: 0,
          read: (terms) => terms.layersPerHz[c] as number,
          apply: (value, constants) => {
            constants.layerOverheadCycles[layerClass] = value
          },
        })
      if (present((terms) => terms.idealPerHz, c))
        columns.push({
          name: `efficiency.${layerClass}`,
          lower: 1,
          read: (terms) => terms.idealPerHz[c] as number,
          apply: (value, constants) => {
            constants.efficiency[layerClass] = 1 / value
          },
        })
    })
    const rows = usable.map((entry) => columns.map((column) => column.read(entry.terms) / entry.latency))
    const targets = usable.map((entry) => (entry.latency - entry.terms.fixedSeconds) / entry.latency)
    const solution = boundedLeastSquares(
      rows,
      targets,
      columns.map((column) => column.lower),
    )
    const constants: Mutable = {
      ...accelerator.constants,
      layerOverheadCycles: { ...accelerator.constants.layerOverheadCycles },
      efficiency: { ...accelerator.constants.efficiency },
    }
    for (const [j, column] of columns.entries()) column.apply(solution[j] as number, constants)
    fitted = columns.map((column) => column.name)
    accelerator = { ...accelerator, constants }
  }
  const predicted: number[] = []
  const measured: number[] = []
  for (const sample of samples) {
    const result = evaluateEdgeTpu(sample.workload, accelerator)
    if (!result.feasible) continue
    predicted.push(result.latencySeconds)
    measured.push(sample.latencySeconds)
  }
  return { accelerator, fitted, iterations, train: agreement(predicted, measured) }
}

type Mutable = {
  -readonly [K in keyof EdgeTpuAccelerator["constants"]]: EdgeTpuAccelerator["constants"][K] extends Readonly<
    Record<EdgeTpuLayerClass, number>
  >
    ? Record<EdgeTpuLayerClass, number>
    : EdgeTpuAccelerator["constants"][K]
}

/** A calibration with its agreement on held-out samples. */
export interface EdgeTpuCalibrationReport extends EdgeTpuCalibration {
  /** Agreement on the held-out samples (count 0 when there are none). */
  readonly test: Agreement
}

/**
 * Calibrates on `train` from the base accelerator's knobs and clock and the template's default
 * constants (so a calibration never depends on an earlier one), then reports agreement on `test`.
 *
 * @example
 * const report = calibrateWithHoldout({ train, test }, edgeTpuPresets.coral)
 * report.test.kendallTau
 */
export const calibrateWithHoldout = (
  samples: { readonly train: readonly CalibrationSample[]; readonly test: readonly CalibrationSample[] },
  base: EdgeTpuAccelerator,
): EdgeTpuCalibrationReport => {
  const calibration = calibrateEdgeTpu(samples.train, { ...base, constants: defaultEdgeTpuConstants })
  const predicted: number[] = []
  const measured: number[] = []
  for (const sample of samples.test) {
    const result = evaluateEdgeTpu(sample.workload, calibration.accelerator)
    if (!result.feasible) continue
    predicted.push(result.latencySeconds)
    measured.push(sample.latencySeconds)
  }
  return { ...calibration, test: agreement(predicted, measured) }
}
