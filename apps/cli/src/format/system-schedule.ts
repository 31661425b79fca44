import type { AcceleratorUnit, HeterogeneousSystem } from "@cosearch/accelerator"
import type { NetworkScheduleResult, ScheduleObjective } from "@cosearch/cost"
import { formatTable } from "./table.js"

/** One layer of a system schedule: its unit and its own cost there. */
export interface SystemLayerRecord {
  readonly name: string
  readonly unit: string
  readonly latencySeconds: number
  readonly energyPj: number
}

/** What `cosearch evaluate --accelerator SYSTEM --json` prints per network. */
export interface SystemScheduleRecord {
  readonly network: string
  readonly system: string
  readonly objective: ScheduleObjective
  readonly method: string
  readonly exact: boolean
  readonly feasible: boolean
  readonly totals: {
    readonly latencyMs: number
    readonly energyMj: number
    readonly edpJs: number
    readonly transferMs: number
    readonly transferMj: number
    readonly crossings: number
    readonly throughputPerSecond: number
    /** Layers per unit. */
    readonly layersPerUnit: Readonly<Record<string, number>>
  }
  readonly layers: readonly SystemLayerRecord[]
}

/**
 * The record of one network's schedule on a system (seconds and pJ per layer; ms, mJ and J·s in
 * the totals).
 *
 * @example
 * const record = systemScheduleRecord("resnet18", system, result)
 */
export const systemScheduleRecord = (
  network: string,
  system: HeterogeneousSystem<AcceleratorUnit>,
  result: Extract<NetworkScheduleResult, { ok: true }>,
): SystemScheduleRecord => {
  const { schedule, problem } = result
  const units = problem.costs.units
  const layersPerUnit: Record<string, number> = Object.fromEntries(system.units.map((unit) => [unit.name, 0]))
  const layers = problem.graph.layers.map((name, i) => {
    const u = schedule.assignment[i] ?? 0
    const unit = system.units[u]?.name ?? ""
    layersPerUnit[unit] = (layersPerUnit[unit] ?? 0) + 1
    return {
      name,
      unit,
      latencySeconds: problem.costs.latencySeconds[i * units + u] ?? Number.NaN,
      energyPj: problem.costs.energyPj[i * units + u] ?? Number.NaN,
    }
  })
  return {
    network,
    system: system.name,
    objective: schedule.objective,
    method: schedule.method,
    exact: schedule.exact,
    feasible: schedule.feasible,
    totals: {
      latencyMs: schedule.latencySeconds * 1e3,
      energyMj: schedule.energyPj * 1e-9,
      edpJs: schedule.latencySeconds * schedule.energyPj * 1e-12,
      transferMs: schedule.transferSeconds * 1e3,
      transferMj: schedule.transferEnergyPj * 1e-9,
      crossings: schedule.crossings,
      throughputPerSecond: schedule.throughputPerSecond,
      layersPerUnit,
    },
    layers,
  }
}

const figure = (value: number, digits: number): string => (Number.isFinite(value) ? value.toFixed(digits) : "infeasible")

/**
 * The text of a system schedule: the schedule per layer, then the totals.
 *
 * @example
 * console.log(systemScheduleText(record))
 */
export const systemScheduleText = (record: SystemScheduleRecord): string => {
  const table = formatTable(
    [
      { header: "layer", align: "left", cell: (layer: SystemLayerRecord) => layer.name },
      { header: "unit", align: "left", cell: (layer: SystemLayerRecord) => layer.unit },
      { header: "latency µs", align: "right", cell: (layer: SystemLayerRecord) => figure(layer.latencySeconds * 1e6, 3) },
      { header: "energy µJ", align: "right", cell: (layer: SystemLayerRecord) => figure(layer.energyPj * 1e-6, 3) },
    ],
    record.layers,
  )
  const t = record.totals
  const perUnit = Object.entries(t.layersPerUnit)
    .map(([unit, count]) => `${unit} ${count}`)
    .join(", ")
  return [
    `${record.network} on system ${record.system} (objective ${record.objective}, ${record.method}${record.exact ? ", exact" : ""})`,
    "",
    table,
    "",
    "totals",
    `  latency:     ${figure(t.latencyMs, 4)} ms (transfers ${figure(t.transferMs, 4)} ms, ${t.crossings} crossings)`,
    `  energy:      ${figure(t.energyMj, 6)} mJ (transfers ${figure(t.transferMj, 6)} mJ)`,
    `  EDP:         ${Number.isFinite(t.edpJs) ? t.edpJs.toExponential(4) : "infeasible"} J·s`,
    `  throughput:  ${figure(t.throughputPerSecond, 1)} inferences/s pipelined`,
    `  layers:      ${perUnit}`,
  ].join("\n")
}
