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
 * Trust: the module is imported and run as it is, in the worker threads of the cosearch process,
 * with the rights of the user running cosearch: it (and everything it imports, top-level code
 * included, which runs at import even before the first trial) can read and write any file the user
 * can, the study database too, reach the network, read the environment and start programs. A
 * worker thread is no sandbox. An experiment file naming a `module` evaluator is therefore code:
 * run one from an untrusted source only after reviewing the module (its path is resolved from the
 * experiment file's folder), or evaluate with a `command` evaluator whose program runs inside a
 * sandbox (a container or `bwrap` with no network and only the folders it needs).
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
