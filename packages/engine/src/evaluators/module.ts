import { existsSync } from "node:fs"
import { isAbsolute, resolve } from "node:path"
import { pathToFileURL } from "node:url"
import type { Candidate, EvaluatorKind } from "./evaluator.js"
import { evaluationOf } from "./evaluator.js"

/**
 * Settings of the `module` evaluator: a JavaScript module (or TypeScript, when the engine runs
 * under tsx), the name of the function it exports (default `default`) and options passed to it.
 *
 * @example
 * const settings: ModuleSettings = { kind: "module", module: "./score.mjs", export: "score", options: { scale: 2 } }
 */
export interface ModuleSettings {
  readonly kind: "module"
  readonly module: string
  readonly export?: string
  readonly options?: unknown
}

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
