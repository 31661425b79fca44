import { expected, quotedChoices } from "@cosearch/space"
import { Schema } from "effect"
import type { ConfigIssue } from "../issues/config-issue.js"
import { areaEntry } from "./area/area-evaluator.js"
import { commandEntry } from "./command/command.js"
import { compositeEvaluatorOf } from "./composite/composite-evaluator.js"
import { type CompositeSettings, compositeSettingsSchema } from "./composite/schema.js"
import { costEntry } from "./cost/cost-evaluator.js"
import { withDeclaredOutputs } from "./declared-outputs.js"
import type { Evaluate, EvaluatorContext, EvaluatorEntry, EvaluatorKind } from "./evaluator.js"
import { moduleEntry } from "./module/module.js"
import { nb201TableEntry } from "./nb201-table/nb201-table.js"
import { surrogateEntry } from "./surrogate/surrogate-evaluator.js"
import { systemEntry } from "./system/system-evaluator.js"

/**
 * The evaluator kinds that are not made of other evaluators, in the order they are listed to users.
 * `command` and `module` give the user's metrics, declared by their optional `outputs` field.
 */
const leafEvaluators = [
  nb201TableEntry,
  costEntry,
  areaEntry,
  systemEntry,
  withDeclaredOutputs(commandEntry),
  withDeclaredOutputs(moduleEntry),
  surrogateEntry,
] as const

type SettingsOf<Entry> = Entry extends EvaluatorEntry<infer Settings> ? Settings : never

/**
 * The evaluator section of an experiment, told apart by `kind`: `nb201-table`, `cost`, `area`,
 * `system` (a heterogeneous system over a workload mix), `command`, `module`, `surrogate` (trained
 * models) or `composite` (metrics of several evaluators merged).
 *
 * @example
 * const evaluator: EvaluatorConfig = { kind: "composite", evaluators: [{ kind: "nb201-table" }, { kind: "cost", accelerator: "eyeriss-v1-like" }] }
 */
export type EvaluatorConfig = SettingsOf<(typeof leafEvaluators)[number]> | CompositeSettings

const kindOf = (settings: EvaluatorConfig): EvaluatorKind<EvaluatorConfig> =>
  evaluatorKinds[settings.kind]() as EvaluatorKind<EvaluatorConfig>

/**
 * Checks an evaluator's settings against the study's space; issue paths are relative to the
 * evaluator's section.
 *
 * @example
 * const issues = await checkEvaluator({ kind: "nb201-table", accuracyColumn: "nope" }, context)
 */
export const checkEvaluator = async (settings: EvaluatorConfig, context: EvaluatorContext): Promise<readonly ConfigIssue[]> =>
  kindOf(settings).check(settings, context)

/**
 * Builds the evaluate function of an evaluator's settings (in a pool worker, or in-process).
 *
 * @example
 * const evaluate = await createEvaluator({ kind: "command", command: ["./score.sh"] }, context)
 */
export const createEvaluator = async (settings: EvaluatorConfig, context: EvaluatorContext): Promise<Evaluate> =>
  kindOf(settings).create(settings, context)

/**
 * The metrics an evaluator's settings give, or undefined when they are undeclared (a `command` or
 * `module` evaluator without `outputs`, or a composite of one). Meant for settings `checkEvaluator`
 * found no problem with.
 *
 * @example
 * await evaluatorOutputs({ kind: "area" }, context) // ["areaMm2"]
 */
export const evaluatorOutputs = async (settings: EvaluatorConfig, context: EvaluatorContext): Promise<readonly string[] | undefined> =>
  (await kindOf(settings).outputs?.(settings, context)) ?? undefined

/**
 * The `composite` evaluator: runs its evaluators in turn on the same candidate and merges their
 * metrics (a later evaluator's metric of the same name wins). The design is infeasible when any
 * part says so; a part that throws fails the trial.
 *
 * @example
 * // { "kind": "composite", "evaluators": [{ "kind": "nb201-table" }, { "kind": "cost", "accelerator": "eyeriss-v1-like" }] }
 */
export const compositeEvaluator: EvaluatorKind<CompositeSettings> = compositeEvaluatorOf({
  check: checkEvaluator,
  create: createEvaluator,
  outputs: evaluatorOutputs,
})

const compositeEntry: EvaluatorEntry<CompositeSettings> = {
  kind: "composite",
  schema: compositeSettingsSchema(() => EvaluatorSchema),
  evaluator: compositeEvaluator,
}

/**
 * The evaluator kinds, in the order they are listed to users. To add one: a folder in
 * `src/evaluators/` with its settings schema, its evaluator and its `EvaluatorEntry`, listed here.
 *
 * @example
 * evaluatorEntries.map((entry) => entry.kind) // ["nb201-table", "cost", ..., "composite"]
 */
export const evaluatorEntries = [...leafEvaluators, compositeEntry] as unknown as readonly EvaluatorEntry<EvaluatorConfig>[]

/**
 * The evaluator kinds by name.
 *
 * @example
 * const kind = await evaluatorKinds["nb201-table"]()
 */
export const evaluatorKinds: Readonly<Record<EvaluatorConfig["kind"], () => EvaluatorKind<never>>> = Object.fromEntries(
  evaluatorEntries.map((entry) => [entry.kind, () => entry.evaluator]),
) as Record<EvaluatorConfig["kind"], () => EvaluatorKind<EvaluatorConfig>>

/**
 * The form of an experiment's evaluator section: one of the registry's kinds.
 *
 * @example
 * Schema.decodeUnknownEither(EvaluatorSchema)({ kind: "area" })
 */
export const EvaluatorSchema: Schema.Schema<EvaluatorConfig> = Schema.Union(...evaluatorEntries.map((entry) => entry.schema)).annotations(
  expected(`an evaluator object whose kind is ${quotedChoices(evaluatorEntries.map((entry) => entry.kind))}`, false),
)
