import { type AcceleratorUnit, type HeterogeneousSystem, systemPresetNames, systemPresets } from "@cosearch/accelerator"
import { acceleratorKinds } from "@cosearch/cost"
import { FileSystem } from "@effect/platform"
import { Effect } from "effect"
import { CliError } from "../cli/cli-error.js"

/**
 * Resolves `--accelerator` when it names a heterogeneous system: a built-in system
 * (`systemPresetNames`: mensa, mensa-edgetpu, tpu-imac) or a `.json` file whose document has
 * `units` (spelled out, or naming a preset: `{ "name": "a53", "preset": "cortex-a53" }`). Anything
 * else is `undefined` (an accelerator, for `loadAccelerator`). A system file that does not
 * validate against the accelerator kinds fails with every issue's path.
 *
 * @example
 * const system = yield* loadSystemIfAny("mensa") // systemPresets.mensa
 */
export const loadSystemIfAny = (
  argument: string,
): Effect.Effect<HeterogeneousSystem<AcceleratorUnit> | undefined, CliError, FileSystem.FileSystem> =>
  Effect.gen(function* () {
    if ((systemPresetNames as readonly string[]).includes(argument)) return systemPresets[argument as keyof typeof systemPresets]
    if (!argument.endsWith(".json")) return undefined
    const fs = yield* FileSystem.FileSystem
    const text = yield* fs.readFileString(argument).pipe(Effect.orElseSucceed(() => undefined))
    if (text === undefined) return undefined
    let value: unknown
    try {
      value = JSON.parse(text)
    } catch {
      return undefined
    }
    if (typeof value !== "object" || value === null || !("units" in value)) return undefined
    const read = acceleratorKinds.resolveSystem(value)
    if (!read.ok)
      return yield* new CliError({
        message: `system file "${argument}" is not a valid system:\n${read.issues.map((issue) => `  ${issue.path}: ${issue.message}`).join("\n")}`,
      })
    return read.system
  })
