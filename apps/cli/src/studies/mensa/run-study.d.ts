import { type SystemFigures } from "../kit/system-figures.js"
import type { MensaStudyConfig } from "./config.js"
/** One network on one system. */
export interface MensaCell {
  readonly system: string
  readonly figures: SystemFigures
  /** Inferences per joule: 1 / energy. */
  readonly inferencesPerJoule: number
  /** Layers per unit of the system. */
  readonly layersPerUnit: Readonly<Record<string, number>>
}
/** One network: its cell on the system and on each baseline, and the system's ratios over each baseline. */
export interface MensaRow {
  readonly network: string
  readonly system: MensaCell
  readonly baselines: readonly MensaCell[]
  /** Per baseline: baseline energy / system energy (energy-efficiency ratio). */
  readonly efficiencyRatios: readonly number[]
  /** Per baseline: system throughput / baseline throughput. */
  readonly throughputRatios: readonly number[]
}
/** The study's figures: rows per network and, per baseline, the geometric means of the ratios. */
export interface MensaStudyReport {
  readonly rows: readonly MensaRow[]
  readonly meanEfficiencyRatios: readonly number[]
  readonly meanThroughputRatios: readonly number[]
}
/**
 * Runs a Mensa study: each network scheduled (`scheduleNetwork`, the config's objective) on the
 * system and on every baseline. Ratios count only when both sides are feasible; the geometric
 * means are over those. Deterministic: no random choice.
 *
 * @example
 * const report = runMensaStudy(config, (done, total) => console.error(`${done}/${total}`))
 */
export declare const runMensaStudy: (config: MensaStudyConfig, progress?: (done: number, total: number) => void) => MensaStudyReport
//# sourceMappingURL=run-study.d.ts.map
