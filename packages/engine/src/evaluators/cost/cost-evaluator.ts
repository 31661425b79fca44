import { edgeTpuPreset, hierarchicalPreset, systolicPreset } from "@cosearch/accelerator"
import { isDataflowName, type MapperObjective } from "@cosearch/cost"
import { analyseNetworkOrThrow, buildZooNetwork, type Network } from "@cosearch/network"
import type { ConfigIssue } from "../../config/config-issue.js"
import { type DecodedConfiguration, decodedParts } from "../../spaces/named-space.js"
import type { EvaluatorContext, EvaluatorKind } from "../evaluator.js"
import { sampleParts } from "../sample-parts.js"
import type { AcceleratorTarget } from "./accelerator-target.js"
import { acceleratorTemplates } from "./accelerator-templates.js"
import { type DataflowChoice, evaluationRecord } from "./evaluation-record.js"

/**
 * Settings of the `cost` evaluator. `network` (a zoo spec) and `accelerator` (a preset name) fix
 * that side of the design; what is not fixed comes from the configuration: its network part, and
 * its accelerator knobs through an accelerator template. `dataflow` (default `auto`) and the
 * mapper's `objective` (default `latency`) apply to hierarchical accelerators.
 *
 * @example
 * const settings: CostSettings = { kind: "cost", accelerator: "eyeriss-v1-like" } // with space "nb201"
 */
export interface CostSettings {
  readonly kind: "cost"
  readonly network?: string
  readonly accelerator?: string
  readonly dataflow?: string
  readonly objective?: MapperObjective
}

const networkPart = (parts: readonly DecodedConfiguration[]): Network | undefined => {
  for (const part of parts) if (part.kind === "network") return part.network
  return undefined
}

/** The accelerator knobs among decoded parts. */
export const knobsPart = (parts: readonly DecodedConfiguration[]): DecodedConfiguration | undefined =>
  parts.find((part) => part.kind !== "network" && part.kind !== "joint")

const presetTarget = (name: string): AcceleratorTarget | undefined => {
  const hierarchical = hierarchicalPreset(name)
  if (hierarchical !== undefined) return { kind: "hierarchical", name, accelerator: hierarchical }
  const array = systolicPreset(name)
  if (array !== undefined) return { kind: "systolic", name, array }
  const edgeTpu = edgeTpuPreset(name)
  return edgeTpu === undefined ? undefined : { kind: "edgetpu", name, accelerator: edgeTpu }
}

const checkCost = (settings: CostSettings, context: EvaluatorContext): ConfigIssue[] => {
  const issues: ConfigIssue[] = []
  const parts = sampleParts(context)
  if (settings.network !== undefined) {
    const built = buildZooNetwork(settings.network)
    if (!built.ok) issues.push({ path: "network", message: `expected a zoo network, got "${settings.network}": ${built.message}` })
  } else if (networkPart(parts) === undefined) {
    issues.push({ path: "network", message: `is missing: space "${context.space.name}" has no network part, so name a zoo network` })
  }
  if (settings.accelerator !== undefined) {
    if (presetTarget(settings.accelerator) === undefined) {
      issues.push({ path: "accelerator", message: `expected an accelerator preset, got "${settings.accelerator}"` })
    }
  } else {
    const knobs = knobsPart(parts)
    if (knobs === undefined) {
      issues.push({ path: "accelerator", message: `is missing: space "${context.space.name}" has no accelerator knobs, so name a preset` })
    } else if (knobs.kind === "system") {
      issues.push({ path: "kind", message: `space "${context.space.name}" describes heterogeneous systems: use the "system" evaluator` })
    } else if (acceleratorTemplates[knobs.kind] === undefined) {
      const known = Object.keys(acceleratorTemplates).join(", ")
      issues.push({
        path: "accelerator",
        message: `is missing: no accelerator template reads ${knobs.kind} yet (templates: ${known}), so name a preset`,
      })
    }
  }
  if (settings.dataflow !== undefined && settings.dataflow !== "auto" && !isDataflowName(settings.dataflow)) {
    issues.push({ path: "dataflow", message: `expected "auto" or a dataflow name, got "${settings.dataflow}"` })
  }
  return issues
}

/**
 * The `cost` evaluator: a network on an accelerator through `@cosearch/cost` (the mapper for
 * hierarchical accelerators, SCALE-Sim's model for systolic arrays, the Edge TPU template). Metrics: `latencyMs`,
 * `energyMj` and `areaMm2` when the model knows them (null otherwise), `utilization`, `cycles`,
 * `macs`. A network the accelerator cannot run is infeasible, with the layer and the reason.
 *
 * @example
 * const evaluate = costEvaluator.create({ kind: "cost", network: "mobilenet_v2" }, { space: systolicKnobs, entry, baseDirectory: "." })
 */
export const costEvaluator: EvaluatorKind<CostSettings> = {
  check: checkCost,
  create: (settings, { entry }) => {
    const fixedNetwork = settings.network === undefined ? undefined : buildZooNetwork(settings.network)
    // A fixed network is analysed once per worker, not per trial.
    const fixedAnalysed = fixedNetwork?.ok ? analyseNetworkOrThrow(fixedNetwork.network) : undefined
    const fixedTarget = settings.accelerator === undefined ? undefined : presetTarget(settings.accelerator)
    return ({ configuration }) => {
      const parts = entry === undefined ? [] : decodedParts(entry.decode(configuration))
      const part = fixedAnalysed === undefined ? networkPart(parts) : undefined
      const network = fixedAnalysed ?? (part === undefined ? undefined : analyseNetworkOrThrow(part))
      if (network === undefined) throw new Error("the cost evaluator found no network in the configuration")
      let target = fixedTarget
      if (target === undefined) {
        const knobs = knobsPart(parts)
        const template = knobs === undefined ? undefined : acceleratorTemplates[knobs.kind]
        if (knobs === undefined || template === undefined)
          throw new Error("the cost evaluator found no accelerator template for the configuration")
        target = template(knobs)
      }
      const dataflow = (settings.dataflow ?? (target.kind === "systolic" ? target.array.dataflow : "auto")) as DataflowChoice
      const objective = target.kind === "systolic" ? "latency" : (settings.objective ?? "latency")
      const record = evaluationRecord(network, target, dataflow, objective)
      if (record.totals === null) {
        const layer = record.layers.find((candidate) => !candidate.feasible)
        return { metrics: {}, infeasible: `layer ${layer?.name ?? "?"}: ${layer?.reason ?? "infeasible"} ${layer?.message ?? ""}`.trim() }
      }
      const { latencyMs, energyMj, areaMm2, utilization, cycles, macs } = record.totals
      return { metrics: { latencyMs, energyMj, areaMm2, utilization, cycles, macs } }
    }
  },
}
