import type { MaestroDirective } from "@cosearch/network"

/**
 * The options of a cost model that every kind reads the same way, kept apart from any one kind
 * so that the kind record (`kind.ts`), the scheduler and the kinds' folders can all import them:
 * the dataflow names (the hierarchical presets — the mapper's families and MAESTRO's dataflows;
 * a systolic array runs `ws`, `os` and `is` too), the mapper's objectives and a mapper's search bounds.
 */

/**
 * Names of the dataflow families the mapper searches (`dataflowTemplates`): weight-, output- and
 * input-stationary (`ws`, `os`, `is`), Eyeriss-like `row-stationary`, and families after MAESTRO's
 * dataflows with the tiles left to the mapper: `kc-partitioned` (K and C spread, like kcp_ws),
 * `x-partitioned` (output columns, like xp_ws), `yx-partitioned` (output rows and columns, like
 * yxp_os) and `yk-partitioned` (output rows and filters, like ykp_os).
 *
 * @example
 * const family: DataflowFamilyName = "row-stationary"
 */
export type DataflowFamilyName =
  | "ws"
  | "os"
  | "is"
  | "row-stationary"
  | "kc-partitioned"
  | "x-partitioned"
  | "yx-partitioned"
  | "yk-partitioned"

/**
 * The family names in a fixed order (the order `auto` tries them in).
 *
 * @example
 * dataflowFamilyNames.length // 8
 */
export const dataflowFamilyNames: readonly DataflowFamilyName[] = [
  "ws",
  "os",
  "is",
  "row-stationary",
  "kc-partitioned",
  "x-partitioned",
  "yx-partitioned",
  "yk-partitioned",
]

/**
 * Names of MAESTRO's dataflows (`maestroDataflows`): each runs the one mapping MAESTRO's own
 * directives describe for a layer — NVDLA-like `kcp_ws`, Eyeriss-like `rs`, `xp_ws`, `ykp_os` and
 * ShiDianNao-like `yxp_os` (Kwon et al., MICRO 2019).
 *
 * @example
 * const dataflow: MaestroDataflowName = "kcp_ws"
 */
export type MaestroDataflowName = "kcp_ws" | "rs" | "xp_ws" | "ykp_os" | "yxp_os"

/**
 * MAESTRO's dataflow names, in a fixed order.
 *
 * @example
 * maestroDataflowNames // ["kcp_ws", "rs", "xp_ws", "ykp_os", "yxp_os"]
 */
export const maestroDataflowNames: readonly MaestroDataflowName[] = ["kcp_ws", "rs", "xp_ws", "ykp_os", "yxp_os"]

/**
 * Whether a string names one of MAESTRO's dataflows.
 *
 * @example
 * isMaestroDataflowName("rs") // true
 * isMaestroDataflowName("row-stationary") // false: a family
 */
export const isMaestroDataflowName = (value: unknown): value is MaestroDataflowName =>
  typeof value === "string" && (maestroDataflowNames as readonly string[]).includes(value)

/**
 * Names of the dataflow presets: the mapper's families and MAESTRO's dataflows.
 *
 * @example
 * const dataflow: DataflowName = "rs"
 */
export type DataflowName = DataflowFamilyName | MaestroDataflowName

/**
 * Every preset name, the families first (a family's index here is its index in
 * `dataflowFamilyNames`).
 *
 * @example
 * dataflowNames.length // 13
 */
export const dataflowNames: readonly DataflowName[] = [...dataflowFamilyNames, ...maestroDataflowNames]

/**
 * Whether a string names a dataflow preset.
 *
 * @example
 * isDataflowName("yxp_os") // true
 */
export const isDataflowName = (value: unknown): value is DataflowName =>
  typeof value === "string" && (dataflowNames as readonly string[]).includes(value)

/**
 * A layer's fixed mapping, instead of a preset or the mapper: a hierarchical `Mapping` (evaluated
 * as given, its capacities enforced; typed `unknown` here because every kind reads these options,
 * and checked by `validateMapping` when evaluated, as a mapping read from a file is), or MAESTRO
 * directives (the mapping they describe, evaluated as MAESTRO does: `evaluateDirectives`).
 *
 * @example
 * const fixed: FixedMapping = { directives: parsed.layers[0].dataflow }
 * const mapped: FixedMapping = { mapping: mapped.mapping satisfies Mapping }
 */
export type FixedMapping = { readonly mapping: unknown } | { readonly directives: readonly MaestroDirective[] }

/**
 * Fixed mappings by layer name; the key `"*"` is every layer not named.
 *
 * @example
 * const mappings: FixedMappings = { "*": { directives } }
 */
export type FixedMappings = Readonly<Record<string, FixedMapping>>

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
  /**
   * A family the mapper searches, one of MAESTRO's dataflows (its one mapping per layer, evaluated
   * as MAESTRO evaluates it: `evaluateDirectives`), or `auto` (the default) to search all eight families.
   */
  readonly dataflow?: DataflowName | "auto"
  /** What to minimize; default `latency`. */
  readonly objective?: MapperObjective
  /**
   * The most mappings evaluated, never exceeded: default 32 for one dataflow, 64 for `auto`,
   * shared evenly among the eight (a bound below 8 tries the first dataflows only).
   */
  readonly maxMappings?: number
}

/**
 * How a whole network is evaluated on a hierarchical accelerator: the mapper's options, and the
 * fixed mappings of some layers (`mappings`; the others are mapped as the options say).
 *
 * @example
 * const options: NetworkOptions = { dataflow: "row-stationary", mappings: { conv1: { mapping } } }
 */
export interface NetworkOptions extends MapLayerOptions {
  readonly mappings?: FixedMappings
}
