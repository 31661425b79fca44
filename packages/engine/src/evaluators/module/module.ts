import { existsSync } from "node:fs"
import { isAbsolute, resolve } from "node:path"
import { pathToFileURL } from "node:url"
import type { Candidate, EvaluatorEntry, EvaluatorKind } from "../evaluator.js"
import { evaluationOf } from "../evaluator.js"
import { type ModuleSettings, ModuleSettingsSchema } from "./schema.js"

const modulePath = (settings: ModuleSettings, baseDirectory: string): string =>
  isAbsolute(settings.module) ? settings.module : resolve(baseDirectory, settings.module)

/**
 * The `module` evaluator: a function `(candidate, options) => metrics` (or a Promise of them)
 * exported by a module, run in the pool workers. What it returns is read by `evaluationOf`;
 * what it throws fails the trial.
 *
 * @example
 * // score.mjs: export default ({ configuration }, options) => ({ cost: configuration.x * options.scale })
 */
export const moduleEvaluator: EvaluatorKind<ModuleSettings> = {
  check: (settings, { baseDirectory }) => {
    const path = modulePath(settings, baseDirectory)
    return existsSync(path) ? [] : [{ path: "module", message: `expected a module file, got "${path}", which does not exist` }]
  },
  create: async (settings, { baseDirectory }) => {
    const name = settings.export ?? "default"
    const loaded = (await import(pathToFileURL(modulePath(settings, baseDirectory)).href)) as Record<string, unknown>
    const evaluate = loaded[name]
    if (typeof evaluate !== "function") throw new TypeError(`module "${settings.module}" exports no function "${name}"`)
    return async (candidate: Candidate) => evaluationOf(await evaluate(candidate, settings.options))
  },
}

/**
 * The `module` evaluator's registry entry: its kind, settings schema and evaluator.
 *
 * @example
 * moduleEntry.schema // decodes { "kind": "module", ... }
 */
export const moduleEntry: EvaluatorEntry<ModuleSettings> = { kind: "module", schema: ModuleSettingsSchema, evaluator: moduleEvaluator }
