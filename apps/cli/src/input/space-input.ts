import { lookupSpace, type NamedSpace } from "@cosearch/engine"
import { decodeSpaceJson, formatSpaceIssues, type Space } from "@cosearch/space"
import { FileSystem } from "@effect/platform"
import { Effect, Either } from "effect"
import { CliError } from "../cli/cli-error.js"
import { readInputText } from "./input-file.js"

/**
 * A space named on the command line: a built-in one (with its summary and decoder) or one read
 * from a space file.
 *
 * @example
 * const loaded: LoadedSpace = { kind: "file", path: "spaces/pe.json", space }
 */
export type LoadedSpace =
  | { readonly kind: "built-in"; readonly entry: NamedSpace; readonly space: Space }
  | { readonly kind: "file"; readonly path: string; readonly space: Space }

const indent = (text: string): string =>
  text
    .split("\n")
    .map((line) => `  ${line}`)
    .join("\n")

const parseJson = (path: string, text: string): Either.Either<unknown, CliError> =>
  Either.try({
    try: (): unknown => JSON.parse(text),
    catch: (error) =>
      new CliError({ message: `space file "${path}" is not valid JSON: ${error instanceof Error ? error.message : String(error)}` }),
  })

/**
 * Reads a space file (the JSON form of `decodeSpaceJson`). Every problem becomes a `CliError`
 * naming the file, and for invalid spaces each JSON path and what is wrong there.
 *
 * @example
 * const space = yield* readSpaceFile("spaces/pe.json")
 */
export const readSpaceFile = (path: string): Effect.Effect<Space, CliError, FileSystem.FileSystem> =>
  Effect.gen(function* () {
    const text = yield* readInputText("space", path)
    const json = yield* parseJson(path, text)
    return yield* Either.mapLeft(
      decodeSpaceJson(json),
      (issues) => new CliError({ message: `space file "${path}" is not a valid space file:\n${indent(formatSpaceIssues(issues))}` }),
    )
  })

const isExistingFile = (path: string): Effect.Effect<boolean, never, FileSystem.FileSystem> =>
  Effect.flatMap(FileSystem.FileSystem, (fs) =>
    fs.stat(path).pipe(
      Effect.map((info) => info.type === "File"),
      Effect.orElseSucceed(() => false),
    ),
  )

/**
 * Resolves the `<space>` argument: a path ending in `.json` is a space file; otherwise a
 * built-in name, or failing that an existing file. An unknown name fails with a `CliError`
 * listing the built-in spaces.
 *
 * @example
 * const loaded = yield* loadSpace("nb201") // { kind: "built-in", entry, space }
 */
export const loadSpace = (argument: string): Effect.Effect<LoadedSpace, CliError, FileSystem.FileSystem> =>
  Effect.gen(function* () {
    const fromFile = (path: string) => Effect.map(readSpaceFile(path), (space): LoadedSpace => ({ kind: "file", path, space }))
    if (argument.endsWith(".json")) return yield* fromFile(argument)
    const found = lookupSpace(argument)
    if (found.ok) return { kind: "built-in", entry: found.entry, space: found.entry.space } as const
    if (yield* isExistingFile(argument)) return yield* fromFile(argument)
    return yield* new CliError({
      message: `${found.message}\n(to read a space file, give a path ending in .json; see \`cosearch space list\`)`,
    })
  })
