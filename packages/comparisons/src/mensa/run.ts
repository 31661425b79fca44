import { type HeterogeneousSystem, type MensaEnergyOptions, mensaSystems } from "@cosearch/accelerator"
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
  /** With `energyAblation`: `mensa` over `mensa-edgetpu` under each energy model, the full one last. */
  readonly ablation?: readonly MensaAblationRow[]
}

/**
 * The study under one energy model (`MensaEnergyOptions`): `mensa` over `mensa-edgetpu`, the
 * geometric means overall and per family.
 *
 * @example
 * runMensaComparison({ ...config, energyAblation: true }).ablation?.[0]?.meanEfficiencyRatio
 */
export interface MensaAblationRow {
  readonly label: string
  readonly options: MensaEnergyOptions
  readonly meanEfficiencyRatio: number
  readonly meanThroughputRatio: number
  readonly families: readonly { readonly family: MensaFamily; readonly efficiencyRatio: number; readonly throughputRatio: number }[]
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

/** The rows and means of one run of the study: every network on the system and each baseline. */
const study = (
  config: MensaComparisonConfig,
  system: HeterogeneousSystem,
  baselines: readonly HeterogeneousSystem[],
  progress?: (done: number) => void,
) => {
  const rows = config.networks.map((spec, i): MensaRow => {
    const network = zooNetwork(spec)
    const own = cell(config.system, systemFigures(network, system, config.objective))
    const others = baselines.map((baseline, b) => cell(config.baselines[b] as string, systemFigures(network, baseline, config.objective)))
    const both = (other: MensaCell) => own.figures.feasible && other.figures.feasible
    progress?.(i + 1)
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

/** A run's geometric means over one baseline, overall and per family. */
const summary = (run: ReturnType<typeof study>, b: number) => ({
  meanEfficiencyRatio: run.meanEfficiencyRatios[b] ?? Number.NaN,
  meanThroughputRatio: run.meanThroughputRatios[b] ?? Number.NaN,
  families: run.families.map((family) => ({
    family: family.family,
    efficiencyRatio: family.meanEfficiencyRatios[b] ?? Number.NaN,
    throughputRatio: family.meanThroughputRatios[b] ?? Number.NaN,
  })),
})

/**
 * The energy models the ablation reruns the study with, besides the full one (the presets'):
 * none of the scalings (the Eyeriss-relative energies every other preset keeps), SRAM by capacity
 * alone, leakage alone.
 *
 * @example
 * mensaAblationVariants[0]?.options // { sramByCapacity: false, leakage: false }
 */
export const mensaAblationVariants: readonly { readonly label: string; readonly options: MensaEnergyOptions }[] = [
  { label: "Eyeriss-relative energies, no leakage", options: { sramByCapacity: false, leakage: false } },
  { label: "SRAM by capacity only", options: { sramByCapacity: true, leakage: false } },
  { label: "leakage only", options: { sramByCapacity: false, leakage: true } },
]

/**
 * Runs a Mensa comparison: each network scheduled (`scheduleNetwork`, the config's objective) on the
 * system and on every baseline. Ratios count only when both sides are feasible; the geometric
 * means are over those, for all networks and per model family (`mensaFamilyOf`). With
 * `energyAblation`, the study runs again on `mensa` and `mensa-edgetpu` under each of
 * `mensaAblationVariants` (`mensaSystems(options)`). Deterministic: no random choice.
 *
 * @example
 * const report = runMensaComparison(config, (done, total) => console.error(`${done}/${total}`))
 */
export const runMensaComparison = (
  config: MensaComparisonConfig,
  progress?: (done: number, total: number) => void,
): MensaComparisonReport => {
  const runs = config.energyAblation === true ? 1 + mensaAblationVariants.length : 1
  const total = runs * config.networks.length
  const main = study(config, namedSystem(config.system), config.baselines.map(namedSystem), (done) => progress?.(done, total))
  if (config.energyAblation !== true) return main
  const pair: MensaComparisonConfig = { ...config, system: "mensa", baselines: ["mensa-edgetpu"] }
  const ablation = mensaAblationVariants.map((variant, v): MensaAblationRow => {
    const systems = mensaSystems(variant.options)
    const run = study(pair, systems.mensa, [systems["mensa-edgetpu"]], (done) => progress?.((v + 1) * config.networks.length + done, total))
    return { label: variant.label, options: variant.options, ...summary(run, 0) }
  })
  const full = {
    label: "full model (the presets)",
    options: { sramByCapacity: true, leakage: true },
    ...summary(main, config.baselines.indexOf("mensa-edgetpu")),
  }
  return { ...main, ablation: [...ablation, full] }
}
