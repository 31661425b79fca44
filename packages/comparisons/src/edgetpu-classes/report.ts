import { type EdgeTpuLayerClass, edgeTpuLayerClasses, edgeTpuPeakMacsPerSecond, edgeTpuPresets } from "@cosearch/accelerator"
import { type EdgeTpuNetworkCost, spearman } from "@cosearch/cost"
import type { ClassComparisonConfig } from "./config.js"
import type { ClassRow, NetworkFeatures } from "./run.js"

/**
 * Summary of one accelerator over the comparison's networks.
 *
 * @example
 * classComparisonReport(config, rows).classes[0]?.latencyMs.median
 */
export interface ClassSummary {
  readonly accelerator: string
  readonly peakTops: number
  readonly areaMm2: number
  readonly feasible: number
  readonly infeasible: Readonly<Record<string, number>>
  readonly latencyMs: Quantiles
  readonly energyMj: Quantiles
  /** Pooled MACs / (cycles x peak) by layer class (0 for classes without MACs). */
  readonly utilizationByClass: Readonly<Record<EdgeTpuLayerClass, number>>
  /** Share of all cycles spent in each layer class. */
  readonly cycleShareByClass: Readonly<Record<EdgeTpuLayerClass, number>>
  /** Networks whose parameters overflow the PE memories and stream over I/O. */
  readonly spilled: number
  readonly medianStreamedMb: number
}

/**
 * p10, median and p90.
 *
 * @example
 * const latency: Quantiles = { p10: 0.03, median: 0.16, p90: 1.6 }
 */
export interface Quantiles {
  readonly p10: number
  readonly median: number
  readonly p90: number
}

/**
 * How strongly a network feature drives latency (Spearman's rho over networks).
 *
 * @example
 * classComparisonReport(config, rows).drivers.find((driver) => driver.feature === "macs")?.gap
 */
export interface Driver {
  readonly feature: keyof Omit<NetworkFeatures, "space" | "name">
  /** Per accelerator, rho(feature, latency). */
  readonly latency: readonly number[]
  /** rho(feature, latency on the last accelerator / latency on the first). */
  readonly gap: number
}

/**
 * Everything the report prints.
 *
 * @example
 * classComparisonReport(config, rows).bySpace // { nb201: 3000, ... }
 */
export interface ClassComparisonReport {
  readonly networks: number
  readonly bySpace: Readonly<Record<string, number>>
  readonly classes: readonly ClassSummary[]
  /** Per space and accelerator, the median latency (ms). */
  readonly medianLatencyBySpace: Readonly<Record<string, readonly number[]>>
  readonly drivers: readonly Driver[]
}

const quantile = (sorted: readonly number[], q: number): number => {
  if (sorted.length === 0) return Number.NaN
  const position = (sorted.length - 1) * q
  const low = Math.floor(position)
  const high = Math.ceil(position)
  return (sorted[low] as number) + ((sorted[high] as number) - (sorted[low] as number)) * (position - low)
}
const quantiles = (values: number[]): Quantiles => {
  const sorted = [...values].sort((a, b) => a - b)
  return { p10: quantile(sorted, 0.1), median: quantile(sorted, 0.5), p90: quantile(sorted, 0.9) }
}
const features: Driver["feature"][] = ["macs", "parameters", "depth", "meanChannels", "resolution", "depthwiseShare"]

/**
 * Aggregates the comparison's rows into the tables of docs/comparisons/edgetpu-classes.md.
 *
 * @example
 * const report = classComparisonReport(config, runClassComparison(config))
 */
export const classComparisonReport = (config: ClassComparisonConfig, rows: readonly ClassRow[]): ClassComparisonReport => {
  const classes = config.accelerators.map((name, a): ClassSummary => {
    const accelerator = edgeTpuPresets[name]
    const peak = edgeTpuPeakMacsPerSecond(accelerator) / accelerator.clockHz
    const costs: EdgeTpuNetworkCost[] = []
    const infeasible: Record<string, number> = {}
    let areaMm2 = 0
    for (const row of rows) {
      const result = row.results[a]
      if (result === undefined) continue
      areaMm2 = result.areaMm2
      if (result.feasible) costs.push(result)
      else infeasible[result.reason] = (infeasible[result.reason] ?? 0) + 1
    }
    const macs = Object.fromEntries(edgeTpuLayerClasses.map((c) => [c, 0])) as Record<EdgeTpuLayerClass, number>
    const cycles = { ...macs }
    let allCycles = 0
    for (const cost of costs)
      for (const c of edgeTpuLayerClasses) {
        macs[c] += cost.macsByClass[c]
        cycles[c] += cost.cyclesByClass[c]
        allCycles += cost.cyclesByClass[c]
      }
    const streamed = costs.filter((cost) => cost.streamedParameterBytes > 0).map((cost) => cost.streamedParameterBytes / 1e6)
    return {
      accelerator: name,
      peakTops: (2 * edgeTpuPeakMacsPerSecond(accelerator)) / 1e12,
      areaMm2,
      feasible: costs.length,
      infeasible,
      latencyMs: quantiles(costs.map((cost) => cost.latencyMs)),
      energyMj: quantiles(costs.map((cost) => cost.energyPj / 1e9)),
      utilizationByClass: Object.fromEntries(
        edgeTpuLayerClasses.map((c) => [c, cycles[c] === 0 ? 0 : macs[c] / (cycles[c] * peak)]),
      ) as Record<EdgeTpuLayerClass, number>,
      cycleShareByClass: Object.fromEntries(edgeTpuLayerClasses.map((c) => [c, allCycles === 0 ? 0 : cycles[c] / allCycles])) as Record<
        EdgeTpuLayerClass,
        number
      >,
      spilled: streamed.length,
      medianStreamedMb: quantiles(streamed).median,
    }
  })
  const bySpace: Record<string, number> = {}
  const medianLatencyBySpace: Record<string, number[]> = {}
  for (const entry of config.networks) {
    const inSpace = rows.filter((row) => row.features.space === entry.space)
    bySpace[entry.space] = inSpace.length
    medianLatencyBySpace[entry.space] = config.accelerators.map(
      (_, a) =>
        quantiles(
          inSpace.flatMap((row) => {
            const result = row.results[a]
            return result?.feasible === true ? [result.latencyMs] : []
          }),
        ).median,
    )
  }
  // Drivers over the networks feasible on every accelerator.
  const complete = rows.filter((row) => row.results.every((result) => result.feasible))
  const latencyOn = (a: number) => complete.map((row) => (row.results[a] as EdgeTpuNetworkCost).latencyMs)
  const last = config.accelerators.length - 1
  const gap = complete.map((row) => (row.results[last] as EdgeTpuNetworkCost).latencyMs / (row.results[0] as EdgeTpuNetworkCost).latencyMs)
  const drivers = features.map((feature): Driver => {
    const values = complete.map((row) => row.features[feature])
    return { feature, latency: config.accelerators.map((_, a) => spearman(values, latencyOn(a))), gap: spearman(values, gap) }
  })
  return { networks: rows.length, bySpace, classes, medianLatencyBySpace, drivers }
}
