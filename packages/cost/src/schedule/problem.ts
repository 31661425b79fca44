/**
 * A tensor of a schedule graph: made by one layer (or, `producer` -1, a network input held at the
 * home node), read by `consumers` (distinct layer indices), and returned home when `output`.
 */
export interface ScheduleTensor {
  readonly bytes: number
  /** The producing layer's index, or -1 for a network input. */
  readonly producer: number
  readonly consumers: readonly number[]
  readonly output: boolean
}

/**
 * The layer DAG a scheduler places: layer names in a topological order, and the tensors between
 * them as hyperedges (one producer, any number of consumers), so that a tensor crosses to a unit
 * once however many layers there read it.
 *
 * @example
 * const chain: ScheduleGraph = { layers: ["a", "b"], tensors: [
 *   { bytes: 100, producer: -1, consumers: [0], output: false },
 *   { bytes: 50, producer: 0, consumers: [1], output: false },
 *   { bytes: 10, producer: 1, consumers: [], output: true },
 * ] }
 */
export interface ScheduleGraph {
  readonly layers: readonly string[]
  readonly tensors: readonly ScheduleTensor[]
}

/**
 * Per layer x unit costs, row-major (`layer * units + unit`): seconds and pJ of the layer alone on
 * the unit; `Infinity` in both marks a layer the unit cannot run.
 */
export interface CostTable {
  readonly units: number
  readonly latencySeconds: Float64Array
  readonly energyPj: Float64Array
}

/**
 * What moving a tensor between two nodes costs: nodes are the units (0 .. units-1) and the host
 * (`units`). For a pair `from * nodes + to`: fixed seconds, seconds per byte and pJ per byte over
 * the whole path, and up to two legs, each on a shared resource (a link, the host path, the
 * near-data path) busy `bytes x legSecondsPerByte` per crossing.
 */
export interface TransferModel {
  readonly units: number
  /** Where network inputs start and outputs return: a unit's index, or `units` for the host. */
  readonly home: number
  readonly seconds: Float64Array
  readonly secondsPerByte: Float64Array
  readonly pjPerByte: Float64Array
  /** Names of the shared resources the legs occupy. */
  readonly resources: readonly string[]
  /** `pair * 2 + leg`: the resource's index, -1 for no leg. */
  readonly legResource: Int32Array
  readonly legSecondsPerByte: Float64Array
}

/** A scheduling problem: the graph, the cost table and the transfer model over the same units. */
export interface ScheduleProblem {
  readonly graph: ScheduleGraph
  readonly costs: CostTable
  readonly transfers: TransferModel
}

/** What a schedule minimizes: latency (s), energy (pJ) or their product (s·pJ). */
export type ScheduleObjective = "latency" | "energy" | "edp"

/** The objectives, in a fixed order. */
export const scheduleObjectives: readonly ScheduleObjective[] = ["latency", "energy", "edp"]

/**
 * The tensors each layer reads, by index into `graph.tensors`; computed once per problem.
 * @internal
 */
export const inputTensorsOf = (graph: ScheduleGraph): number[][] => {
  const inputs: number[][] = graph.layers.map(() => [])
  graph.tensors.forEach((tensor, t) => {
    for (const consumer of tensor.consumers) inputs[consumer]?.push(t)
  })
  return inputs
}

/**
 * Whether a graph is a chain: every tensor has at most one consumer, and every layer after the
 * first reads the previous layer's tensor and no other layer's. Then the cost of placing a layer
 * depends only on its unit and the previous layer's, and the DP is exact.
 *
 * @example
 * isChainGraph(chain) // true
 */
export const isChainGraph = (graph: ScheduleGraph): boolean =>
  graph.tensors.every(
    (tensor) =>
      tensor.consumers.length <= 1 && (tensor.producer < 0 || tensor.consumers.length === 0 || tensor.consumers[0] === tensor.producer + 1),
  ) && graph.layers.every((_, i) => i === 0 || graph.tensors.some((tensor) => tensor.producer === i - 1 && tensor.consumers[0] === i))
