import type { ScheduleObjective, ScheduleProblem } from "./problem.js"

/**
 * The cost of one assignment of layers to units. Execution is sequential: one inference runs its
 * layers one after another and waits for every transfer, so latency is the sum of the layers'
 * latencies and the transfers' times. `throughputPerSecond` is the pipelined figure when
 * consecutive inferences overlap: 1 / the busiest unit's or resource's time per inference.
 */
export interface AssignmentCost {
  readonly latencySeconds: number
  readonly energyPj: number
  /** `latencySeconds x energyPj`, s·pJ. */
  readonly edp: number
  readonly transferSeconds: number
  readonly transferEnergyPj: number
  readonly transferBytes: number
  /** Tensor crossings charged: one per tensor and destination unit other than its source. */
  readonly crossings: number
  /** Per unit: seconds of layers per inference. */
  readonly unitBusySeconds: readonly number[]
  /** Per transfer resource (`TransferModel.resources`): seconds of bytes on it per inference. */
  readonly resourceBusySeconds: readonly number[]
  readonly throughputPerSecond: number
}

/**
 * The value an objective gives a latency and an energy (`Infinity` when infeasible).
 * @internal
 */
export const objectiveValue = (objective: ScheduleObjective, latencySeconds: number, energyPj: number): number => {
  const value = objective === "latency" ? latencySeconds : objective === "energy" ? energyPj : latencySeconds * energyPj
  return Number.isNaN(value) ? Number.POSITIVE_INFINITY : value
}

/**
 * The objective of an assignment, allocating only a scratch array of the nodes: what searches
 * call many times. Transfers are charged once per tensor and destination: a tensor read by
 * several layers on one unit crosses to it once, and an output crosses home once.
 *
 * @example
 * assignmentObjective(problem, [0, 1, 1], "latency")
 */
export const assignmentObjective = (problem: ScheduleProblem, assignment: ArrayLike<number>, objective: ScheduleObjective): number => {
  const { latency, energy } = sumAssignment(problem, assignment, undefined)
  return objectiveValue(objective, latency, energy)
}

interface Busy {
  readonly units: number[]
  readonly resources: number[]
  transferSeconds: number
  transferEnergyPj: number
  transferBytes: number
  crossings: number
}

const sumAssignment = (
  problem: ScheduleProblem,
  assignment: ArrayLike<number>,
  busy: Busy | undefined,
): { latency: number; energy: number } => {
  const { graph, costs, transfers } = problem
  const units = costs.units
  const nodes = units + 1
  let latency = 0
  let energy = 0
  for (let layer = 0; layer < graph.layers.length; layer++) {
    const cell = layer * units + (assignment[layer] as number)
    const seconds = costs.latencySeconds[cell] as number
    latency += seconds
    energy += costs.energyPj[cell] as number
    if (busy !== undefined) busy.units[assignment[layer] as number] = (busy.units[assignment[layer] as number] ?? 0) + seconds
  }
  const reached = new Int32Array(nodes).fill(-1)
  graph.tensors.forEach((tensor, t) => {
    const source = tensor.producer < 0 ? transfers.home : (assignment[tensor.producer] as number)
    reached[source] = t
    const charge = (destination: number): void => {
      if (reached[destination] === t) return
      reached[destination] = t
      const pair = source * nodes + destination
      const seconds = (transfers.seconds[pair] as number) + tensor.bytes * (transfers.secondsPerByte[pair] as number)
      const pj = tensor.bytes * (transfers.pjPerByte[pair] as number)
      latency += seconds
      energy += pj
      if (busy === undefined) return
      busy.transferSeconds += seconds
      busy.transferEnergyPj += pj
      busy.transferBytes += tensor.bytes
      busy.crossings += 1
      for (let leg = 0; leg < 2; leg++) {
        const resource = transfers.legResource[pair * 2 + leg] as number
        if (resource >= 0)
          busy.resources[resource] =
            (busy.resources[resource] ?? 0) + tensor.bytes * (transfers.legSecondsPerByte[pair * 2 + leg] as number)
      }
    }
    for (const consumer of tensor.consumers) charge(assignment[consumer] as number)
    if (tensor.output) charge(transfers.home)
  })
  return { latency, energy }
}

/**
 * The full cost of an assignment (unit index per layer): latency, energy, EDP, the transfers and
 * the pipelined throughput.
 *
 * @example
 * const cost = assignmentCost(problem, [0, 0, 1])
 * console.log(cost.latencySeconds, cost.crossings, cost.throughputPerSecond)
 */
export const assignmentCost = (problem: ScheduleProblem, assignment: ArrayLike<number>): AssignmentCost => {
  const busy: Busy = {
    units: new Array<number>(problem.costs.units).fill(0),
    resources: new Array<number>(problem.transfers.resources.length).fill(0),
    transferSeconds: 0,
    transferEnergyPj: 0,
    transferBytes: 0,
    crossings: 0,
  }
  const { latency, energy } = sumAssignment(problem, assignment, busy)
  const bottleneck = Math.max(0, ...busy.units, ...busy.resources)
  return {
    latencySeconds: latency,
    energyPj: energy,
    edp: objectiveValue("edp", latency, energy),
    transferSeconds: busy.transferSeconds,
    transferEnergyPj: busy.transferEnergyPj,
    transferBytes: busy.transferBytes,
    crossings: busy.crossings,
    unitBusySeconds: busy.units,
    resourceBusySeconds: busy.resources,
    throughputPerSecond: bottleneck > 0 ? 1 / bottleneck : Number.POSITIVE_INFINITY,
  }
}
