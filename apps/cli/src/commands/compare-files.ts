import { FileSystem } from "@effect/platform"
import { Effect } from "effect"
import { CliError } from "../cli/cli-error.js"

/**
 * Reads a comparison config file as JSON; a missing file or bad JSON is a `CliError` naming the
 * path. `noun` is how messages call the file (`comparison config`; `study config` under the old
 * command names).
 *
 * @example
 * const input = yield* readConfigJson("experiments/mensa.json", "comparison config")
 */
export const readConfigJson = (path: string, noun: string): Effect.Effect<unknown, CliError, FileSystem.FileSystem> =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem
    const text = yield* fs
      .readFileString(path)
      .pipe(Effect.mapError((error) => new CliError({ message: `cannot read ${noun} "${path}": ${error.message}` })))
    return yield* Effect.try({
      try: () => JSON.parse(text) as unknown,
      catch: (error) => new CliError({ message: `${noun} "${path}" is not JSON: ${(error as Error).message}` }),
    })
  })

/**
 * The error for a config that does not decode: every issue on its own line with its JSON path.
 *
 * @example
 * return yield* invalidConfig("x.json", "comparison config", [{ path: "networks[0].count", message: "expected a positive integer, got -3" }])
 */
export const invalidConfig = (
  path: string,
  noun: string,
  issues: readonly { readonly path: string; readonly message: string }[],
): CliError =>
  new CliError({ message: `${noun} "${path}" is invalid:\n${issues.map((issue) => `  ${issue.path}: ${issue.message}`).join("\n")}` })

/**
 * Writes files so that none is half-written: every temporary first, then every rename; a failure
 * names `--out`.
 *
 * @example
 * yield* writeFilesAtomically("report.md", [{ path: "report.md", text }])
 */
export const writeFilesAtomically = (
  out: string,
  files: readonly { readonly path: string; readonly text: string }[],
): Effect.Effect<void, CliError, FileSystem.FileSystem> =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem
    const temporary = (file: string) => `${file}.${process.pid}.tmp`
    yield* Effect.forEach(files, (file) => fs.writeFileString(temporary(file.path), file.text)).pipe(
      Effect.zipRight(Effect.forEach(files, (file) => fs.rename(temporary(file.path), file.path))),
      Effect.mapError((error) => new CliError({ message: `cannot write --out "${out}": ${error.message}` })),
    )
  })
