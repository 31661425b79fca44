import { objectiveValue } from "./assignment.js"
import { inputTensorsOf, type ScheduleObjective, type ScheduleProblem } from "./problem.js"

/** A partial schedule of layers 0..i ending with layer i on `unit`. */
interface Label {
  readonly latency: number
  readonly energy: number
  readonly unit: number
  readonly previous: Label | undefined
}

/** The DP's result: the best assignment found and whether a front was cut to `maxLabels`. */
export interface LabelDpResult {
  readonly assignment: Int32Array
  readonly truncated: boolean
}

const writePath = (label: Label | undefined, assignment: Int32Array, last: number): void => {
  let at = last
  for (let current = label; current !== undefined && at >= 0; current = current.previous) assignment[at--] = current.unit
}

/** Keeps the labels of one state that can still win: the best one, or the Pareto front for EDP. */
const prune = (labels: Label[], objective: ScheduleObjective, maxLabels: number): { kept: Label[]; truncated: boolean } => {
  if (labels.length <= 1) return { kept: labels, truncated: false }
  if (objective !== "edp") {
    let best = labels[0] as Label
    for (const label of labels) {
      const a = objectiveValue(objective, label.latency, label.energy)
      const b = objectiveValue(objective, best.latency, best.energy)
      if (a < b || (a === b && label.latency + label.energy < best.latency + best.energy)) best = label
    }
    return { kept: [best], truncated: false }
  }
  labels.sort((a, b) => a.latency - b.latency || a.energy - b.energy)
  const front: Label[] = []
  for (const label of labels) if (front.length === 0 || label.energy < (front[front.length - 1] as Label).energy) front.push(label)
  if (front.length <= maxLabels) return { kept: front, truncated: false }
  front.sort((a, b) => a.latency * a.energy - b.latency * b.energy)
  return { kept: front.slice(0, maxLabels), truncated: true }
}

/**
 * Dynamic programming over the layers in their topological order. The state after layer i is
 * its unit; each state keeps the best partial schedule (latency, energy) or, for EDP, the Pareto
 * front of (latency, energy), since EDP grows with both. Placing layer i on unit u adds its cost
 * and the crossings it causes, read off the partial schedule: each tensor it reads crosses from
 * its source to u unless an earlier reader on u (or the home return of an output) already brought
 * it there, and an output it makes crosses home. On a chain (`isChainGraph`) the added cost
 * depends only on the previous layer's unit, so by Bellman's principle the result is optimal
 * (for EDP: optimal when no front was truncated). On a DAG it is a heuristic.
 * @internal
 */
export const labelDp = (problem: ScheduleProblem, objective: ScheduleObjective, maxLabels: number): LabelDpResult => {
  const { graph, costs, transfers } = problem
  const n = graph.layers.length
  const units = costs.units
  const nodes = units + 1
  const home = transfers.home
  const inputs = inputTensorsOf(graph)
  const outputs: number[][] = graph.layers.map(() => [])
  graph.tensors.forEach((tensor, t) => {
    if (tensor.producer >= 0 && tensor.output) outputs[tensor.producer]?.push(t)
  })
  const crossing = (source: number, destination: number, bytes: number): [number, number] => {
    const pair = source * nodes + destination
    return [
      (transfers.seconds[pair] as number) + bytes * (transfers.secondsPerByte[pair] as number),
      bytes * (transfers.pjPerByte[pair] as number),
    ]
  }
  const path = new Int32Array(n)
  let truncated = false
  let layer: Label[] = [{ latency: 0, energy: 0, unit: -1, previous: undefined }]
  for (let i = 0; i < n; i++) {
    const buckets: Label[][] = Array.from({ length: units }, () => [])
    for (const from of layer) {
      writePath(from, path, i - 1)
      for (let u = 0; u < units; u++) {
        let latency = from.latency + (costs.latencySeconds[i * units + u] as number)
        let energy = from.energy + (costs.energyPj[i * units + u] as number)
        if (!Number.isFinite(latency) || !Number.isFinite(energy)) continue
        for (const t of inputs[i] as number[]) {
          const tensor = graph.tensors[t]
          if (tensor === undefined) continue
          const source = tensor.producer < 0 ? home : (path[tensor.producer] as number)
          if (source === u || (tensor.output && u === home)) continue
          if (tensor.consumers.some((consumer) => consumer < i && path[consumer] === u)) continue
          const [seconds, pj] = crossing(source, u, tensor.bytes)
          latency += seconds
          energy += pj
        }
        if (u !== home)
          for (const t of outputs[i] as number[]) {
            const [seconds, pj] = crossing(u, home, graph.tensors[t]?.bytes ?? 0)
            latency += seconds
            energy += pj
          }
        ;(buckets[u] as Label[]).push({ latency, energy, unit: u, previous: from })
      }
    }
    layer = []
    for (const bucket of buckets) {
      const pruned = prune(bucket, objective, maxLabels)
      truncated ||= pruned.truncated
      layer.push(...pruned.kept)
    }
    if (layer.length === 0) break
  }
  const assignment = new Int32Array(n)
  let best: Label | undefined
  for (const label of layer)
    if (best === undefined || objectiveValue(objective, label.latency, label.energy) < objectiveValue(objective, best.latency, best.energy))
      best = label
  writePath(best, assignment, n - 1)
  return { assignment, truncated }
}
