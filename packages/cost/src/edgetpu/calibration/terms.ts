import { type EdgeTpuAccelerator, type EdgeTpuLayerClass, edgeTpuLayerClasses } from "@cosearch/accelerator"
import type { LinearLatency, LinearTemplate } from "../../calibration/linear-template.js"
import { evaluateEdgeTpu } from "../evaluate.js"
import type { EdgeTpuWorkload } from "../workload.js"
import type { CalibrationSample } from "./fit.js"

const classes = edgeTpuLayerClasses.length

/**
 * Names of the Edge TPU template's linear coefficients, in order: `inferenceOverheadSeconds`,
 * then per class (`edgeTpuLayerClasses` order) `layerOverheadSeconds.<class>` (its layer
 * overhead cycles over the clock), then per class `secondsPerIdealCycle.<class>`
 * (1 / (efficiency x clock)).
 *
 * @example
 * edgeTpuCoefficientNames[1] // "layerOverheadSeconds.conv"
 */
export const edgeTpuCoefficientNames: readonly string[] = [
  "inferenceOverheadSeconds",
  ...edgeTpuLayerClasses.map((layerClass) => `layerOverheadSeconds.${layerClass}`),
  ...edgeTpuLayerClasses.map((layerClass) => `secondsPerIdealCycle.${layerClass}`),
]

/**
 * An Edge TPU's linear coefficients (see `edgeTpuCoefficientNames`).
 *
 * @example
 * edgeTpuCoefficients(edgeTpuPresets.coral)[0] // its inference overhead, seconds
 */
export const edgeTpuCoefficients = (accelerator: EdgeTpuAccelerator): Float64Array => {
  const { constants, clockHz } = accelerator
  return Float64Array.from([
    constants.inferenceOverheadSeconds,
    ...edgeTpuLayerClasses.map((layerClass) => constants.layerOverheadCycles[layerClass] / clockHz),
    ...edgeTpuLayerClasses.map((layerClass) => 1 / (constants.efficiency[layerClass] * clockHz)),
  ])
}

/**
 * The Edge TPU with these coefficients (inverse of `edgeTpuCoefficients`) and its
 * coefficient-independent seconds (stalls, partial sums, I/O) multiplied by `fixedScale`: the
 * clock divided by `fixedScale` and the I/O efficiency too, so every cycle count stays and each
 * lasts `fixedScale` times longer. A class's efficiency stays as it was where its coefficient is
 * not positive.
 *
 * @example
 * withEdgeTpuCoefficients(coral, edgeTpuCoefficients(coral), 2) // the same chip at half the clock
 */
export const withEdgeTpuCoefficients = (
  accelerator: EdgeTpuAccelerator,
  coefficients: ArrayLike<number>,
  fixedScale = 1,
): EdgeTpuAccelerator => {
  const clockHz = accelerator.clockHz / fixedScale
  const { constants } = accelerator
  const layerOverheadCycles = { ...constants.layerOverheadCycles }
  const efficiency = { ...constants.efficiency }
  edgeTpuLayerClasses.forEach((layerClass: EdgeTpuLayerClass, c) => {
    layerOverheadCycles[layerClass] = (coefficients[1 + c] as number) * clockHz
    const inverse = coefficients[1 + classes + c] as number
    if (inverse > 0) efficiency[layerClass] = 1 / (inverse * clockHz)
  })
  return {
    ...accelerator,
    clockHz,
    constants: {
      ...constants,
      inferenceOverheadSeconds: coefficients[0] as number,
      layerOverheadCycles,
      efficiency,
      ioEfficiency: constants.ioEfficiency / fixedScale,
    },
  }
}

/**
 * A prepared network's Edge TPU latency as a linear function of `edgeTpuCoefficients`, with the
 * binding side of each layer (its compute cycles, or the largest of its weight-load, spill and
 * stream stalls) as these constants make it: terms 1, the layers of each class, and the ideal
 * cycles of each class's compute-bound layers; the stalls, partial sums and I/O are fixed.
 * `undefined` where the design cannot run the network.
 *
 * @example
 * const linear = edgeTpuLatencyTerms(workload, edgeTpuPresets.coral)
 */
export const edgeTpuLatencyTerms = (workload: EdgeTpuWorkload, accelerator: EdgeTpuAccelerator): LinearLatency | undefined => {
  const result = evaluateEdgeTpu(workload, accelerator, { layers: true })
  if (!result.feasible) return undefined
  const { clockHz, constants } = accelerator
  const terms = new Float64Array(edgeTpuCoefficientNames.length)
  terms[0] = 1
  let fixedCycles = result.cycles
  let pattern = ""
  for (const layer of result.layers) {
    const c = edgeTpuLayerClasses.indexOf(layer.layerClass)
    const stall = Math.max(layer.weightLoadCycles, layer.spillCycles, layer.streamCycles)
    terms[1 + c] = (terms[1 + c] as number) + 1
    fixedCycles -= constants.layerOverheadCycles[layer.layerClass]
    if (layer.computeCycles >= stall) {
      terms[1 + classes + c] = (terms[1 + classes + c] as number) + layer.computeCycles * constants.efficiency[layer.layerClass]
      fixedCycles -= layer.computeCycles
      pattern += "c"
    } else pattern += "s"
  }
  return { fixedSeconds: fixedCycles / clockHz, terms, pattern }
}

/**
 * The ridge weight of few-shot adaptation through the Edge TPU template. Its usual prior is the
 * uncalibrated template (the device's knobs, `defaultEdgeTpuConstants`), a weak one: adapting it
 * to Coral from 10 shots, scored on Coral's train rows not drawn (10 seeded draws; the held-out
 * rows stay out of the choice), ridge weights 0, 1e-5, 1e-4, 3e-4 and 1e-3 gave mean Spearman
 * 0.9635, 0.9640, 0.9590, 0.9519 and 0.9453 (`pnpm -s bench few-shot`, docs/calibration.md). The
 * small pull keeps a fit from fewer shots than coefficients well posed.
 *
 * @example
 * adaptFewShot(edgeTpuLinearTemplate, shots, prior, { ridge: defaultEdgeTpuFewShotRidge })
 */
export const defaultEdgeTpuFewShotRidge = 1e-5

/**
 * The Edge TPU template as a linear template (`edgeTpuLatencyTerms`), for few-shot adaptation.
 * The fixed seconds (weight-load, spill and stream stalls, partial sums, I/O) follow from the
 * design's knobs, which describe the device: adaptation scales the coefficients, not them.
 *
 * @example
 * adaptFewShot(edgeTpuLinearTemplate, tenShots, { ...edgeTpuPresets.coral, constants: defaultEdgeTpuConstants })
 */
export const edgeTpuLinearTemplate: LinearTemplate<EdgeTpuAccelerator, CalibrationSample> = {
  coefficientNames: edgeTpuCoefficientNames,
  defaultRidge: defaultEdgeTpuFewShotRidge,
  scalesFixedSeconds: false,
  coefficients: edgeTpuCoefficients,
  // Overheads >= 0, efficiencies <= 1 (as in `calibrateEdgeTpu`).
  lowerBounds: (accelerator) =>
    Float64Array.from(edgeTpuCoefficientNames, (_, j) => (j > edgeTpuLayerClasses.length ? 1 / accelerator.clockHz : 0)),
  terms: (sample, accelerator) => edgeTpuLatencyTerms(sample.workload, accelerator),
  latencySeconds: (sample, accelerator) => {
    const result = evaluateEdgeTpu(sample.workload, accelerator)
    return result.feasible ? result.latencySeconds : undefined
  },
  withCoefficients: withEdgeTpuCoefficients,
}
