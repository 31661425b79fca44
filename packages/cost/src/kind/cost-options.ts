/**
 * The options of a cost model that every kind reads the same way, kept apart from any one kind
 * so that the kind record (`kind.ts`), the scheduler and the kinds' folders can all import them:
 * the dataflow names (the hierarchical presets, whose `ws`, `os` and `is` a systolic array runs
 * too), the mapper's objectives and a mapper's search bounds.
 */

/**
 * Names of the dataflow presets: weight-, output- and input-stationary (`ws`, `os`, `is`),
 * Eyeriss's row-stationary (`rs`), and MAESTRO's NVDLA-like KC-partitioned weight-stationary
 * (`kcp_ws`), X-partitioned weight-stationary (`xp_ws`), ShiDianNao-like YX-partitioned
 * output-stationary (`yxp_os`) and YK-partitioned output-stationary (`ykp_os`).
 *
 * @example
 * const dataflow: DataflowName = "rs"
 */
export type DataflowName = "ws" | "os" | "is" | "rs" | "kcp_ws" | "xp_ws" | "yxp_os" | "ykp_os"

/**
 * The preset names in a fixed order (the order `auto` tries them in).
 *
 * @example
 * dataflowNames.length // 8
 */
export const dataflowNames: readonly DataflowName[] = ["ws", "os", "is", "rs", "kcp_ws", "xp_ws", "yxp_os", "ykp_os"]

/**
 * Whether a string names a dataflow preset.
 *
 * @example
 * isDataflowName("yxp_os") // true
 */
export const isDataflowName = (value: unknown): value is DataflowName =>
  typeof value === "string" && (dataflowNames as readonly string[]).includes(value)

/**
 * What the mapper minimizes: latency (cycles, ties broken by energy), energy (pJ, ties broken by
 * cycles), or the energy-delay product (cycles x pJ).
 *
 * @example
 * const objective: MapperObjective = "edp"
 */
export type MapperObjective = "latency" | "energy" | "edp"

/**
 * The objectives, for listings and validation.
 *
 * @example
 * mapperObjectives // ["latency", "energy", "edp"]
 */
export const mapperObjectives: readonly MapperObjective[] = ["latency", "energy", "edp"]

/**
 * How `mapLayer` searches.
 *
 * @example
 * const options: MapLayerOptions = { dataflow: "rs", objective: "energy", maxMappings: 16 }
 */
export interface MapLayerOptions {
  /** A dataflow preset, or `auto` (the default) to try all eight. */
  readonly dataflow?: DataflowName | "auto"
  /** What to minimize; default `latency`. */
  readonly objective?: MapperObjective
  /**
   * The most mappings evaluated, never exceeded: default 32 for one dataflow, 64 for `auto`,
   * shared evenly among the eight (a bound below 8 tries the first dataflows only).
   */
  readonly maxMappings?: number
}
