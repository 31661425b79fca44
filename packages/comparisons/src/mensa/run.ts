import { geometricMean } from "../kit/markdown.js"
import { namedSystem, type SystemFigures, systemFigures, zooNetwork } from "../kit/system-figures.js"
import type { MensaComparisonConfig } from "./config.js"

/**
 * One network on one system.
 *
 * @example
 * runMensaComparison(config).rows[0]?.system.inferencesPerJoule
 */
export interface MensaCell {
  readonly system: string
  readonly figures: SystemFigures
  /** Inferences per joule: 1 / energy. */
  readonly inferencesPerJoule: number
  /** Layers per unit of the system. */
  readonly layersPerUnit: Readonly<Record<string, number>>
}

/**
 * One network: its cell on the system and on each baseline, and the system's ratios over each baseline.
 *
 * @example
 * const [row] = runMensaComparison(config).rows
 * row?.efficiencyRatios[0] // baseline energy / system energy
 */
export interface MensaRow {
  readonly network: string
  readonly system: MensaCell
  readonly baselines: readonly MensaCell[]
  /** Per baseline: baseline energy / system energy (energy-efficiency ratio). */
  readonly efficiencyRatios: readonly number[]
  /** Per baseline: system throughput / baseline throughput. */
  readonly throughputRatios: readonly number[]
}

/**
 * The comparison's figures: rows per network and, per baseline, the geometric means of the ratios.
 *
 * @example
 * runMensaComparison(config).meanThroughputRatios[0]
 */
export interface MensaComparisonReport {
  readonly rows: readonly MensaRow[]
  readonly meanEfficiencyRatios: readonly number[]
  readonly meanThroughputRatios: readonly number[]
}

const cell = (name: string, figures: SystemFigures): MensaCell => {
  const layersPerUnit: Record<string, number> = {}
  for (const unit of figures.placement.values()) layersPerUnit[unit] = (layersPerUnit[unit] ?? 0) + 1
  return { system: name, figures, inferencesPerJoule: figures.feasible ? 1e12 / figures.energyPj : 0, layersPerUnit }
}

/**
 * Runs a Mensa comparison: each network scheduled (`scheduleNetwork`, the config's objective) on the
 * system and on every baseline. Ratios count only when both sides are feasible; the geometric
 * means are over those. Deterministic: no random choice.
 *
 * @example
 * const report = runMensaComparison(config, (done, total) => console.error(`${done}/${total}`))
 */
export const runMensaComparison = (
  config: MensaComparisonConfig,
  progress?: (done: number, total: number) => void,
): MensaComparisonReport => {
  const system = namedSystem(config.system)
  const baselines = config.baselines.map(namedSystem)
  const rows = config.networks.map((spec, i): MensaRow => {
    const network = zooNetwork(spec)
    const own = cell(config.system, systemFigures(network, system, config.objective))
    const others = baselines.map((baseline, b) => cell(config.baselines[b] as string, systemFigures(network, baseline, config.objective)))
    const both = (other: MensaCell) => own.figures.feasible && other.figures.feasible
    progress?.(i + 1, config.networks.length)
    return {
      network: spec,
      system: own,
      baselines: others,
      efficiencyRatios: others.map((other) => (both(other) ? other.figures.energyPj / own.figures.energyPj : Number.NaN)),
      throughputRatios: others.map((other) =>
        both(other) ? own.figures.throughputPerSecond / other.figures.throughputPerSecond : Number.NaN,
      ),
    }
  })
  return {
    rows,
    meanEfficiencyRatios: config.baselines.map((_, b) => geometricMean(rows.map((row) => row.efficiencyRatios[b] ?? Number.NaN))),
    meanThroughputRatios: config.baselines.map((_, b) => geometricMean(rows.map((row) => row.throughputRatios[b] ?? Number.NaN))),
  }
}
