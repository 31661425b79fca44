import type { AcceleratorUnit } from "@cosearch/accelerator"
import { acceleratorKinds, type UnitRead } from "@cosearch/cost"
import type { FileSystem } from "@effect/platform"
import { Effect } from "effect"
import { CliError } from "../cli/cli-error.js"
import { readInputText } from "./input-file.js"

/**
 * Every accelerator preset name, kind by kind (`acceleratorKinds.presetNames`).
 *
 * @example
 * acceleratorPresetNames // ["edgetpu-v1", ..., "coral", "maestro-256pe", "eyeriss-v1-like", "systolic-32x32", ..., "cortex-a53"]
 */
export const acceleratorPresetNames: readonly string[] = acceleratorKinds.presetNames

/** `a, b or c`. */
const orList = (items: readonly string[]): string =>
  items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} or ${items.at(-1)}`

/**
 * The files `--accelerator` reads besides accelerator `.json` documents, as a message names them
 * (the kinds' readers: `a SCALE-Sim .cfg file`).
 *
 * @example
 * acceleratorFileFormats // ["a SCALE-Sim .cfg file"]
 */
export const acceleratorFileFormats: readonly string[] = acceleratorKinds.readers.map(({ reader }) => reader.summary)

const extensions = [".json", ...acceleratorKinds.readers.map(({ reader }) => reader.extension)]

const issuesText = (path: string, messages: readonly string[]): string =>
  `accelerator file "${path}" is not a valid accelerator:\n${messages.map((message) => `  ${message}`).join("\n")}`

/** An accelerator `.json` document (its `kind` names its kind), or a file one of the kinds' readers reads. */
const readText = (path: string, text: string): { readonly unit: AcceleratorUnit } | { readonly error: string } => {
  let read: UnitRead | undefined = acceleratorKinds.readFile(path, text)
  if (read === undefined) {
    let value: unknown
    try {
      value = JSON.parse(text)
    } catch (error) {
      return { error: `accelerator file "${path}" is not JSON: ${(error as Error).message}` }
    }
    read = acceleratorKinds.decode(value, path)
  }
  return read.ok
    ? { unit: read.unit }
    : {
        error: issuesText(
          path,
          read.issues.map((issue) => issue.message),
        ),
      }
}

/**
 * Resolves `--accelerator`: a preset name of any kind, an accelerator `.json` file (its `kind`
 * names the kind), or a file of a kind's own format (a SCALE-Sim `.cfg` file). Failures name the
 * preset, file, line or field.
 *
 * @example
 * const unit = yield* loadAccelerator("eyeriss-v1-like")
 */
export const loadAccelerator = (
  argument: string,
  /** What else the command accepts, named in the error for an unknown preset (e.g. its system presets). */
  alsoAccepted?: string,
): Effect.Effect<AcceleratorUnit, CliError, FileSystem.FileSystem> =>
  Effect.gen(function* () {
    const preset = acceleratorKinds.preset(argument)
    if (preset !== undefined) return preset
    if (!extensions.some((extension) => argument.endsWith(extension))) {
      return yield* new CliError({
        message: `--accelerator "${argument}" is not a preset (${acceleratorPresetNames.join(", ")})${alsoAccepted === undefined ? "" : `, ${alsoAccepted}`}, ${orList(["an accelerator .json file", ...acceleratorFileFormats])}`,
      })
    }
    const text = yield* readInputText("accelerator", argument)
    const read = readText(argument, text)
    if ("error" in read) return yield* new CliError({ message: read.error })
    return read.unit
  })
