import type { PathCost, SystemLink } from "@cosearch/accelerator"
import seedrandom from "seedrandom"
import {
  assignmentObjective,
  type CostTable,
  type ScheduleGraph,
  type ScheduleObjective,
  type ScheduleProblem,
  type ScheduleTensor,
  transferModel,
} from "../src/index.js"

/** Random problems and brute force for the scheduler tests. */

export const path = (bandwidthBytesPerSecond: number, energyPjPerByte: number, latencySeconds: number): PathCost => ({
  bandwidthBytesPerSecond,
  energyPjPerByte,
  latencySeconds,
})

const pick = (random: () => number, n: number): number => Math.floor(random() * n)

/** A chain of `n` layers: the input feeds layer 0, each layer the next, the last is the output. */
export const randomChain = (random: () => number, n: number): ScheduleGraph => {
  const tensors: ScheduleTensor[] = [{ bytes: 1 + pick(random, 1000), producer: -1, consumers: [0], output: false }]
  for (let i = 0; i < n; i++)
    tensors.push({ bytes: 1 + pick(random, 1000), producer: i, consumers: i + 1 < n ? [i + 1] : [], output: i === n - 1 || random() < 0.1 })
  return { layers: Array.from({ length: n }, (_, i) => `l${i}`), tensors }
}

/** A DAG of `n` layers: each layer reads 1-3 earlier tensors (skips and branches), some read the input twice. */
export const randomDag = (random: () => number, n: number): ScheduleGraph => {
  const consumers: number[][] = Array.from({ length: n + 1 }, () => [])
  for (let i = 0; i < n; i++) {
    const reads = new Set<number>([i === 0 ? 0 : i])
    const extra = pick(random, 3)
    for (let k = 0; k < extra; k++) reads.add(pick(random, i + 1))
    for (const source of reads) consumers[source]?.push(i)
  }
  const read = (index: number): number[] => consumers[index] ?? []
  const tensors: ScheduleTensor[] = [{ bytes: 1 + pick(random, 1000), producer: -1, consumers: read(0), output: false }]
  for (let i = 0; i < n; i++)
    tensors.push({ bytes: 1 + pick(random, 1000), producer: i, consumers: read(i + 1), output: read(i + 1).length === 0 || random() < 0.1 })
  return { layers: Array.from({ length: n }, (_, i) => `l${i}`), tensors }
}

/** Random costs (some infeasible cells) and a random system of `units` units with some direct links. */
export const randomProblem = (random: () => number, graph: ScheduleGraph, units: number): ScheduleProblem => {
  const cells = graph.layers.length * units
  const latencySeconds = new Float64Array(cells)
  const energyPj = new Float64Array(cells)
  for (let cell = 0; cell < cells; cell++) {
    const infeasible = random() < 0.05 && cell % units !== 0
    latencySeconds[cell] = infeasible ? Number.POSITIVE_INFINITY : 1e-6 * (1 + 99 * random())
    energyPj[cell] = infeasible ? Number.POSITIVE_INFINITY : 1e3 * (1 + 99 * random())
  }
  const costs: CostTable = { units, latencySeconds, energyPj }
  const names = Array.from({ length: units }, (_, i) => `u${i}`)
  const links: SystemLink[] = []
  for (let a = 0; a < units; a++)
    for (let b = a + 1; b < units; b++)
      if (random() < 0.5)
        links.push({ from: names[a] as string, to: names[b] as string, ...path(1e8 * (1 + 99 * random()), 10 * random(), 1e-7 * random()) })
  const transfers = transferModel({
    units: names.map((name) => ({ name, nearData: random() < 0.3 })),
    links,
    hostPath: path(1e9, 60, 1e-7),
    nearDataPath: path(5e9, 10, 5e-8),
    home: random() < 0.7 ? "host" : (names[pick(random, units)] as string),
  })
  return { graph, costs, transfers }
}

/** The optimum over every assignment (units^layers of them). */
export const bruteForce = (problem: ScheduleProblem, objective: ScheduleObjective): number => {
  const n = problem.graph.layers.length
  const units = problem.costs.units
  const assignment = new Int32Array(n)
  let best = Number.POSITIVE_INFINITY
  for (;;) {
    best = Math.min(best, assignmentObjective(problem, assignment, objective))
    let digit = 0
    while (digit < n && assignment[digit] === units - 1) assignment[digit++] = 0
    if (digit === n) return best
    assignment[digit] = (assignment[digit] as number) + 1
  }
}

export const seeded = (seed: string): (() => number) => seedrandom(seed)
