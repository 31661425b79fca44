import { type HeterogeneousSystem } from "@cosearch/accelerator"
import { type SystemFigures } from "../kit/system-figures.js"
import type { TpuImacStudyConfig } from "./config.js"
/** One network on the digital unit alone and with IMAC. */
export interface TpuImacRow {
  readonly network: string
  readonly alone: SystemFigures
  readonly withImac: SystemFigures
  /** Latency alone / latency with IMAC. */
  readonly speedup: number
  /** Energy alone / energy with IMAC. */
  readonly energyRatio: number
  /** Weight bytes (int8) the digital unit stores alone: every parameterised layer's. */
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
/** The study's rows and the means over them. */
export interface TpuImacStudyReport {
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
export declare const digitalBaseline: (system: HeterogeneousSystem) => HeterogeneousSystem
/**
 * Runs a TPU-IMAC study: each network scheduled on the system's digital unit alone and on the
 * whole system; speedup, energy ratio and the on-chip weight memory the digital unit saves
 * (int8 weights of the layers moved to IMAC over all its weights). Deterministic.
 *
 * @example
 * const report = runTpuImacStudy(config)
 */
export declare const runTpuImacStudy: (config: TpuImacStudyConfig, progress?: (done: number, total: number) => void) => TpuImacStudyReport
//# sourceMappingURL=run-study.d.ts.map
