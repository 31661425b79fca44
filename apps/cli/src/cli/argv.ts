/** One-letter options, which @effect/cli spells `-n`, that are also accepted as `--n`. */
const oneLetterOptions: ReadonlySet<string> = new Set(["n"])

const longSpelling = /^--([A-Za-z])(?:=(.*))?$/s

/**
 * Rewrites `--n 5` and `--n=5` to `-n 5` for the one-letter options, which @effect/cli only
 * recognizes with one dash. Arguments after a `--` terminator are left alone.
 *
 * @example
 * normalizeOneLetterOptions(["node", "cosearch", "space", "sample", "nb201", "--n=5"])
 * // ["node", "cosearch", "space", "sample", "nb201", "-n", "5"]
 */
export const normalizeOneLetterOptions = (argv: ReadonlyArray<string>): string[] => {
  const terminator = argv.indexOf("--")
  return argv.flatMap((argument, index) => {
    if (terminator >= 0 && index > terminator) return [argument]
    const match = longSpelling.exec(argument)
    const letter = match?.[1]
    if (letter === undefined || !oneLetterOptions.has(letter)) return [argument]
    const value = match?.[2]
    return value === undefined ? [`-${letter}`] : [`-${letter}`, value]
  })
}
