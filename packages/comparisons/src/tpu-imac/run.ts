import { type HeterogeneousSystem, singleUnitSystem } from "@cosearch/accelerator"
import { imacWeightMemory } from "@cosearch/cost"
import { analyzeNetworkOrThrow, lowerNetwork } from "@cosearch/network"
import { geometricMean } from "../kit/markdown.js"
import { namedSystem, type SystemFigures, systemFigures, zooNetwork } from "../kit/system-figures.js"
import type { TpuImacComparisonConfig } from "./config.js"

/**
 * One network on the digital unit alone and with IMAC.
 *
 * @example
 * runTpuImacComparison(config).rows[0]?.memoryReduction
 */
export interface TpuImacRow {
  readonly network: string
  readonly alone: SystemFigures
  readonly withImac: SystemFigures
  /** Latency alone / latency with IMAC. */
  readonly speedup: number
  /** Energy alone / energy with IMAC. */
  readonly energyRatio: number
  /** Weight bytes (int8) the digital unit stores alone: every parameterized layer's. */
  readonly weightBytesAlone: number
  /** Weight bytes the digital unit still stores with IMAC: the layers the schedule leaves on it. */
  readonly weightBytesWithImac: number
  /** 1 - with / alone: the digital unit's on-chip weight memory saved. */
  readonly memoryReduction: number
  /** The share of the weights in layers IMAC could run (the reduction if every FC layer moved). */
  readonly fcShare: number
  /** Layers the schedule placed on IMAC units. */
  readonly imacLayers: number
}

/**
 * The comparison's rows and the means over them.
 *
 * @example
 * runTpuImacComparison(config).maxSpeedup
 */
export interface TpuImacComparisonReport {
  readonly digitalUnit: string
  readonly rows: readonly TpuImacRow[]
  readonly meanSpeedup: number
  readonly maxSpeedup: number
  readonly maxMemoryReduction: number
}

/**
 * The digital unit of a TPU-IMAC system alone: its first unit that is not IMAC, reaching DRAM over
 * the system's host path.
 *
 * @example
 * digitalBaseline(systemPresets["tpu-imac"]).units[0]?.name // "tpu"
 */
export const digitalBaseline = (system: HeterogeneousSystem): HeterogeneousSystem => {
  const digital = system.units.find((unit) => unit.kind !== "imac")
  if (digital === undefined) throw new Error(`system "${system.name}" has no digital unit`)
  return { ...singleUnitSystem(digital), hostPath: system.hostPath }
}

/**
 * Runs a TPU-IMAC comparison: each network scheduled on the system's digital unit alone and on the
 * whole system; speedup, energy ratio and the on-chip weight memory the digital unit saves
 * (int8 weights of the layers moved to IMAC over all its weights). Deterministic.
 *
 * @example
 * const report = runTpuImacComparison(config)
 */
export const runTpuImacComparison = (
  config: TpuImacComparisonConfig,
  progress?: (done: number, total: number) => void,
): TpuImacComparisonReport => {
  const system = namedSystem(config.system)
  const baseline = digitalBaseline(system)
  const imacNames = new Set(system.units.filter((unit) => unit.kind === "imac").map((unit) => unit.name))
  const imac = system.units.find((unit) => unit.kind === "imac")
  const rows = config.networks.map((spec, i): TpuImacRow => {
    const network = zooNetwork(spec)
    const alone = systemFigures(network, baseline, config.objective)
    const withImac = systemFigures(network, system, config.objective)
    const nests = lowerNetwork(analyzeNetworkOrThrow(network))
    let weightBytesAlone = 0
    let weightBytesWithImac = 0
    for (const nest of nests) {
      if (nest.weights !== "parameters") continue
      const bytes = nest.G * nest.K * nest.C * nest.R * nest.S
      weightBytesAlone += bytes
      if (!imacNames.has(withImac.placement.get(nest.layer) ?? "")) weightBytesWithImac += bytes
    }
    progress?.(i + 1, config.networks.length)
    return {
      network: spec,
      alone,
      withImac,
      speedup: alone.latencySeconds / withImac.latencySeconds,
      energyRatio: alone.energyPj / withImac.energyPj,
      weightBytesAlone,
      weightBytesWithImac,
      memoryReduction: weightBytesAlone === 0 ? 0 : 1 - weightBytesWithImac / weightBytesAlone,
      fcShare: imac?.kind === "imac" ? imacWeightMemory(nests, imac.accelerator).reduction : 0,
      imacLayers: [...withImac.placement.values()].filter((unit) => imacNames.has(unit)).length,
    }
  })
  const finite = (values: number[]) => values.filter(Number.isFinite)
  return {
    digitalUnit: baseline.units[0]?.name ?? "",
    rows,
    meanSpeedup: geometricMean(rows.map((row) => row.speedup)),
    maxSpeedup: Math.max(...finite(rows.map((row) => row.speedup))),
    maxMemoryReduction: Math.max(...finite(rows.map((row) => row.memoryReduction))),
  }
}
