import type { HeterogeneousSystem } from "@cosearch/accelerator"
import { acceleratorKinds, type NetworkScheduleResult, scheduleNetwork } from "@cosearch/cost"
import { buildZooNetwork, type Network } from "@cosearch/network"
import type { MetricValue } from "@cosearch/optimize"
import type { ConfigIssue } from "../../issues/config-issue.js"
import { type DecodedConfiguration, decodedParts } from "../../spaces/named-space.js"
import type { EvaluatorEntry, EvaluatorKind } from "../evaluator.js"
import { sampleParts } from "../sample-parts.js"
import { runLengths } from "./run-lengths.js"
import { type SystemSettings, SystemSettingsSchema } from "./schema.js"

const systemPart = (parts: readonly DecodedConfiguration[]) => parts.find((part) => part.kind === "system")

const checkSystem = (settings: SystemSettings, context: Parameters<EvaluatorKind<SystemSettings>["check"]>[1]): ConfigIssue[] => {
  const issues: ConfigIssue[] = []
  settings.networks.forEach((spec, i) => {
    const built = buildZooNetwork(spec)
    if (!built.ok) issues.push({ path: `networks[${i}]`, message: `expected a zoo network, got "${spec}": ${built.message}` })
  })
  const seen = new Set<string>()
  settings.networks.forEach((spec, i) => {
    if (seen.has(spec)) issues.push({ path: `networks[${i}]`, message: `"${spec}" is listed twice` })
    seen.add(spec)
  })
  if (systemPart(sampleParts(context)) === undefined)
    issues.push({
      path: "kind",
      message: `the system evaluator needs a space that decodes to heterogeneous systems (hetero-system); space "${context.space.name}" does not`,
    })
  return issues
}

/** The figures of one network's schedule on a system. */
interface NetworkFigures {
  readonly latencyMs: number
  readonly energyMj: number
  readonly throughput: number
}

const geomean = (values: readonly number[]): number => Math.exp(values.reduce((sum, value) => sum + Math.log(value), 0) / values.length)
const sum = (values: readonly number[]): number => values.reduce((total, value) => total + value, 0)

/** Why a schedule has no feasible assignment: the first layer no unit can run. */
const infeasibleLayer = (result: Extract<NetworkScheduleResult, { ok: true }>, system: HeterogeneousSystem): string => {
  const { graph, costs } = result.problem
  for (let layer = 0; layer < graph.layers.length; layer++) {
    let runnable = false
    for (let unit = 0; unit < costs.units; unit++)
      if (Number.isFinite(costs.latencySeconds[layer * costs.units + unit] ?? Number.POSITIVE_INFINITY)) runnable = true
    if (!runnable) return `layer ${graph.layers[layer]} runs on no unit of the system (${system.units.map((unit) => unit.name).join(", ")})`
  }
  return "no feasible schedule"
}

/**
 * Schedules every network of a mix on a system (`scheduleNetwork`, the one cost path) and reports:
 * per network `<spec>.latencyMs`, `<spec>.energyMj`, `<spec>.throughput` (pipelined inferences
 * per second) and `<spec>.schedule` (each layer's unit in topological order, run-length encoded:
 * `compute*52 imac*1`); the aggregates `latencyMs`, `energyMj`, `throughput` (per `aggregate`);
 * `areaMm2` (`acceleratorKinds.systemArea`, the sum of the units), `units` (present), `unitsUsed` (busy in some
 * network's schedule) and `mix` (the present units' names joined by `+`). A system that cannot
 * be built, or a network some layer of which no unit runs, is infeasible with the reason.
 *
 * @example
 * const evaluate = systemEvaluator.create({ kind: "system", networks: ["mobilenet_v2"] }, { space: heteroSystemSpace, entry, baseDirectory: "." })
 */
export const systemEvaluator: EvaluatorKind<SystemSettings> = {
  check: checkSystem,
  outputs: (settings) => [
    ...["latencyMs", "energyMj", "throughput", "areaMm2", "units", "unitsUsed", "mix"],
    ...settings.networks.flatMap((spec) => ["latencyMs", "energyMj", "throughput", "schedule"].map((metric) => `${spec}.${metric}`)),
  ],
  create: (settings, { entry }) => {
    const objective = settings.objective ?? "edp"
    const aggregate = settings.aggregate ?? "geomean"
    const networks: { readonly spec: string; readonly network: Network }[] = settings.networks.map((spec) => {
      const built = buildZooNetwork(spec)
      if (!built.ok) throw new Error(`the system evaluator cannot build "${spec}": ${built.message}`)
      return { spec, network: built.network }
    })
    return ({ configuration }) => {
      const part = entry === undefined ? undefined : systemPart(decodedParts(entry.decode(configuration)))
      if (part === undefined || part.kind !== "system") throw new Error("the system evaluator found no system in the configuration")
      if (!part.build.ok) return { metrics: {}, infeasible: part.build.reason }
      const { system } = part.build
      const area = acceleratorKinds.systemArea(system)
      const metrics: Record<string, MetricValue> = {
        areaMm2: area.totalMm2,
        units: system.units.length,
        mix: system.units.map((unit) => unit.name).join("+"),
      }
      const used = new Set<string>()
      const figures: NetworkFigures[] = []
      for (const { spec, network } of networks) {
        const result = scheduleNetwork(network, system, objective)
        if (!result.ok) return { metrics, infeasible: `network ${spec}: ${result.issues.join("; ")}` }
        if (!result.schedule.feasible) return { metrics, infeasible: `network ${spec}: ${infeasibleLayer(result, system)}` }
        const { schedule } = result
        const figure = {
          latencyMs: schedule.latencySeconds * 1e3,
          energyMj: schedule.energyPj / 1e9,
          throughput: schedule.throughputPerSecond,
        }
        figures.push(figure)
        metrics[`${spec}.latencyMs`] = figure.latencyMs
        metrics[`${spec}.energyMj`] = figure.energyMj
        metrics[`${spec}.throughput`] = figure.throughput
        metrics[`${spec}.schedule`] = runLengths(schedule.assignment.map((unit) => system.units[unit]?.name ?? "?"))
        schedule.unitBusySeconds.forEach((busy, unit) => {
          if (busy > 0) used.add(system.units[unit]?.name ?? "?")
        })
      }
      const latencies = figures.map((figure) => figure.latencyMs)
      const energies = figures.map((figure) => figure.energyMj)
      const throughputs = figures.map((figure) => figure.throughput)
      metrics.latencyMs = aggregate === "geomean" ? geomean(latencies) : sum(latencies)
      metrics.energyMj = aggregate === "geomean" ? geomean(energies) : sum(energies)
      metrics.throughput = aggregate === "geomean" ? geomean(throughputs) : 1 / sum(throughputs.map((value) => 1 / value))
      metrics.unitsUsed = used.size
      return { metrics }
    }
  },
}

/**
 * The `system` evaluator's registry entry: its kind, settings schema and evaluator.
 *
 * @example
 * systemEntry.schema // decodes { "kind": "system", ... }
 */
export const systemEntry: EvaluatorEntry<SystemSettings> = { kind: "system", schema: SystemSettingsSchema, evaluator: systemEvaluator }
