import { FileSystem } from "@effect/platform"
import { Effect } from "effect"
import { CliError } from "../cli/cli-error.js"

/**
 * Reads a file the command was given, its failure a `CliError` naming what the file is for
 * (`network file "x.json" does not exist`, `cannot read mapping file "m.m": ...`).
 *
 * @example
 * const bytes = yield* readInputFile("network", "model.onnx")
 */
export const readInputFile = (noun: string, path: string): Effect.Effect<Uint8Array, CliError, FileSystem.FileSystem> =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem
    return yield* fs.readFile(path).pipe(
      Effect.mapError(
        (error) =>
          new CliError({
            message:
              error._tag === "SystemError" && error.reason === "NotFound"
                ? `${noun} file "${path}" does not exist`
                : `cannot read ${noun} file "${path}": ${error.message}`,
          }),
      ),
    )
  })

/**
 * `readInputFile`'s text (UTF-8).
 *
 * @example
 * const text = yield* readInputText("space", "space.json")
 */
export const readInputText = (noun: string, path: string): Effect.Effect<string, CliError, FileSystem.FileSystem> =>
  Effect.map(readInputFile(noun, path), (bytes) => new TextDecoder().decode(bytes))
