import { readFileSync } from "node:fs"
import { resolve } from "node:path"
import type { AcceleratorUnit } from "@cosearch/accelerator"
import { acceleratorKinds, type CostOptions, type CostResult, type DataflowChoice, isDataflowName, type KindRegistry } from "@cosearch/cost"
import {
  type AnalyzedNetwork,
  analyzeNetwork,
  buildZooNetwork,
  InvalidNetworkError,
  isNetworkFileName,
  type Network,
  networkFileExtensions,
  networkFromFile,
} from "@cosearch/network"
import type { Configuration } from "@cosearch/space"
import type { ConfigIssue } from "../../issues/config-issue.js"
import { type DecodedConfiguration, decodedParts, networkPartOf } from "../../spaces/named-space.js"
import type { EvaluatorContext, EvaluatorEntry, EvaluatorKind } from "../evaluator.js"
import { sampleParts } from "../sample-parts.js"
import { analyzedNetworkOf } from "./network-cache.js"
import { type CostSettings, CostSettingsSchema } from "./schema.js"

/**
 * The accelerator part among decoded parts.
 *
 * @example
 * acceleratorPart(decodedParts(entry.decode(configuration)))?.unit.kind // "edgetpu"
 */
export const acceleratorPart = (
  parts: readonly DecodedConfiguration[],
): Extract<DecodedConfiguration, { kind: "accelerator" }> | undefined => {
  for (const part of parts) if (part.kind === "accelerator") return part
  return undefined
}

/**
 * A fixed network of the `cost` evaluator, analyzed: a zoo spec, or a network file (`.json`,
 * `.csv`, `.m`, `.onnx`) relative to the experiment file's folder. Read once per path and process.
 */
const fixedNetwork = (
  spec: string,
  baseDirectory: string,
  inputDims?: Readonly<Record<string, readonly number[]>>,
): { readonly ok: true; readonly network: AnalyzedNetwork } | { readonly ok: false; readonly message: string } => {
  const key = `${isNetworkFileName(spec) ? resolve(baseDirectory, spec) : `zoo:${spec}`}${inputDims === undefined ? "" : ` ${JSON.stringify(inputDims)}`}`
  const cached = fixedNetworks.get(key)
  if (cached !== undefined) return cached
  let read: { readonly ok: true; readonly network: Network } | { readonly ok: false; readonly message: string }
  if (isNetworkFileName(spec)) {
    let bytes: Uint8Array
    const path = resolve(baseDirectory, spec)
    try {
      bytes = readFileSync(path)
    } catch (error) {
      return { ok: false, message: `cannot read network file "${spec}" (${path}): ${(error as Error).message}` }
    }
    read = networkFromFile(spec, bytes, inputDims === undefined ? {} : { inputDims })
  } else {
    const built = buildZooNetwork(spec)
    read =
      built.ok && inputDims !== undefined
        ? { ok: false, message: `inputDims apply to ONNX models only, not to the zoo network "${spec}"` }
        : built.ok
          ? built
          : {
              ok: false,
              message: `expected a zoo network or a network file (${networkFileExtensions.join(", ")}), got "${spec}": ${built.message}`,
            }
  }
  let result: { readonly ok: true; readonly network: AnalyzedNetwork } | { readonly ok: false; readonly message: string }
  if (!read.ok) result = read
  else {
    const analysis = analyzeNetwork(read.network)
    result = analysis.ok
      ? { ok: true, network: analysis.network }
      : { ok: false, message: new InvalidNetworkError(read.network.name, analysis.issues).message }
  }
  fixedNetworks.set(key, result)
  return result
}

/** Fixed networks read so far, by resolved path or zoo spec. */
const fixedNetworks = new Map<
  string,
  { readonly ok: true; readonly network: AnalyzedNetwork } | { readonly ok: false; readonly message: string }
>()

const checkCost =
  (kinds: KindRegistry) =>
  (settings: CostSettings, context: EvaluatorContext): ConfigIssue[] => {
    const issues: ConfigIssue[] = []
    const parts = sampleParts(context)
    if (settings.network !== undefined) {
      const fixed = fixedNetwork(settings.network, context.baseDirectory, settings.inputDims)
      if (!fixed.ok) issues.push({ path: "network", message: fixed.message })
    } else if (settings.inputDims !== undefined) {
      issues.push({ path: "inputDims", message: "applies to a fixed ONNX network (network: model.onnx); there is none" })
    } else if (!parts.some((part) => part.kind === "network")) {
      issues.push({ path: "network", message: `is missing: space "${context.space.name}" has no network part, so name a zoo network` })
    }
    if (settings.accelerator !== undefined) {
      if (kinds.preset(settings.accelerator) === undefined) {
        issues.push({
          path: "accelerator",
          message: `expected an accelerator preset, got "${settings.accelerator}"; the presets are ${kinds.presetNames.join(", ")}`,
        })
      }
    } else {
      const accelerator = acceleratorPart(parts)
      if (accelerator === undefined) {
        if (parts.some((part) => part.kind === "system"))
          issues.push({
            path: "kind",
            message: `space "${context.space.name}" describes heterogeneous systems: use the "system" evaluator`,
          })
        else
          issues.push({
            path: "accelerator",
            message: `is missing: space "${context.space.name}" has no accelerator knobs, so name a preset`,
          })
      } else if (kinds.find(accelerator.unit.kind) === undefined) {
        issues.push({
          path: "accelerator",
          message: `is missing: no accelerator kind "${accelerator.unit.kind}" is registered (kinds: ${kinds.names.join(", ")}), so name a preset`,
        })
      }
    }
    if (settings.dataflow !== undefined && settings.dataflow !== "auto" && !isDataflowName(settings.dataflow)) {
      issues.push({ path: "dataflow", message: `expected "auto" or a dataflow name, got "${settings.dataflow}"` })
    }
    return issues
  }

