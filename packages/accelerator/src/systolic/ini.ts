/**
 * A value read from an INI file, with the line (from 1) it was on.
 *
 * @example
 * const entry: IniEntry | undefined = readIni(text).get("architecture_presets", "ArrayHeight")
 */
export interface IniEntry {
  readonly value: string
  readonly line: number
}

/**
 * An INI file read the way Python's `configparser` reads SCALE-Sim's configurations.
 *
 * @example
 * const ini: IniFile = readIni("[general]\nrun_name = a32_os\n")
 * ini.get("general", "RUN_NAME")?.value // "a32_os"
 */
export interface IniFile {
  /** The entry of a key in a section; sections match exactly, keys case-insensitively. */
  get(section: string, key: string): IniEntry | undefined
  /** Syntax errors: lines outside a section or without a delimiter, repeated sections and keys. */
  readonly errors: readonly { readonly key: string; readonly line: number; readonly message: string }[]
}

/**
 * Reads INI text: `[section]` headers, `key = value` or `key: value` (the first `=` or `:`
 * splits), values trimmed, blank lines and lines starting with `#` or `;` skipped.
 *
 * @example
 * readIni("[a]\nX: 1\n").get("a", "x") // { value: "1", line: 2 }
 */
export const readIni = (text: string): IniFile => {
  const sections = new Map<string, Map<string, IniEntry>>()
  const sectionLines = new Map<string, number>()
  const errors: { key: string; line: number; message: string }[] = []
  let current: Map<string, IniEntry> | undefined
  let currentName = ""
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1
    const trimmed = raw.trim()
    if (trimmed === "" || trimmed.startsWith("#") || trimmed.startsWith(";")) return
    const header = /^\[(.*)\]$/.exec(trimmed)
    if (header !== null) {
      currentName = (header[1] ?? "").trim()
      const seen = sectionLines.get(currentName)
      if (seen !== undefined) {
        errors.push({ key: `[${currentName}]`, line, message: `line ${line}: section [${currentName}] repeats the one on line ${seen}` })
      } else {
        sectionLines.set(currentName, line)
        sections.set(currentName, new Map())
      }
      current = sections.get(currentName)
      return
    }
    const split = trimmed.search(/[=:]/)
    if (split <= 0) {
      const what = split === 0 ? "has no key before its delimiter" : "is not `[section]`, `key = value` or `key: value`"
      errors.push({ key: trimmed, line, message: `line ${line}: ${JSON.stringify(trimmed)} ${what}` })
      return
    }
    const key = trimmed.slice(0, split).trim()
    if (current === undefined) {
      errors.push({ key, line, message: `line ${line}: ${key} comes before any [section]` })
      return
    }
    const folded = key.toLowerCase()
    const previous = current.get(folded)
    if (previous !== undefined) {
      errors.push({ key, line, message: `line ${line}: ${key} repeats the key on line ${previous.line} of [${currentName}]` })
      return
    }
    current.set(folded, { value: trimmed.slice(split + 1).trim(), line })
  })
  return { get: (section, key) => sections.get(section)?.get(key.toLowerCase()), errors }
}
