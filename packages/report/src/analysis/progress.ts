import { type Direction, dominates, hypervolume2d, type Trial } from "@cosearch/optimize"
import { createRandom } from "@cosearch/space"
import { feasibleLosses } from "./losses.js"

/**
 * One objective over a study's feasible trials, in trial-number order: each trial's value and the
 * best value among it and the trials before it (the best-so-far, in the objective's direction).
 *
 * @example
 * const [accuracy] = bestSoFar(study.objectives.map((o) => o.direction), study.trials)
 * accuracy.best.at(-1) // the study's best accuracy
 */
export interface ObjectiveProgress {
  readonly numbers: readonly number[]
  readonly values: readonly number[]
  readonly best: readonly number[]
}

const byNumber = (trials: readonly Trial[]): Trial[] => [...trials].sort((a, b) => a.number - b.number)

/**
 * The best-so-far of every objective over the feasible trials (`isFeasible`) by trial number:
 * infeasible and failed trials neither count nor appear.
 *
 * @example
 * bestSoFar(["minimize"], trials)[0].best // non-increasing
 */
export const bestSoFar = (directions: readonly Direction[], trials: readonly Trial[]): ObjectiveProgress[] => {
  const { trials: feasible } = feasibleLosses(directions, byNumber(trials))
  return directions.map((direction, m) => {
    const numbers: number[] = []
    const values: number[] = []
    const best: number[] = []
    let running = direction === "maximize" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY
    for (const trial of feasible) {
      const value = (trial.values as readonly number[])[m] as number
      running = direction === "maximize" ? Math.max(running, value) : Math.min(running, value)
      numbers.push(trial.number)
      values.push(value)
      best.push(running)
    }
    return { numbers, values, best }
  })
}

/**
 * The hypervolume of the running Pareto front after each feasible trial (trial-number order).
 *
 * - The reference point (in the objectives' own units and directions, `reference`) is the study's
 *   worst feasible value of each objective moved outwards by a tenth of that objective's range
 *   over the feasible trials (by 1 when the range is 0), so that the front's extreme points count.
 * - Two objectives: exact (`hypervolume2d` of the running front, recomputed when the front changes).
 * - Three or more: a seeded Monte-Carlo estimate (`method: "monte-carlo"`): `samples` points drawn
 *   uniformly in the box between the best feasible values and the reference point; the volume is
 *   the box's volume times the fraction of the points the running front dominates (standard error
 *   at most 0.5/sqrt(samples) of the box).
 *
 * @example
 * const { numbers, hypervolume } = hypervolumeHistory(["maximize", "minimize"], study.trials)
 */
export interface HypervolumeHistory {
  readonly method: "exact" | "monte-carlo" | "none"
  /** The reference point in the objectives' units (worst feasible value, plus a tenth of the range). */
  readonly reference: readonly number[]
  readonly numbers: readonly number[]
  readonly hypervolume: readonly number[]
}

/**
 * Settings of `hypervolumeHistory`: Monte-Carlo samples (3+ objectives, default 20,000), their
 * seed (default 0), and the box (default `hypervolumeBox` of the trials; give one box to several
 * studies to compare their hypervolumes).
 */
export interface HypervolumeOptions {
  readonly samples?: number
  readonly seed?: number | string
  readonly box?: HypervolumeBox
}

/** The best feasible values (`ideal`) and the reference point, in the objectives' units. */
export interface HypervolumeBox {
  readonly ideal: readonly number[]
  readonly reference: readonly number[]
}

/**
 * The hypervolume's box of the feasible trials of one or more studies: `ideal`, the best value of
 * each objective, and `reference`, the worst value moved outwards by a tenth of the objective's
 * range (by 1 when the range is 0). Undefined without feasible trials or with one objective.
 *
 * @example
 * hypervolumeBox(["minimize", "minimize"], [...a.trials, ...b.trials])?.reference
 */
