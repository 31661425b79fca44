import type { Space } from "@cosearch/space"
import type { Schema } from "effect"
import type { WarmStart } from "../transfer/warm-start.js"
import type { CommonSettings, Optimizer } from "./optimizer.js"

/**
 * The settings an optimizer reads beyond the common ones, each with its schema (how an
 * experiment file writes it), by the name it has in the file.
 *
 * @example
 * const fields: OptimizerSettingFields = { population: positiveInteger }
 */
export type OptimizerSettingFields = Readonly<Record<string, Schema.Schema.AnyNoContext>>

/**
 * The settings of an optimizer that reads none of its own.
 *
 * @example
 * const entry: OptimizerEntry<NoOwnSettings> = { name: "random", settings: {}, create: createRandomSearch }
 */
export type NoOwnSettings = Readonly<Record<never, never>>

/**
 * Values of an optimizer's own settings (`Fields`), each of which may be left out.
 *
 * @example
 * const own: OwnSettings<{ population: typeof positiveInteger }> = { population: 20 }
 */
export type OwnSettings<Fields extends OptimizerSettingFields> = {
  readonly [Setting in keyof Fields]?: Schema.Schema.Type<Fields[Setting]>
}

/**
 * What an optimizer created by name is given: the common settings, a warm start, and any of its
 * own settings (`Fields`).
 *
 * @example
 * const settings: EntrySettings<{ population: typeof positiveInteger }> = { directions: ["maximize"], population: 20 }
 */
export type EntrySettings<Fields extends OptimizerSettingFields> = CommonSettings & { readonly warmStart?: WarmStart } & OwnSettings<Fields>

/**
 * A problem with one of an optimizer's own settings, found by its `settingIssues`.
 *
 * @example
 * const issue: SettingIssue = { setting: "sampleSize", message: "expected at most the population (8), got 10" }
 */
export interface SettingIssue {
  readonly setting: string
  readonly message: string
}

/**
 * One optimizer of the registry: the name a config file or a CLI flag gives it, the settings it
 * reads (`settings`, with their schemas), how to create it, and the checks across its settings
 * that the schemas cannot make.
 *
 * @example
 * const entry: OptimizerEntry<{ population: typeof positiveInteger }> = { name: "nsga2", settings: { population: positiveInteger }, create: createNsga2 }
 */
export interface OptimizerEntry<Fields extends OptimizerSettingFields = OptimizerSettingFields> {
  readonly name: string
  readonly settings: Fields
  readonly create: (space: Space, settings: EntrySettings<Fields>) => Optimizer
  readonly settingIssues?: (settings: OwnSettings<Fields>) => readonly SettingIssue[]
}
