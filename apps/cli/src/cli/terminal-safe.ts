/** Whether a UTF-16 code unit is a control character a terminal acts on (C0 but newline and tab, DEL, C1). */
const isControl = (code: number): boolean => (code < 0x20 && code !== 0x0a && code !== 0x09) || (code >= 0x7f && code <= 0x9f)

/**
 * User-provided text (study names, trial parameters, evaluators' error messages, names read from
 * network files) made safe to print on a terminal: every control character but newline and tab —
 * ESC, BEL, CR, backspace, DEL, the C1 controls — is written visibly as `\xHH`, so that no
 * escape sequence reaches the terminal. For the human-readable output only; `--json` output is
 * JSON, already escaped.
 *
 * @example
 * terminalSafe("a\u001b[2Jb") // "a\\x1b[2Jb"
 */
export const terminalSafe = (text: string): string => {
  let safe = ""
  let from = 0
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (!isControl(code)) continue
    safe += `${text.slice(from, i)}\\x${code.toString(16).padStart(2, "0")}`
    from = i + 1
  }
  return from === 0 ? text : safe + text.slice(from)
}
