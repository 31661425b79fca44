import type { Space } from "@cosearch/space"
import { gpBoEntry, gpBoUcbEntry } from "../bayes/gp-bo-entry.js"
import { p3boEntry } from "../ensemble/p3bo-entry.js"
import { evolutionEntry } from "../evolution/evolution-entry.js"
import { nsga2Entry } from "../nsga2/nsga2-entry.js"
import type { Optimizer } from "../optimizer/optimizer.js"
import type { EntrySettings, OptimizerEntry, OwnSettings, SettingIssue } from "../optimizer/optimizer-entry.js"
import { randomSearchEntry } from "../random-search/random-search-entry.js"

/**
 * The built-in optimizers, in the order they are listed to users. To add one: write its
 * `OptimizerEntry` beside its code (in its own folder) and list it here.
 *
 * @example
 * optimizerEntries.map((entry) => entry.name) // ["random", "evolution", "nsga2", "gp-bo", "gp-bo-ucb", "p3bo"]
 */
export const optimizerEntries = [randomSearchEntry, evolutionEntry, nsga2Entry, gpBoEntry, gpBoUcbEntry, p3boEntry] as const

type Entry = (typeof optimizerEntries)[number]
type FieldsOf<E> = E extends OptimizerEntry<infer Fields> ? Fields : never
type SettingName = FieldsOf<Entry> extends infer Fields ? (Fields extends unknown ? keyof Fields & string : never) : never
type SettingSchema<Name extends string> =
  FieldsOf<Entry> extends infer Fields ? (Fields extends Readonly<Record<Name, infer S>> ? S : never) : never

/**
 * The settings some built-in optimizer reads, each with its schema: what an experiment's
 * `optimizer` section may hold besides the common parts.
 *
 * @example
 * Object.keys(optimizerSettingFields) // ["population", "sampleSize", "initial"]
 */
export type OptimizerSettingSchemas = { readonly [Name in SettingName]: SettingSchema<Name> }

/**
 * The built-in optimizers by name: what a config file or a CLI flag names.
 *
 * @example
 * optimizerNames // ["random", "evolution", "nsga2", "gp-bo", "gp-bo-ucb", "p3bo"]
 */
export const optimizerNames: readonly string[] = optimizerEntries.map((entry) => entry.name)

// Each entry takes its own settings; through this view the registry hands them all the settings.
const entries = optimizerEntries as unknown as readonly OptimizerEntry[]

/**
 * Every optimizer's own settings with their schemas, in the order they first appear in the registry.
 *
 * @example
 * Schema.Struct({ name: Schema.String, ...optimizerSettingFields })
 */
export const optimizerSettingFields: OptimizerSettingSchemas = Object.fromEntries(
  entries
    .flatMap((entry) => Object.entries(entry.settings))
    .filter(([setting], index, all) => all.findIndex(([first]) => first === setting) === index),
) as OptimizerSettingSchemas

/**
 * Which optimizers read each setting, by setting: a setting given to another optimizer is a mistake.
 *
 * @example
 * optimizerSettingOwners.population // ["evolution", "nsga2"]
 */
export const optimizerSettingOwners: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  Object.keys(optimizerSettingFields).map((setting) => [
    setting,
    entries.filter((entry) => Object.hasOwn(entry.settings, setting)).map((entry) => entry.name),
  ]),
)

/**
 * Settings every named optimizer takes, and the settings of each (see `optimizerSettingOwners`;
 * an optimizer ignores the settings of the others).
 *
 * @example
 * const settings: NamedOptimizerSettings = { directions: ["maximize"], seed: 3, population: 20 }
 */
export type NamedOptimizerSettings = EntrySettings<OptimizerSettingSchemas>

const entryNamed = (name: string): OptimizerEntry => {
  const entry = entries.find((candidate) => candidate.name === name)
  if (entry === undefined) throw new RangeError(`unknown optimizer "${name}"; the optimizers are ${optimizerNames.join(", ")}`)
  return entry
}

/**
 * The problems across the settings of the optimizer named `name` that their schemas cannot see
 * (such as a tournament larger than the population).
 *
 * @throws RangeError for an unknown name.
 * @example
 * optimizerSettingIssues("evolution", { population: 8, sampleSize: 10 }) // [{ setting: "sampleSize", message: "expected at most the population (8), got 10" }]
 */
export const optimizerSettingIssues = (name: string, settings: OwnSettings<OptimizerSettingSchemas>): readonly SettingIssue[] =>
  entryNamed(name).settingIssues?.(settings) ?? []

/**
 * Creates a built-in optimizer by name with its defaults.
 *
 * @throws RangeError for an unknown name.
 * @example
 * const optimizer = createOptimizerByName("gp-bo", nb201Space, { directions: ["maximize"], seed: 0 })
 */
export const createOptimizerByName = (name: string, space: Space, settings: NamedOptimizerSettings = {}): Optimizer =>
  entryNamed(name).create(space, settings)
