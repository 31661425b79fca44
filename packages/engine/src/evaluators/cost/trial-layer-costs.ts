import { acceleratorKinds, type LayerCost } from "@cosearch/cost"
import type { Configuration } from "@cosearch/space"
import { Either, Schema } from "effect"
import { resolveStudySpace } from "../../spaces/study-space.js"
import { costRunOf } from "./cost-evaluator.js"
import { type CostSettings, CostSettingsSchema } from "./schema.js"

/**
 * A trial's per-layer costs: its network and accelerator as the cost model names them, and every
 * layer's record (`@cosearch/cost`'s `LayerCost`: cycles, energy, utilisation, accesses per level).
 */
export type TrialLayerCostsResult =
  | {
      readonly ok: true
      readonly network: string
      readonly accelerator: string
      readonly kind: string
      readonly feasible: boolean
      readonly layers: readonly LayerCost[]
    }
  | { readonly ok: false; readonly message: string }

/** The `cost` evaluator's settings in an experiment's evaluator: itself, or the first among a composite's. */
const costSettingsOf = (evaluator: unknown): CostSettings | undefined => {
  const decoded = Schema.decodeUnknownEither(CostSettingsSchema)(evaluator)
  if (Either.isRight(decoded)) return decoded.right
  const parts = (evaluator as { readonly kind?: unknown; readonly evaluators?: unknown } | null)?.evaluators
  if ((evaluator as { readonly kind?: unknown } | null)?.kind !== "composite" || !Array.isArray(parts)) return undefined
  for (const part of parts) {
    const found = costSettingsOf(part)
    if (found !== undefined) return found
  }
  return undefined
}

/**
 * The per-layer costs of one trial of a study whose experiment evaluates with the `cost` evaluator
 * (alone or in a composite): the same network on the same accelerator the evaluator costed for the
 * trial's parameters, re-run with `layers: true`. `config` is the experiment as a study stores it
 * (`study.config`); relative network files are read from `baseDirectory` (the experiment file's
 * folder). Not ok, with why, when the experiment has no `cost` evaluator, its space is unknown, or
 * the parameters do not decode.
 *
 * @example
 * const costs = trialLayerCosts(study.config, best.params, "experiments")
 * if (costs.ok) console.log(costs.layers.map((layer) => layer.cycles))
 */
export const trialLayerCosts = (config: unknown, params: Configuration, baseDirectory: string): TrialLayerCostsResult => {
  const experiment = config as { readonly space?: unknown; readonly evaluator?: unknown } | null
  const settings = costSettingsOf(experiment?.evaluator)
  if (settings === undefined) return { ok: false, message: "the experiment has no cost evaluator" }
  const resolved = resolveStudySpace(experiment?.space as Parameters<typeof resolveStudySpace>[0])
  if (Either.isLeft(resolved)) return { ok: false, message: resolved.left.map((issue) => `${issue.path}: ${issue.message}`).join("; ") }
  try {
    const result = costRunOf(acceleratorKinds, settings, { entry: resolved.right.entry, baseDirectory })(params, true)
    return {
      ok: true,
      network: result.network,
      accelerator: result.accelerator,
      kind: result.kind,
      feasible: result.feasible,
      layers: result.layers,
    }
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) }
  }
}
