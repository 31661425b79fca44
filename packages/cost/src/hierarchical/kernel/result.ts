import type { MappingIssue, MappingIssueReason } from "../mapping/issues.js"

/**
 * A count per operand, in elements.
 *
 * @example
 * const reads: OperandCounts = { weights: 288, inputs: 400, outputs: 0 }
 */
export interface OperandCounts {
  readonly weights: number
  readonly inputs: number
  readonly outputs: number
}

/**
 * What one storage level does under a mapping. Counts are totals over all instances of the level
 * (all PEs for a per-PE level), in elements.
 *
 * @example
 * const dram = cost.levels[0]
 * console.log(dram.name, dram.reads.weights, dram.trafficCycles)
 */
export interface LevelCost {
  readonly name: string
  /** Instances carrying traffic: 1 for a shared level, the used PEs for a per-PE level, used PEs · used lanes for a per-lane one. */
  readonly instances: number
  /**
   * Reads: by the level below (or the MACs) for its fills, plus, for outputs, the partial sums
   * drained to the level above.
   */
  readonly reads: OperandCounts
  /** Writes: fills from the level above, plus, for outputs, updates from below. */
  readonly writes: OperandCounts
  /** Bytes held per instance: the tiles of the operands it keeps, twice when double-buffered. */
  readonly occupancyBytes: number
  /** `occupancyBytes / capacityBytes`; 0 for an unbounded level. */
  readonly occupancy: number
  /**
   * Cycles the level's traffic takes: `ceil(bytes per instance / bandwidth)`; 0 when unbounded.
   * A level charged `tiles-per-step` counts the larger direction of its streamed tiles instead.
   */
  readonly trafficCycles: number
  /** Bytes per cycle per instance the level must move to keep up with the compute cycles (as charged). */
  readonly bandwidthBytesPerCycle: number
  /**
   * `reads · readEnergyPj + writes · writeEnergyPj`; for a level charged `energyModel: "maestro"`,
   * the weight and input reads and its output tile written once per step of the loops above it.
   */
  readonly energyPj: number
}

/**
 * Energy by component, pJ.
 *
 * @example
 * const { macPj, levelsPj, networkPj, totalPj } = cost.energy
 */
export interface EnergyBreakdown {
  /** `MACs · macEnergyPj`. */
  readonly macPj: number
  /** Sum of the levels' energies (per level in `levels[i].energyPj`). */
  readonly levelsPj: number
  /** Elements crossing the spatial fan-outs times `array.networkEnergyPj`. */
  readonly networkPj: number
  readonly totalPj: number
}

/**
 * The cost of a loop nest on a hierarchical accelerator under one mapping (docs/cost-model.md).
 *
 * @example
 * const cost = evaluateMapping(nest, eyerissV1Like, mapping)
 * if (cost.feasible) console.log(cost.cycles, cost.utilization, cost.energy.totalPj)
 */
export interface MappingCost {
  readonly feasible: true
  readonly layer: string
  readonly macs: number
  /** PEs holding work: the product of the spatial factors. */
  readonly usedPes: number
  /**
   * Lanes holding work in each used PE: the product of the lane factors (`laneSpatial`; 1 without
   * lanes). Absent from the Timeloop accounting's results (which refuse lanes).
   */
  readonly usedLanes?: number
  /** `ceil(temporal iterations / macsPerPe)`, which is `ceil(MACs / (used PEs · used lanes · macsPerPe))`. */
  readonly computeCycles: number
  /** Latency: `max(compute, every level's traffic cycles)` plus first fills of single-buffered levels. */
  readonly cycles: number
  /** `cycles - computeCycles`. */
  readonly stallCycles: number
  /** `MACs / (cycles · PEs · lanes · macsPerPe)`, all the array's MAC units counted. */
  readonly utilization: number
  /** Outermost first, as in the accelerator. */
  readonly levels: readonly LevelCost[]
  /** Elements crossing the spatial fan-outs (both directions; a multicast or reduction counts once, at each fan-out crossed). */
  readonly networkTransfers: number
  readonly energy: EnergyBreakdown
}

/**
 * A triple that cannot be evaluated: the first issue's reason and message, and every issue.
 *
 * @example
 * const cost = evaluateMapping(nest, accelerator, mapping)
 * if (!cost.feasible) console.log(cost.reason, cost.message, cost.issues.length)
 */
export interface MappingInfeasible {
  readonly feasible: false
  readonly reason: MappingIssueReason
  readonly message: string
  readonly issues: readonly MappingIssue[]
}

/**
 * The result of `evaluateMapping`.
 *
 * @example
 * const result: MappingResult = evaluateMapping(nest, accelerator, mapping)
 * const cycles = result.feasible ? result.cycles : Number.POSITIVE_INFINITY
 */
export type MappingResult = MappingCost | MappingInfeasible
