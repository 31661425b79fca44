import type { CpuAccelerator } from "@cosearch/accelerator"
import {
  adaptFewShot,
  evaluateFewShot,
  type FewShotAdaptation,
  type FewShotEvaluation,
  type FewShotEvaluationOptions,
  type FewShotOptions,
} from "../../calibration/few-shot.js"
import type { LinearTemplate } from "../../calibration/linear-template.js"
import { cpuNetworkCost } from "../network-cost.js"
import type { CpuCalibrationSample } from "./fit.js"
import { cpuCoefficientNames, cpuCoefficients, cpuLatencyTerms, withCpuCoefficients } from "./terms.js"

/**
 * The ridge weight that pulls each coefficient's correction toward the prior when adapting a CPU
 * (`adaptFewShot`), chosen across devices: adapting the CPU template calibrated on one device
 * (Cortex-A53 or Coral, NAS-Bench-201) to the other from 10 shots, this weight gave the best mean
 * Spearman over seeded draws (docs/calibration.md, `pnpm -s bench few-shot`).
 *
 * @example
 * adaptCpuFewShot(shots, prior, { ridge: defaultFewShotRidge * 10 }) // stay closer to the prior
 */
export const defaultFewShotRidge = 3e-4

/**
 * The CPU template as a linear template (`cpuLatencyTerms`): coefficients inference and layer
 * overheads and 1 / efficiency per class; the fixed seconds are the memory-bound layers' DRAM
 * time, scaled with the coefficients by dividing the DRAM bandwidth (whose effective value is as
 * uncertain as the efficiencies).
 *
 * @example
 * adaptFewShot(cpuLinearTemplate, tenShots, cpuPresets["cortex-a53-sd450"])
 */
export const cpuLinearTemplate: LinearTemplate<CpuAccelerator, CpuCalibrationSample> = {
  coefficientNames: cpuCoefficientNames,
  defaultRidge: defaultFewShotRidge,
  scalesFixedSeconds: true,
  coefficients: cpuCoefficients,
  // Overheads >= 0; efficiencies are not capped (as in `calibrateCpu`).
  lowerBounds: () => new Float64Array(cpuCoefficientNames.length),
  terms: (sample, cpu) => cpuLatencyTerms(sample.nests, cpu),
  latencySeconds: (sample, cpu) => cpuNetworkCost(sample.nests, cpu).latencySeconds,
  withCoefficients: withCpuCoefficients,
}

/**
 * `adaptFewShot` through the CPU template: the coefficients `s c_j (1 + δ_j)`, the DRAM
 * bandwidth divided by `s`.
 *
 * @example
 * const { accelerator } = adaptCpuFewShot(tenShots, cpuPresets["cortex-a53-sd450"])
 */
export const adaptCpuFewShot = (
  shots: readonly CpuCalibrationSample[],
  prior: CpuAccelerator,
  options: FewShotOptions = {},
): FewShotAdaptation<CpuAccelerator> => adaptFewShot(cpuLinearTemplate, shots, prior, options)

/**
 * `evaluateFewShot` through the CPU template.
 *
 * @example
 * evaluateCpuFewShot(samples, cpuPresets["cortex-a53-sd450"], { shots: 10, draws: 10, random: createRandom(1) }).mean.spearman
 */
export const evaluateCpuFewShot = (
  samples: readonly CpuCalibrationSample[],
  prior: CpuAccelerator,
  options: FewShotEvaluationOptions<CpuCalibrationSample>,
): FewShotEvaluation => evaluateFewShot(cpuLinearTemplate, samples, prior, options)
