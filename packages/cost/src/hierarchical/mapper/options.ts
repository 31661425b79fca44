import type { DataflowName } from "../dataflow/dataflow.js"
import type { MapperObjective } from "./objective.js"

/**
 * How `mapLayer` searches.
 *
 * @example
 * const options: MapLayerOptions = { dataflow: "rs", objective: "energy", maxMappings: 16 }
 */
export interface MapLayerOptions {
  /** A dataflow preset, or `auto` (the default) to try all eight. */
  readonly dataflow?: DataflowName | "auto"
  /** What to minimise; default `latency`. */
  readonly objective?: MapperObjective
  /**
   * The most mappings evaluated, never exceeded: default 32 for one dataflow, 64 for `auto`,
   * shared evenly among the eight (a bound below 8 tries the first dataflows only).
   */
  readonly maxMappings?: number
}
