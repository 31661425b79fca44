import { type Agreement, agreement } from "./agreement.js"

/**
 * A sample's latency as a linear function of a template's free constants, at the binding pattern
 * (compute- or memory-bound, compute- or stall-bound) these constants give its layers:
 * `latency = fixedSeconds + Σ_j terms[j] · coefficients[j]`.
 *
 * @example
 * const latency = linear.fixedSeconds + linear.terms.reduce((sum, t, j) => sum + t * (coefficients[j] as number), 0)
 */
export interface LinearLatency {
  /** Seconds that do not depend on the coefficients (memory time, stalls, I/O). */
  readonly fixedSeconds: number
  /** One term per coefficient, in `LinearTemplate.coefficientNames` order. */
  readonly terms: Float64Array
  /** One letter per layer saying which side of its roofline binds (to detect when a fit settles). */
  readonly pattern: string
}

/**
 * A template whose latency is linear in some of its constants once the binding side of each
 * layer is fixed: what few-shot adaptation (`adaptFewShot`) needs of it. The CPU
 * (`cpuLinearTemplate`) and the Edge TPU (`edgeTpuLinearTemplate`) are instances; a GPU, DSP or
 * other accelerator fits through whichever of them describes it, or through its own instance.
 *
 * Laws: `latencySeconds(s, a) = terms(s, a).fixedSeconds + Σ_j terms(s, a).terms[j] · coefficients(a)[j]`;
 * `coefficients(withCoefficients(a, x, k)) = x` (for positive `x`); at the same binding pattern,
 * `withCoefficients(a, x, k)` keeps the terms and multiplies the fixed seconds by `k`.
 *
 * @example
 * const template: LinearTemplate<CpuAccelerator, CpuCalibrationSample> = cpuLinearTemplate
 * template.coefficients(cpuPresets["cortex-a53"])
 */
export interface LinearTemplate<Accelerator, Sample extends { readonly latencySeconds: number }> {
  /** Names of the coefficients, in order (for reports). */
  readonly coefficientNames: readonly string[]
  /** The accelerator's coefficients. */
  readonly coefficients: (accelerator: Accelerator) => Float64Array
  /**
   * The smallest value each coefficient may take on this accelerator (0 for an overhead; for an
   * inverse efficiency, what an efficiency of 1 gives where the template caps it there).
   */
  readonly lowerBounds: (accelerator: Accelerator) => Float64Array
  /** The sample's linear latency on the accelerator, or `undefined` where the accelerator cannot run it. */
  readonly terms: (sample: Sample, accelerator: Accelerator) => LinearLatency | undefined
  /** The sample's predicted latency, or `undefined` where the accelerator cannot run it. */
  readonly latencySeconds: (sample: Sample, accelerator: Accelerator) => number | undefined
  /**
   * The ridge weight few-shot adaptation uses unless told otherwise: how far to trust the prior
   * this template is usually adapted from (`defaultFewShotRidge` for the CPU,
   * `defaultEdgeTpuFewShotRidge` for the Edge TPU).
   */
  readonly defaultRidge: number
  /**
   * Whether few-shot adaptation scales the fixed seconds with the coefficients: yes where they
   * rest on constants as uncertain as the coefficients (the CPU's DRAM bandwidth), no where they
   * follow from the design's own description (the Edge TPU's stalls and I/O, from its knobs).
   */
  readonly scalesFixedSeconds: boolean
  /** The accelerator with these coefficients and its coefficient-independent seconds multiplied by `fixedScale`. */
  readonly withCoefficients: (accelerator: Accelerator, coefficients: ArrayLike<number>, fixedScale: number) => Accelerator
}

/**
 * Agreement of a template's predictions with the samples' measured latencies, over the samples
 * the accelerator can run.
 *
 * @example
 * templateAgreement(cpuLinearTemplate, samples, cpuPresets["cortex-a53-sd450"]).spearman
 */
export const templateAgreement = <Accelerator, Sample extends { readonly latencySeconds: number }>(
  template: LinearTemplate<Accelerator, Sample>,
  samples: readonly Sample[],
  accelerator: Accelerator,
): Agreement => {
  const predicted: number[] = []
  const measured: number[] = []
  for (const sample of samples) {
    const seconds = template.latencySeconds(sample, accelerator)
    if (seconds === undefined) continue
    predicted.push(seconds)
    measured.push(sample.latencySeconds)
  }
  return agreement(predicted, measured)
}