export const hypervolumeBox = (directions: readonly Direction[], trials: readonly Trial[]): HypervolumeBox | undefined => {
  const k = directions.length
  const { losses } = feasibleLosses(directions, trials)
  if (k < 2 || losses.length === 0) return undefined
  const ideal = new Float64Array(k).fill(Number.POSITIVE_INFINITY)
  const worst = new Float64Array(k).fill(Number.NEGATIVE_INFINITY)
  for (const loss of losses)
    for (let m = 0; m < k; m++) {
      ideal[m] = Math.min(ideal[m] as number, loss[m] as number)
      worst[m] = Math.max(worst[m] as number, loss[m] as number)
    }
  const fromLoss = (loss: number, m: number) => (directions[m] === "maximize" ? -loss : loss)
  return {
    ideal: [...ideal].map(fromLoss),
    reference: [...worst].map((value, m) => {
      const range = value - (ideal[m] as number)
      return fromLoss(value + (range > 0 ? range / 10 : 1), m)
    }),
  }
}

/**
 * The hypervolume over trials (see `HypervolumeHistory` for the reference point and the methods).
 *
 * @example
 * hypervolumeHistory(["minimize", "minimize"], trials).hypervolume.at(-1)
 */
export const hypervolumeHistory = (
  directions: readonly Direction[],
  trials: readonly Trial[],
  options: HypervolumeOptions = {},
): HypervolumeHistory => {
  const k = directions.length
  const { trials: feasible, losses } = feasibleLosses(directions, byNumber(trials))
  if (k < 2 || feasible.length === 0) return { method: "none", reference: [], numbers: [], hypervolume: [] }
  const box = options.box ?? hypervolumeBox(directions, trials)
  if (box === undefined) return { method: "none", reference: [], numbers: [], hypervolume: [] }
  const toLoss = (values: readonly number[]) => Float64Array.from(values, (value, m) => (directions[m] === "maximize" ? -value : value))
  const ideal = toLoss(box.ideal)
  const referenceLoss = toLoss(box.reference)
  const reference = box.reference
  const numbers = feasible.map((trial) => trial.number)
  const hypervolume: number[] = []
  const front: Float64Array[] = []
  /** Adds a point to the running front; whether the front changed. */
  const add = (loss: Float64Array): boolean => {
    for (const point of front) {
      if (dominates(point, loss)) return false
      let equal = true
      for (let m = 0; m < k; m++) if (point[m] !== loss[m]) equal = false
      if (equal) return false
    }
    for (let i = front.length - 1; i >= 0; i--) if (dominates(loss, front[i] as Float64Array)) front.splice(i, 1)
    front.push(loss)
    return true
  }
  if (k === 2) {
    const ref: [number, number] = [referenceLoss[0] as number, referenceLoss[1] as number]
    let current = 0
    for (const loss of losses) {
      if (add(loss))
        current = hypervolume2d(
          front.map((point) => [point[0] as number, point[1] as number] as const),
          ref,
        )
      hypervolume.push(current)
    }
    return { method: "exact", reference, numbers, hypervolume }
  }
  const samples = options.samples ?? 20_000
  const random = createRandom(options.seed ?? 0)
  const points = new Float64Array(samples * k)
  let volume = 1
  for (let m = 0; m < k; m++) volume *= (referenceLoss[m] as number) - (ideal[m] as number)
  for (let s = 0; s < samples; s++)
    for (let m = 0; m < k; m++) {
      const low = ideal[m] as number
      points[s * k + m] = low + random() * ((referenceLoss[m] as number) - low)
    }
  const covered = new Uint8Array(samples)
  let count = 0
  for (const loss of losses) {
    if (add(loss)) {
      for (let s = 0; s < samples; s++) {
        if (covered[s] === 1) continue
        let inside = true
        for (let m = 0; m < k && inside; m++) if ((loss[m] as number) > (points[s * k + m] as number)) inside = false
        if (inside) {
          covered[s] = 1
          count++
        }
      }
    }
    hypervolume.push((volume * count) / samples)
  }
  return { method: "monte-carlo", reference, numbers, hypervolume }
}
