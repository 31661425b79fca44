/**
 * A token of MAESTRO's description language: a word (`Layer`, `K`, `Y'`), a whole number, or one
 * punctuation character, with the line (from 1) it starts on.
 *
 * @example
 * const token: MaestroToken = { kind: "word", text: "Dimensions", line: 5 }
 */
export interface MaestroToken {
  readonly kind: "word" | "number" | "symbol"
  readonly text: string
  readonly line: number
}

/** A word (`Y'` keeps MAESTRO's prime) and a whole number, matched where the cursor is. */
const wordToken = /[A-Za-z_][A-Za-z0-9_]*'?/y
const numberToken = /[0-9]+/y

/**
 * The tokens of a MAESTRO `.m` file, `//` and `/* ... *\/` comments left out; or the line of the
 * first character that belongs to no token.
 *
 * @example
 * tokenizeMaestro("Stride { X: 2 } // c\n").tokens?.map((token) => token.text) // ["Stride", "{", "X", ":", "2", "}"]
 */
export const tokenizeMaestro = (
  text: string,
): { readonly tokens: readonly MaestroToken[] } | { readonly error: { readonly line: number; readonly message: string } } => {
  const tokens: MaestroToken[] = []
  let line = 1
  let i = 0
  while (i < text.length) {
    const c = text[i] as string
    if (c === "\n") {
      line++
      i++
    } else if (c === " " || c === "\t" || c === "\r") {
      i++
    } else if (text.startsWith("//", i)) {
      while (i < text.length && text[i] !== "\n") i++
    } else if (text.startsWith("/*", i)) {
      const end = text.indexOf("*/", i + 2)
      const stop = end < 0 ? text.length : end + 2
      for (let k = i; k < stop; k++) if (text[k] === "\n") line++
      i = stop
    } else if (/[A-Za-z_0-9]/.test(c)) {
      const pattern = /[0-9]/.test(c) ? numberToken : wordToken
      pattern.lastIndex = i
      const token = (pattern.exec(text) as RegExpExecArray)[0]
      tokens.push({ kind: pattern === numberToken ? "number" : "word", text: token, line })
      i += token.length
    } else if ("{}():,;".includes(c)) {
      tokens.push({ kind: "symbol", text: c, line })
      i++
    } else {
      return { error: { line, message: `line ${line}: unexpected character ${JSON.stringify(c)}` } }
    }
  }
  return { tokens }
}
