import { expected } from "@cosearch/space"
import { Schema } from "effect"

/** The first control character (C0, DEL or C1) of a text, which a terminal may act on. */
const firstControlCharacter = (text: string): number | undefined => {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return code
  }
  return undefined
}

/**
 * What is wrong with a study name, or undefined when it is fine: it must not be empty or only
 * whitespace, and must not hold control characters (ESC, BEL, CR, newline, ...), which a
 * terminal would act on when the name is printed.
 *
 * @example
 * studyNameProblem("") // "is empty"
 * studyNameProblem("a\u001b[2Jb") // "contains the control character \\x1b"
 * studyNameProblem("nb201-coral") // undefined
 */
export const studyNameProblem = (name: string): string | undefined => {
  if (name === "") return "is empty"
  if (name.trim() === "") return "is only whitespace"
  const control = firstControlCharacter(name)
  return control === undefined ? undefined : `contains the control character \\x${control.toString(16).padStart(2, "0")}`
}

/**
 * A study name in an experiment file (`name`, `optimizer.warmStart.study`): see `studyNameProblem`.
 *
 * @example
 * Schema.decodeUnknownSync(StudyNameSchema)("nb201-coral")
 */
export const StudyNameSchema = Schema.String.pipe(Schema.filter((name) => studyNameProblem(name) === undefined)).annotations(
  expected("a study name (not blank, without control characters)"),
)
