import { accessSync, constants, existsSync, statSync } from "node:fs"
import { dirname, resolve } from "node:path"
import { Effect } from "effect"
import { CliError } from "./cli-error.js"

/**
 * Fails, before any work is done, unless `out` can be written: its folder exists and is writable,
 * and `out` is not itself a folder. `flag` names the option in the message. With `folder: true`,
 * `out` is a folder to write into (it may not exist yet; its nearest existing parent must be a
 * writable folder).
 *
 * @example
 * yield* checkOutputPath(args.out) // before a long comparison, not after it
 */
export const checkOutputPath = (
  out: string,
  options: { readonly flag?: string; readonly folder?: boolean } = {},
): Effect.Effect<void, CliError> => {
  const flag = options.flag ?? "--out"
  const absolute = resolve(out)
  const refuse = (why: string) => Effect.fail(new CliError({ message: `${flag} "${out}": ${why}` }))
  if (options.folder === true) {
    if (existsSync(absolute) && !statSync(absolute).isDirectory()) return refuse("is a file, not a folder")
    let parent = absolute
    while (!existsSync(parent)) parent = dirname(parent)
    if (!statSync(parent).isDirectory()) return refuse(`${parent} is a file, not a folder`)
    return writable(parent) ? Effect.void : refuse(`the folder ${parent} is not writable`)
  }
  const folder = dirname(absolute)
  if (!existsSync(folder) || !statSync(folder).isDirectory()) return refuse(`the folder ${folder} does not exist`)
  if (existsSync(absolute) && statSync(absolute).isDirectory()) return refuse("is a folder, not a file")
  return writable(folder) ? Effect.void : refuse(`the folder ${folder} is not writable`)
}

const writable = (folder: string): boolean => {
  try {
    accessSync(folder, constants.W_OK)
    return true
  } catch {
    return false
  }
}
