/**
 * One layer of a trial's network on its accelerator, as a cost model reports it (`@cosearch/cost`'s
 * `LayerCost`, reduced to what the report draws); null where the accelerator's model has no figure.
 *
 * @example
 * const layer: LayerCostRow = { name: "conv1", cycles: 602112, energyPj: 3.1e8, utilization: 0.97, accesses: { DRAM: 1.2e6 } }
 */
export interface LayerCostRow {
  readonly name: string
  readonly cycles: number | null
  readonly energyPj: number | null
  readonly utilization: number | null
  /** Reads plus writes per storage level (hierarchical), per operand (systolic), bytes moved (Edge TPU, CPU). */
  readonly accesses: Readonly<Record<string, number>> | null
  /** Energy per storage level, of the MACs and of the network, pJ (hierarchical accelerators only). */
  readonly energyByLevel?: Readonly<Record<string, number>>
}

/**
 * The per-layer costs of one trial of a study (one of its best): what the report's `layers`
 * charts draw. The CLI computes them (with `@cosearch/engine`'s `trialLayerCosts`) and passes
 * them to `studyCharts`; the report package itself runs no cost model.
 *
 * @example
 * const breakdown: TrialLayerCosts = { study: "quickstart", trial: 17, network: "nb201 cell", accelerator: "edgetpu", layers }
 */
export interface TrialLayerCosts {
  readonly study: string
  readonly trial: number
  readonly network: string
  readonly accelerator: string
  readonly layers: readonly LayerCostRow[]
}
