// Small analytic problems with known optima, and the exact figures random search is held to.

import { complete, infeasible, type TrialResult } from "@cosearch/optimize"
import { type Configuration, defineSpace, enumerate, float, ordinal, type Space } from "@cosearch/space"

const levels = Array.from({ length: 11 }, (_, i) => i)

/** Four ordinal knobs 0..10: 14,641 configurations. */
export const gridSpace: Space = defineSpace({ name: "grid", parameters: ["a", "b", "c", "d"].map((name) => ordinal(name, levels)) })

const values = (config: Configuration): number[] => ["a", "b", "c", "d"].map((name) => config[name] as number)

/** A shifted sphere on the grid: minimum 0 at (3, 7, 2, 8). */
export const sphere = (config: Configuration): number => {
  const center = [3, 7, 2, 8]
  return values(config).reduce((sum, x, i) => sum + (x - (center[i] as number)) ** 2, 0)
}

/** A sphere around (3, 3, 3, 3) subject to a + b + c + d >= 29: about 10% of the grid is feasible, optimum 73 at (7, 7, 7, 8) and its permutations. */
export const boundedSphere = (config: Configuration): number => values(config).reduce((sum, x) => sum + (x - 3) ** 2, 0)
export const sumDeficit = (config: Configuration): number => 29 - values(config).reduce((sum, x) => sum + x, 0)

/** The bounded sphere with its constraint value reported. */
export const boundedSphereOutcome = (config: Configuration): TrialResult => complete([boundedSphere(config)], [sumDeficit(config)])

/** The bounded sphere where the evaluator only says "infeasible" (no values, no constraint values). */
export const boundedSphereBinary = (config: Configuration): TrialResult =>
  sumDeficit(config) > 0 ? infeasible() : complete([boundedSphere(config)])

/**
 * The exact expected minimum of `n` draws without replacement from `population`:
 * E[min] = sum_j v_(j) P(min = v_(j)), with P(min >= v_(j)) = C(N - j, n) / C(N, n) over the sorted values.
 */
export const expectedMinimum = (population: readonly number[], n: number): number => {
  const sorted = [...population].sort((a, b) => a - b)
  const size = sorted.length
  // survival[j] = P(all n draws avoid the j smallest) = prod_{t<n} (size - j - t) / (size - t)
  const survival = (j: number): number => {
    let p = 1
    for (let t = 0; t < n; t++) p *= Math.max(0, size - j - t) / (size - t)
    return p
  }
  let expectation = 0
  for (let j = 0; j < size; j++) expectation += (sorted[j] as number) * (survival(j) - survival(j + 1))
  return expectation
}

/** Every configuration of a finite space. */
export const allConfigurations = (space: Space): Configuration[] => [...enumerate(space)]

/** Branin on its usual box: minimum 0.397887 at three points. */
export const braninSpace: Space = defineSpace({ name: "branin", parameters: [float("x1", -5, 10), float("x2", 0, 15)] })
export const branin = (config: Configuration): number => {
  const x1 = config.x1 as number
  const x2 = config.x2 as number
  const b = 5.1 / (4 * Math.PI ** 2)
  const c = 5 / Math.PI
  return (x2 - b * x1 * x1 + c * x1 - 6) ** 2 + 10 * (1 - 1 / (8 * Math.PI)) * Math.cos(x1) + 10
}

/** ZDT1 and ZDT2 (Zitzler, Deb and Thiele 2000) with `n` variables in [0, 1]. */
export const zdtSpace = (n: number): Space =>
  defineSpace({ name: `zdt-${n}`, parameters: Array.from({ length: n }, (_, i) => float(`x${i}`, 0, 1)) })
const zdt = (config: Configuration, shape: (ratio: number) => number): [number, number] => {
  const xs = Object.keys(config)
    .sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)))
    .map((name) => config[name] as number)
  const f1 = xs[0] as number
  const g = 1 + (9 * xs.slice(1).reduce((sum, x) => sum + x, 0)) / (xs.length - 1)
  return [f1, g * (1 - shape(f1 / g))]
}
export const zdt1 = (config: Configuration): [number, number] => zdt(config, Math.sqrt)
export const zdt2 = (config: Configuration): [number, number] => zdt(config, (r) => r * r)
