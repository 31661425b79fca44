import type { Agreement } from "./agreement.js"
import { boundedLeastSquares } from "./bounded-least-squares.js"
import { type LinearLatency, type LinearTemplate, templateAgreement } from "./linear-template.js"

/**
 * Options of `adaptFewShot`.
 *
 * @example
 * const options: FewShotOptions = { ridge: 1e-3 }
 */
export interface FewShotOptions {
  /** Weight of the pull toward the prior (>= 0; 0 fits the shots alone). Default: the template's `defaultRidge`. */
  readonly ridge?: number
}

/** An accelerator adapted to a device from a few measurements. */
export interface FewShotAdaptation<Accelerator> {
  readonly accelerator: Accelerator
  /** The common factor applied to the prior (geometric mean of measured / prior-predicted). */
  readonly scale: number
  /** Rounds of re-evaluating which side of each layer's roofline binds (1 when it never changes). */
  readonly rounds: number
  /** Agreement with the shots themselves. */
  readonly shots: Agreement
}

const MAX_ROUNDS = 12

/**
 * Adapts a prior (the template calibrated on other devices, or its defaults) to a new device
 * from a few measured networks, through any template whose latency is linear in its coefficients
 * (`LinearTemplate`): `prior_i = fixed_i + Σ_j c_j t_ij`. First one scale
 * `s = exp(mean_i log(y_i / prior_i))` over the shots the prior can run; then a relative
 * correction `δ_j` per coefficient the shots exercise (`s c_j (1 + δ_j)` at least the template's
 * lower bound: 0, or an efficiency of 1 where the template caps it), minimizing
 * `Σ_i ((k fixed_i + Σ_j s c_j t_ij (1 + δ_j) - y_i) / y_i)² + ridge Σ_j δ_j²` (bounded least
 * squares; `k = s` when the template's `scalesFixedSeconds`, else 1), so with few shots the
 * coefficients stay near the scaled prior and with many they fit the device. The result has
 * coefficients `s c_j (1 + δ_j)` and its fixed seconds scaled by `k`.
 * When the correction changes which side of a layer's roofline binds, the terms are re-evaluated
 * at the adapted accelerator and δ solved again, until the pattern settles (as the full
 * calibrations do). Deterministic.
 *
 * @example
 * const { accelerator } = adaptFewShot(edgeTpuLinearTemplate, tenShots, { ...edgeTpuPresets.coral, constants: defaultEdgeTpuConstants })
 */
export const adaptFewShot = <Accelerator, Sample extends { readonly latencySeconds: number }>(
  template: LinearTemplate<Accelerator, Sample>,
  shots: readonly Sample[],
  prior: Accelerator,
  options: FewShotOptions = {},
): FewShotAdaptation<Accelerator> => {
  if (shots.length === 0) throw new Error("adaptFewShot: no shots to adapt from")
  const ridge = options.ridge ?? template.defaultRidge
  const c = template.coefficients(prior)
  let logScale = 0
  let runnable = 0
  for (const shot of shots) {
    const seconds = template.latencySeconds(shot, prior)
    if (seconds === undefined) continue
    logScale += Math.log(shot.latencySeconds / seconds)
    runnable++
  }
  if (runnable === 0) throw new Error(`adaptFewShot: none of the ${shots.length} shots runs on the prior`)
  const scale = Math.exp(logScale / runnable)
  const scaled = Float64Array.from(c, (value) => scale * value)
  const fixedScale = template.scalesFixedSeconds ? scale : 1
  let accelerator = template.withCoefficients(prior, scaled, fixedScale)
  const lower = template.lowerBounds(accelerator)
  let previous = ""
  let rounds = 0
  for (; rounds < MAX_ROUNDS; rounds++) {
    const usable: { shot: Sample; linear: LinearLatency }[] = []
    for (const shot of shots) {
      const linear = template.terms(shot, accelerator)
      if (linear !== undefined) usable.push({ shot, linear })
    }
    const pattern = usable.map((entry) => entry.linear.pattern).join("|")
    if (pattern === previous) break
    previous = pattern
    // The fixed seconds are the current accelerator's (scaled by s if the template says so).
    const columns = Array.from(c.keys()).filter(
      (j) => (c[j] as number) > 0 && usable.some((entry) => (entry.linear.terms[j] as number) > 0),
    )
    const rows = usable.map(({ shot, linear }) =>
      columns.map((j) => ((scaled[j] as number) * (linear.terms[j] as number)) / shot.latencySeconds),
    )
    const targets = usable.map(({ shot, linear }) => {
      const atPrior = linear.terms.reduce((sum, t, j) => sum + t * (scaled[j] as number), linear.fixedSeconds)
      return (shot.latencySeconds - atPrior) / shot.latencySeconds
    })
    columns.forEach((_, k) => {
      rows.push(columns.map((__, l) => (l === k ? Math.sqrt(ridge) : 0)))
      targets.push(0)
    })
    const delta = boundedLeastSquares(
      rows,
      targets,
      columns.map((j) => (lower[j] as number) / (scaled[j] as number) - 1),
    )
    const adapted = Float64Array.from(scaled)
    columns.forEach((j, k) => {
      adapted[j] = (adapted[j] as number) * (1 + (delta[k] as number))
    })
    accelerator = template.withCoefficients(prior, adapted, fixedScale)
  }
  return { accelerator, scale, rounds, shots: templateAgreement(template, shots, accelerator) }
}

/** Few-shot agreement over several draws (`evaluateFewShot`). */
export interface FewShotEvaluation {
  readonly shots: number
  /** Agreement on the samples not drawn, per draw. */
  readonly draws: readonly Agreement[]
  /** Means over the draws. */
  readonly mean: { readonly kendallTau: number; readonly spearman: number; readonly mape: number; readonly within10: number }
}

/** Options of `evaluateFewShot`. */
export interface FewShotEvaluationOptions<Sample> extends FewShotOptions {
  readonly shots: number
  readonly draws: number
  /** Uniform numbers in [0, 1), e.g. a seeded generator. */
  readonly random: () => number
  /** Where to measure agreement (default: the samples not drawn). */
  readonly test?: readonly Sample[]
}

/**
 * Draws `shots` samples at random `draws` times, adapts the prior to each draw (`adaptFewShot`)
 * and measures agreement on the samples not drawn (or on `test` when given).
 *
 * @example
 * evaluateFewShot(edgeTpuLinearTemplate, coralTrain, uncalibratedCoral, { shots: 10, draws: 10, random: createRandom(1), test: coralTest }).mean.spearman
 */
export const evaluateFewShot = <Accelerator, Sample extends { readonly latencySeconds: number }>(
  template: LinearTemplate<Accelerator, Sample>,
  samples: readonly Sample[],
  prior: Accelerator,
  options: FewShotEvaluationOptions<Sample>,
): FewShotEvaluation => {
  if (!Number.isInteger(options.shots) || options.shots < 1 || options.shots >= samples.length)
    throw new Error(`evaluateFewShot: shots ${options.shots} must be an integer from 1 to ${samples.length - 1}`)
  const draws: Agreement[] = []
  for (let d = 0; d < options.draws; d++) {
    const chosen = drawIndices(samples.length, options.shots, options.random)
    const shots = samples.filter((_, i) => chosen.has(i))
    const rest = options.test ?? samples.filter((_, i) => !chosen.has(i))
    const { accelerator } = adaptFewShot(template, shots, prior, options)
    draws.push(templateAgreement(template, rest, accelerator))
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
