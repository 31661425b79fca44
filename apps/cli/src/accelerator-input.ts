import {
  type HierarchicalAccelerator,
  hierarchicalPreset,
  hierarchicalPresetNames,
  parseScaleSimConfig,
  type SystolicArray,
  systolicPreset,
  systolicPresetNames,
  validateHierarchicalAccelerator,
  validateSystolicArray,
} from "@cosearch/accelerator"
import type { AcceleratorTarget } from "@cosearch/engine"
import { FileSystem } from "@effect/platform"
import { Effect } from "effect"
import { CliError } from "./cli-error.js"

/**
 * Every preset name, hierarchical and systolic.
 *
 * @example
 * acceleratorPresetNames // ["maestro-256pe", "eyeriss-v1-like", "systolic-32x32", "systolic-128x128"]
 */
export const acceleratorPresetNames: readonly string[] = [...hierarchicalPresetNames, ...systolicPresetNames]

const issuesText = (path: string, messages: readonly string[]): string =>
  `accelerator file "${path}" is not a valid accelerator:\n${messages.map((message) => `  ${message}`).join("\n")}`

/** Decodes an accelerator JSON document: `kind` "hierarchical" or "systolic". */
const fromJson = (path: string, text: string): Either<AcceleratorTarget> => {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    return { error: `accelerator file "${path}" is not JSON: ${(error as Error).message}` }
  }
  if (typeof value !== "object" || value === null || Array.isArray(value))
    return { error: issuesText(path, ["the document must be an object"]) }
  const kind = (value as { kind?: unknown }).kind
  if (kind === "hierarchical") {
    const issues = validateHierarchicalAccelerator(value)
    if (issues.length > 0)
      return {
        error: issuesText(
          path,
          issues.map((issue) => issue.message),
        ),
      }
    const accelerator = value as HierarchicalAccelerator
    return { ok: { kind: "hierarchical", name: accelerator.name, accelerator } }
  }
  if (kind === "systolic") {
    const { kind: _, ...array } = value as Record<string, unknown>
    const issues = validateSystolicArray(array)
    if (issues.length > 0)
      return {
        error: issuesText(
          path,
          issues.map((issue) => issue.message),
        ),
      }
    const systolic = array as unknown as SystolicArray
    return { ok: { kind: "systolic", name: systolic.name ?? path, array: systolic } }
  }
  return { error: issuesText(path, [`kind ${JSON.stringify(kind)} must be "hierarchical" or "systolic"`]) }
}

type Either<A> = { readonly ok: A } | { readonly error: string }

/**
 * Resolves `--accelerator`: a preset name, an accelerator `.json` file (`kind` "hierarchical" or
 * "systolic"), or a SCALE-Sim `.cfg` file. Failures name the preset, file, line or field.
 *
 * @example
 * const target = yield* loadAccelerator("eyeriss-v1-like")
 */
export const loadAccelerator = (argument: string): Effect.Effect<AcceleratorTarget, CliError, FileSystem.FileSystem> =>
  Effect.gen(function* () {
    const hierarchical = hierarchicalPreset(argument)
    if (hierarchical !== undefined) return { kind: "hierarchical", name: argument, accelerator: hierarchical } as const
    const systolic = systolicPreset(argument)
    if (systolic !== undefined) return { kind: "systolic", name: argument, array: systolic } as const
    if (!argument.endsWith(".json") && !argument.endsWith(".cfg")) {
      return yield* new CliError({
        message: `--accelerator "${argument}" is not a preset (${acceleratorPresetNames.join(", ")}), an accelerator .json file or a SCALE-Sim .cfg file`,
      })
    }
    const fs = yield* FileSystem.FileSystem
    const text = yield* fs.readFileString(argument).pipe(
      Effect.mapError(
        (error) =>
          new CliError({
            message:
              error._tag === "SystemError" && error.reason === "NotFound"
                ? `accelerator file "${argument}" does not exist`
                : `cannot read accelerator file "${argument}": ${error.message}`,
          }),
      ),
    )
    if (argument.endsWith(".cfg")) {
      const parsed = parseScaleSimConfig(text)
      if (!parsed.ok)
        return yield* new CliError({
          message: issuesText(
            argument,
            parsed.errors.map((error) => error.message),
          ),
        })
      const name = (argument.split("/").pop() ?? argument).replace(/\.cfg$/, "")
      return { kind: "systolic", name, array: parsed.config.array } as const
    }
    const decoded = fromJson(argument, text)
    if ("error" in decoded) return yield* new CliError({ message: decoded.error })
    return decoded.ok
  })
