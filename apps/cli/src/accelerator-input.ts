import {
  type EdgeTpuAccelerator,
  edgeTpuPreset,
  edgeTpuPresetNames,
  type HierarchicalAccelerator,
  hierarchicalPreset,
  hierarchicalPresetNames,
  parseScaleSimConfig,
  type SystolicArray,
  systolicPreset,
  systolicPresetNames,
  validateEdgeTpuAccelerator,
  validateHierarchicalAccelerator,
  validateSystolicArray,
} from "@cosearch/accelerator"
import type { AcceleratorTarget } from "@cosearch/engine"
import { FileSystem } from "@effect/platform"
import { Effect } from "effect"
import { CliError } from "./cli-error.js"

/**
 * Every preset name: hierarchical, systolic and Edge TPU.
 *
 * @example
 * acceleratorPresetNames // ["maestro-256pe", "eyeriss-v1-like", "systolic-32x32", "systolic-128x128", "edgetpu-v1", ..., "coral"]
 */
export const acceleratorPresetNames: readonly string[] = [...hierarchicalPresetNames, ...systolicPresetNames, ...edgeTpuPresetNames]

const issuesText = (path: string, messages: readonly string[]): string =>
  `accelerator file "${path}" is not a valid accelerator:\n${messages.map((message) => `  ${message}`).join("\n")}`

/** Decodes an accelerator JSON document: `kind` "hierarchical", "systolic" or "edgetpu". */
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
  if (kind === "hierarchical")
    return checked(path, validateHierarchicalAccelerator(value), () => {
      const accelerator = value as HierarchicalAccelerator
      return { kind: "hierarchical", name: accelerator.name, accelerator }
    })
  if (kind === "systolic") {
    const { kind: _, ...array } = value as Record<string, unknown>
    return checked(path, validateSystolicArray(array), () => {
      const systolic = array as unknown as SystolicArray
      return { kind: "systolic", name: systolic.name ?? path, array: systolic }
    })
  }
  if (kind === "edgetpu")
    return checked(path, validateEdgeTpuAccelerator(value), () => {
      const accelerator = value as EdgeTpuAccelerator
      return { kind: "edgetpu", name: accelerator.name, accelerator }
    })
  return { error: issuesText(path, [`kind ${JSON.stringify(kind)} must be "hierarchical", "systolic" or "edgetpu"`]) }
}

type Either<A> = { readonly ok: A } | { readonly error: string }

/** The target when the description has no issues, else every issue's message. */
const checked = (
  path: string,
  issues: readonly { readonly message: string }[],
  target: () => AcceleratorTarget,
): Either<AcceleratorTarget> =>
  issues.length > 0
    ? {
        error: issuesText(
          path,
          issues.map((issue) => issue.message),
        ),
      }
    : { ok: target() }

/**
 * Resolves `--accelerator`: a preset name, an accelerator `.json` file (`kind` "hierarchical" or
 * "systolic"), or a SCALE-Sim `.cfg` file. Failures name the preset, file, line or field.
 *
 * @example
 * const target = yield* loadAccelerator("eyeriss-v1-like")
 */
export const loadAccelerator = (
  argument: string,
  /** What else the command accepts, named in the error for an unknown preset (e.g. its system presets). */
  alsoAccepted?: string,
): Effect.Effect<AcceleratorTarget, CliError, FileSystem.FileSystem> =>
  Effect.gen(function* () {
    const hierarchical = hierarchicalPreset(argument)
    if (hierarchical !== undefined) return { kind: "hierarchical", name: argument, accelerator: hierarchical } as const
    const systolic = systolicPreset(argument)
    if (systolic !== undefined) return { kind: "systolic", name: argument, array: systolic } as const
    const edgeTpu = edgeTpuPreset(argument)
    if (edgeTpu !== undefined) return { kind: "edgetpu", name: argument, accelerator: edgeTpu } as const
    if (!argument.endsWith(".json") && !argument.endsWith(".cfg")) {
      return yield* new CliError({
        message: `--accelerator "${argument}" is not a preset (${acceleratorPresetNames.join(", ")})${alsoAccepted === undefined ? "" : `, ${alsoAccepted}`}, an accelerator .json file or a SCALE-Sim .cfg file`,
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