/**
 * What the `cost` evaluator runs for a configuration: its network (the fixed one, or the
 * configuration's network part) on its accelerator (the preset, or the configuration's accelerator
 * part) through the kind's cost model, totals only or, with `layers`, every layer's record too.
 * Throws when the configuration has no network or no accelerator.
 *
 * @example
 * const run = costRunOf(acceleratorKinds, settings, { entry, baseDirectory: "." })
 * const result = run(trial.params, true) // result.layers
 */
export const costRunOf = (
  kinds: KindRegistry,
  settings: CostSettings,
  { entry, baseDirectory }: Pick<EvaluatorContext, "entry" | "baseDirectory">,
): ((configuration: Configuration, layers?: boolean) => CostResult) => {
  // A fixed network is read and analyzed once per worker, not per trial.
  const fixed = settings.network === undefined ? undefined : fixedNetwork(settings.network, baseDirectory, settings.inputDims)
  const fixedAnalyzed = fixed?.ok ? fixed.network : undefined
  const fixedUnit: AcceleratorUnit | undefined = settings.accelerator === undefined ? undefined : kinds.preset(settings.accelerator)
  const options: CostOptions = {
    ...(settings.dataflow === undefined ? {} : { dataflow: settings.dataflow as DataflowChoice }),
    ...(settings.objective === undefined ? {} : { objective: settings.objective }),
  }
  return (configuration, layers = false) => {
    const decoded = entry?.decode(configuration)
    let network = fixedAnalyzed
    if (network === undefined) {
      const part = decoded === undefined ? undefined : networkPartOf(decoded, configuration)
      if (part === undefined) throw new Error("the cost evaluator found no network in the configuration")
      network = analyzedNetworkOf(`${entry?.name}/${part.key}`, part.network)
    }
    const unit = fixedUnit ?? (decoded === undefined ? undefined : acceleratorPart(decodedParts(decoded))?.unit)
    if (unit === undefined) throw new Error("the cost evaluator found no accelerator for the configuration")
    return kinds.costOn(unit, network, layers ? { ...options, layers: true } : options)
  }
}

/**
 * The `cost` evaluator over the kinds of a registry: a network on an accelerator of any kind
 * through that kind's cost model (`costOn`, totals only; `costRunOf`). Metrics: `latencyMs`,
 * `energyMj`, `areaMm2`, `utilization`, `cycles`, `macs`, null where the kind has no model of one.
 * A network the accelerator cannot run is infeasible, with the layer and the reason. Networks are
 * analyzed once per distinct network part and worker (`analyzedNetworkOf`).
 *
 * @example
 * const myCostEvaluator = costEvaluatorOf(kindRegistry([...builtInKinds, myKind]))
 */
export const costEvaluatorOf = (kinds: KindRegistry): EvaluatorKind<CostSettings> => ({
  check: checkCost(kinds),
  outputs: () => ["latencyMs", "energyMj", "areaMm2", "utilization", "cycles", "macs"],
  create: (settings, context) => {
    const run = costRunOf(kinds, settings, context)
    return ({ configuration }) => {
      const result = run(configuration)
      if (!result.feasible) {
        const { layer, reason, message } = result.failure
        return { metrics: {}, infeasible: `layer ${layer}: ${reason} ${message}`.trim() }
      }
      const { latencyMs, energyMj, areaMm2, utilization, cycles, macs } = result.totals
      return { metrics: { latencyMs, energyMj, areaMm2, utilization, cycles, macs } }
    }
  },
})

/**
 * The `cost` evaluator over the built-in kinds (`costEvaluatorOf(acceleratorKinds)`).
 *
 * @example
 * const evaluate = costEvaluator.create({ kind: "cost", network: "mobilenet_v2" }, { space: systolicKnobs, entry, baseDirectory: "." })
 */
export const costEvaluator: EvaluatorKind<CostSettings> = costEvaluatorOf(acceleratorKinds)

/**
 * The `cost` evaluator's registry entry: its kind, settings schema and evaluator.
 *
 * @example
 * costEntry.schema // decodes { "kind": "cost", ... }
 */
export const costEntry: EvaluatorEntry<CostSettings> = { kind: "cost", schema: CostSettingsSchema, evaluator: costEvaluator }
