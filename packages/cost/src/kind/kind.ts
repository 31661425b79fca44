import type { AcceleratorTemplate, AcceleratorUnit } from "@cosearch/accelerator"
import type { AnalyzedNetwork, LoopNest } from "@cosearch/network"
import type { DataflowName, FixedMappings, MapLayerOptions, MapperObjective } from "./cost-options.js"

/**
 * A dataflow option: a preset name, or `auto` to try every one the kind runs.
 *
 * @example
 * const choice: DataflowChoice = "auto"
 */
export type DataflowChoice = DataflowName | "auto"

/**
 * Options of `costOn`. `layers` (default false) asks for a record per layer; search paths leave
 * it out and get the totals alone, by each kind's fastest path. `dataflow` (default: the kind's,
 * `auto` for hierarchical accelerators, a systolic array's own) and the mapper's `objective`
 * (default `latency`) apply to the kinds whose cost model has them (`CostModel.dataflow`,
 * `CostModel.objective`); the others ignore them.
 *
 * @example
 * const options: CostOptions = { layers: true, dataflow: "row-stationary", objective: "energy" }
 */
export interface CostOptions {
  readonly layers?: boolean
  readonly dataflow?: DataflowChoice
  readonly objective?: MapperObjective
  /**
   * Fixed mappings of layers, by name (`"*"` for every other layer): a cosearch mapping or MAESTRO
   * directives. Hierarchical accelerators only: the other kinds have no mappings to fix (the CLI
   * refuses `--mapping` for them).
   */
  readonly mappings?: FixedMappings
}

/**
 * The totals of a network on an accelerator; `null` where the kind has no model of a figure
 * (latency without a clock, a systolic array's energy, a CPU's area and cycles).
 *
 * @example
 * const totals: CostTotals = { macs: 300774272, cycles: 1.2e6, latencyMs: 6, energyMj: 0.4, areaMm2: 2.3, utilization: 0.8 }
 */
export interface CostTotals {
  readonly macs: number | null
  readonly cycles: number | null
  readonly latencyMs: number | null
  readonly energyMj: number | null
  readonly areaMm2: number | null
  readonly utilization: number | null
}

/**
 * One layer of a `CostResult` (what `cosearch evaluate` prints per layer): its figures where the
 * kind models them, or, for the layer that makes a network infeasible, the reason.
 *
 * @example
 * const layer: LayerCost = { name: "conv1", dataflow: "rs", macs: 118013952, cycles: 602112, utilization: 0.97,
 *   energyPj: 3.5e8, accesses: { DRAM: 1e6 }, feasible: true, reason: null }
 */
export interface LayerCost {
  readonly name: string
  /** The dataflow the layer ran (the Edge TPU's and the CPU's layer class). */
  readonly dataflow: string | null
  readonly macs: number | null
  readonly cycles: number | null
  readonly utilization: number | null
  readonly energyPj: number | null
  /** Reads plus writes per storage level (hierarchical), SRAM accesses per operand (systolic), bytes moved (Edge TPU, CPU), crossbar operations (IMAC). */
  readonly accesses: Readonly<Record<string, number>> | null
  /**
   * Where the layer's energy goes, pJ: each storage level, the MACs and the on-chip network
   * (hierarchical accelerators; summing to `energyPj`). Absent for kinds that do not split it.
   */
  readonly energyByLevel?: Readonly<Record<string, number>>
  readonly feasible: boolean
  readonly reason: string | null
  readonly message?: string
}

/**
 * Why a network cannot run on an accelerator: the layer at fault (or `(accelerator)`,
 * `(network)` when none is), the kind's reason and a sentence naming the figures.
 *
 * @example
 * const failure: CostFailure = { layer: "(accelerator)", reason: "instruction-memory", message: "the program takes ..." }
 */
export interface CostFailure {
  readonly layer: string
  readonly reason: string
  readonly message: string
}

/**
 * The cost of one network on one accelerator unit, the same shape for every kind: the network
 * and unit names, the kind, and either the totals (with `layers` when asked; empty otherwise) or
 * the failure (`layers` then holds the failing layer's record).
 *
 * @example
 * const result = costOn(acceleratorPreset("coral"), network, { layers: true })
 * if (result.feasible) console.log(result.totals.latencyMs, result.layers.length)
 * else console.log(result.failure.layer, result.failure.reason)
 */
