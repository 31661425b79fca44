import type { CpuAccelerator } from "@cosearch/accelerator"
import { type Agreement, agreement } from "../../edgetpu/calibration/agreement.js"
import { boundedLeastSquares } from "../../edgetpu/calibration/bounded-least-squares.js"
import { type CpuCalibrationSample, cpuPredictions } from "./fit.js"
import { cpuCoefficients, cpuLatencyTerms, withCpuCoefficients } from "./terms.js"

/**
 * The ridge weight that pulls each coefficient's correction toward the prior (see
 * `adaptCpuFewShot`), chosen across devices: adapting the CPU template calibrated on one device
 * (Cortex-A53 or Coral, NAS-Bench-201) to the other from 10 shots, this weight gave the best mean
 * Spearman over seeded draws (docs/calibration.md, `pnpm -s bench few-shot`).
 *
 * @example
 * adaptCpuFewShot(shots, prior, { ridge: defaultFewShotRidge * 10 }) // stay closer to the prior
 */
export const defaultFewShotRidge = 3e-4

/** Options of `adaptCpuFewShot`. */
export interface FewShotOptions {
  /** Weight of the pull toward the prior (>= 0; 0 fits the shots alone). Default `defaultFewShotRidge`. */
  readonly ridge?: number
}

/** A CPU adapted to a device from a few measurements. */
export interface FewShotAdaptation {
  readonly accelerator: CpuAccelerator
  /** The common factor applied to the prior (geometric mean of measured / prior-predicted). */
  readonly scale: number
  /** Agreement with the shots themselves. */
  readonly shots: Agreement
}

/**
 * Adapts a prior CPU (the template calibrated on other devices, or its defaults) to a new device
 * from a few measured networks. The prior's latency is linear in its coefficients
 * (`cpuLatencyTerms`: inference and layer overheads, 1 / efficiency per class) with
 * `prior_i = fixed_i + Σ_j c_j t_ij`. First one scale `s = exp(mean_i log(y_i / prior_i))`; then
 * a relative correction `δ_j >= -1` per coefficient the shots exercise, minimizing
 * `Σ_i ((s prior_i + Σ_j s c_j t_ij δ_j - y_i) / y_i)² + ridge Σ_j δ_j²` (bounded least squares),
 * so with few shots the coefficients stay near the scaled prior and with many they fit the
 * device. The result: coefficients `s c_j (1 + δ_j)`, DRAM bandwidth divided by `s`.
 * Deterministic.
 *
 * @example
 * const { accelerator } = adaptCpuFewShot(tenShots, cpuPresets["cortex-a53-sd450"])
 */
export const adaptCpuFewShot = (
  shots: readonly CpuCalibrationSample[],
  prior: CpuAccelerator,
  options: FewShotOptions = {},
): FewShotAdaptation => {
  if (shots.length === 0) throw new Error("adaptCpuFewShot: no shots to adapt from")
  const ridge = options.ridge ?? defaultFewShotRidge
  const c = cpuCoefficients(prior)
  const terms = shots.map((shot) => cpuLatencyTerms(shot.nests, prior))
  const priorSeconds = terms.map((entry) => entry.terms.reduce((sum, t, j) => sum + t * (c[j] as number), entry.fixedSeconds))
  let logScale = 0
  shots.forEach((shot, i) => {
    logScale += Math.log(shot.latencySeconds / (priorSeconds[i] as number))
  })
  const scale = Math.exp(logScale / shots.length)
  const columns = Array.from(c.keys()).filter((j) => (c[j] as number) > 0 && terms.some((entry) => (entry.terms[j] as number) > 0))
  const rows = shots.map((shot, i) =>
    columns.map((j) => (scale * (c[j] as number) * ((terms[i] as (typeof terms)[number]).terms[j] as number)) / shot.latencySeconds),
  )
  const targets = shots.map((shot, i) => (shot.latencySeconds - scale * (priorSeconds[i] as number)) / shot.latencySeconds)
  columns.forEach((_, k) => {
    rows.push(columns.map((__, l) => (l === k ? Math.sqrt(ridge) : 0)))
    targets.push(0)
  })
  const delta = boundedLeastSquares(
    rows,
    targets,
    columns.map(() => -1),
  )
  const adapted = Float64Array.from(c, (value) => scale * value)
  columns.forEach((j, k) => {
    adapted[j] = (adapted[j] as number) * (1 + (delta[k] as number))
  })
  const accelerator = withCpuCoefficients(prior, adapted, scale)
  return {
    accelerator,
    scale,
    shots: agreement(
      cpuPredictions(shots, accelerator),
      shots.map((shot) => shot.latencySeconds),
    ),
  }
}

/** Few-shot agreement over several draws (`evaluateCpuFewShot`). */
export interface FewShotEvaluation {
  readonly shots: number
  /** Agreement on the samples not drawn, per draw. */
  readonly draws: readonly Agreement[]
  /** Means over the draws. */
  readonly mean: { readonly kendallTau: number; readonly spearman: number; readonly mape: number; readonly within10: number }
}

/**
 * Draws `shots` samples at random (`random`, e.g. a seeded generator) `draws` times, adapts the
 * prior to each draw (`adaptCpuFewShot`) and measures agreement on the samples not drawn
 * (or on `test` when given).
 *
 * @example
 * evaluateCpuFewShot(samples, cpuPresets["cortex-a53-sd450"], { shots: 10, draws: 10, random: createRandom(1) }).mean.spearman
 */
export const evaluateCpuFewShot = (
  samples: readonly CpuCalibrationSample[],
  prior: CpuAccelerator,
  options: FewShotOptions & {
    readonly shots: number
    readonly draws: number
    readonly random: () => number
    readonly test?: readonly CpuCalibrationSample[]
  },
): FewShotEvaluation => {
  if (!Number.isInteger(options.shots) || options.shots < 1 || options.shots >= samples.length)
    throw new Error(`evaluateCpuFewShot: shots ${options.shots} must be an integer from 1 to ${samples.length - 1}`)
  const draws: Agreement[] = []
  for (let d = 0; d < options.draws; d++) {
    const chosen = drawIndices(samples.length, options.shots, options.random)
    const shots = samples.filter((_, i) => chosen.has(i))
    const rest = options.test ?? samples.filter((_, i) => !chosen.has(i))
    const { accelerator } = adaptCpuFewShot(shots, prior, options)
    draws.push(
      agreement(
        cpuPredictions(rest, accelerator),
        rest.map((sample) => sample.latencySeconds),
      ),
    )
  }
  const mean = (key: "kendallTau" | "spearman" | "mape" | "within10") => draws.reduce((sum, a) => sum + a[key], 0) / draws.length
  return {
    shots: options.shots,
    draws,
    mean: { kendallTau: mean("kendallTau"), spearman: mean("spearman"), mape: mean("mape"), within10: mean("within10") },
  }
}

/**
 * `count` distinct indices below `size`, uniformly (a partial Fisher-Yates shuffle).
 *
 * @example
 * drawIndices(100, 10, createRandom(1)).size // 10
 */
export const drawIndices = (size: number, count: number, random: () => number): Set<number> => {
  const order = Array.from({ length: size }, (_, i) => i)
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(random() * (size - i))
    const swap = order[i] as number
    order[i] = order[j] as number
    order[j] = swap
  }
  return new Set(order.slice(0, count))
}
