import { geometricMean } from "../kit/markdown.js"
import { namedSystem, type SystemFigures, systemFigures, zooNetwork } from "../kit/system-figures.js"
import type { MensaComparisonConfig } from "./config.js"
import { type MensaFamily, mensaFamilies, mensaFamilyOf } from "./paper.js"

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
 * One model family of the study (`mensaFamilyOf`): its networks and, per baseline, the geometric
 * means of their ratios (NaN for a family without networks).
 *
 * @example
 * runMensaComparison(config).families.find((family) => family.family === "LSTM")?.meanEfficiencyRatios[0]
 */
export interface MensaFamilyFigures {
  readonly family: MensaFamily
  readonly networks: readonly string[]
  readonly meanEfficiencyRatios: readonly number[]
  readonly meanThroughputRatios: readonly number[]
}

/**
 * The comparison's figures: rows per network and, per baseline, the geometric means of the ratios,
 * over all networks and per model family.
 *
 * @example
 * runMensaComparison(config).meanThroughputRatios[0]
 */
export interface MensaComparisonReport {
  readonly rows: readonly MensaRow[]
  readonly meanEfficiencyRatios: readonly number[]
  readonly meanThroughputRatios: readonly number[]
  /** Every family of the paper, in its order, with the study's networks of that family. */
  readonly families: readonly MensaFamilyFigures[]
}

const means = (baselines: readonly string[], rows: readonly MensaRow[]) => ({
  meanEfficiencyRatios: baselines.map((_, b) => geometricMean(rows.map((row) => row.efficiencyRatios[b] ?? Number.NaN))),
  meanThroughputRatios: baselines.map((_, b) => geometricMean(rows.map((row) => row.throughputRatios[b] ?? Number.NaN))),
})

const cell = (name: string, figures: SystemFigures): MensaCell => {
  const layersPerUnit: Record<string, number> = {}
  for (const unit of figures.placement.values()) layersPerUnit[unit] = (layersPerUnit[unit] ?? 0) + 1
  return { system: name, figures, inferencesPerJoule: figures.feasible ? 1e12 / figures.energyPj : 0, layersPerUnit }
}

/**
 * Runs a Mensa comparison: each network scheduled (`scheduleNetwork`, the config's objective) on the
 * system and on every baseline. Ratios count only when both sides are feasible; the geometric
 * means are over those, for all networks and per model family (`mensaFamilyOf`). Deterministic: no random choice.
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
  const families = mensaFamilies.map((family): MensaFamilyFigures => {
    const members = rows.filter((row) => mensaFamilyOf(row.network) === family)
    return { family, networks: members.map((row) => row.network), ...means(config.baselines, members) }
  })
  return { rows, ...means(config.baselines, rows), families }
}