export type CostResult =
  | {
      readonly network: string
      readonly accelerator: string
      readonly kind: string
      readonly feasible: true
      readonly layers: readonly LayerCost[]
      readonly totals: CostTotals
    }
  | {
      readonly network: string
      readonly accelerator: string
      readonly kind: string
      readonly feasible: false
      readonly layers: readonly LayerCost[]
      readonly totals: null
      readonly failure: CostFailure
    }

/**
 * Where a kind writes the cost of a layer run alone (`CostModel.layersAlone`): the layer's name,
 * seconds and pJ (`Infinity` in both when the unit cannot run it).
 *
 * @example
 * const set: LayerCostSink = (layer, seconds, pj) => table.set(layer, [seconds, pj])
 */
export type LayerCostSink = (layer: string, seconds: number, pj: number) => void

/**
 * The dataflows a kind runs (`CostModel.dataflow`).
 *
 * @example
 * const rule: DataflowRule<SystolicArray> = { choices: ["os", "ws", "is"], default: (array) => array.dataflow, runs: "runs os, ws or is (or auto)" }
 */
export interface DataflowRule<Accelerator = unknown> {
  /** The dataflows it runs besides `auto` (which tries each). */
  readonly choices: readonly DataflowName[]
  /** The dataflow when none is asked: `auto`, or the accelerator's own. */
  default(accelerator: Accelerator): DataflowChoice
  /** What it runs, for messages that refuse another dataflow: `runs os, ws or is (or auto)`. */
  readonly runs: string
}

/**
 * A kind without dataflows: what it does instead, for messages that refuse one.
 *
 * @example
 * const rule: NoDataflow = { none: "splits every layer its own way" }
 */
export interface NoDataflow {
  readonly none: string
}

/**
 * The mapper objectives a kind tells apart, and why it refuses the others (its figures: `needs
 * an energy model; the systolic mode models cycles only`).
 *
 * @example
 * const rule: ObjectiveRule = { choices: ["latency"], needs: "an energy model", note: "the systolic mode models cycles only" }
 */
export interface ObjectiveRule {
  readonly choices: readonly MapperObjective[]
  readonly needs: string
  readonly note: string
}

/**
 * A capacity the layers placed on a unit share (the IMAC unit's crossbars, which hold the weights
 * of every layer on it at once): the unit's total and what a layer's weights take.
 *
 * @example
 * const capacity: SharedCapacity<ImacAccelerator> = { total: (unit) => unit.crossbarCount, demand: (nest, unit) => ... }
 */
export interface SharedCapacity<Accelerator = unknown> {
  total(accelerator: Accelerator): number
  /** What the nest's weights take on the unit; `undefined` when the nest takes none. */
  demand(nest: LoopNest, accelerator: Accelerator): number | undefined
}

/**
 * The cost side of an accelerator kind. `network` is the kind's part of `costOn`: the network's
 * totals (per layer too when `options.layers`), by the kind's fastest path for totals alone.
 * `layersAlone` fills the heterogeneous scheduler's cost table: each layer the kind runs, alone
 * on the unit, in seconds and pJ (layers it leaves out keep 0; layers it cannot run are
 * `Infinity`). `dataflow` and `objective` say which of `costOn`'s options apply; `capacity`, a
 * capacity the unit's layers share.
 *
 * @example
 * const model: CostModel<"cpu", CpuAccelerator> = cpuKind.cost
 */
export interface CostModel<Kind extends string = string, Accelerator = unknown> {
  network(unit: AcceleratorUnit<Kind, Accelerator>, network: AnalyzedNetwork, options: CostOptions): CostResult
  layersAlone(unit: AcceleratorUnit<Kind, Accelerator>, network: AnalyzedNetwork, set: LayerCostSink, mapper: MapLayerOptions): void
  readonly dataflow: DataflowRule<Accelerator> | NoDataflow
  /** Absent: any objective (the kind has no mapper and ignores it). */
  readonly objective?: ObjectiveRule
  readonly capacity?: SharedCapacity<Accelerator>
}

/**
 * An accelerator kind: its description (`AcceleratorTemplate`, from `@cosearch/accelerator`) and
 * its cost model. One record per kind, registered once (`kinds/registry.ts`).
 *
 * @example
 * const kind: AcceleratorKind<"edgetpu", EdgeTpuAccelerator> = { ...edgeTpuTemplate, cost: edgeTpuCost }
 */
export interface AcceleratorKind<Kind extends string = string, Accelerator = unknown> extends AcceleratorTemplate<Kind, Accelerator> {
  readonly cost: CostModel<Kind, Accelerator>
}
