import { ParseResult } from "effect"

/**
 * One problem in a decoded JSON document: where (`parameters[2].values`) and what is wrong there.
 *
 * @example
 * const issue: JsonIssue = { path: "batch", message: "expected a positive integer, got 0" }
 */
export interface JsonIssue {
  readonly path: string
  readonly message: string
}

const identifier = /^[A-Za-z_$][\w$]*$/

/**
 * Renders a parse path as JavaScript-style access: `["parameters", 2, "values"]` becomes `parameters[2].values`.
 *
 * @example
 * formatPath(["parameters", 2, "values"]) // "parameters[2].values"
 */
export const formatPath = (path: readonly PropertyKey[]): string => {
  let text = ""
  for (const key of path) {
    if (typeof key === "number") text += `[${key}]`
    else if (typeof key === "string" && identifier.test(key)) text += text === "" ? key : `.${key}`
    else text += `[${JSON.stringify(String(key))}]`
  }
  return text === "" ? "(root)" : text
}

/** Effect's default wording ("Expected A, actual B") in cosearch's ("expected A, got B"). */
const reword = (message: string): string => {
  const match = /^Expected (.*), actual (.*)$/s.exec(message)
  return match === null ? message : `expected ${match[1]?.replaceAll(" | ", " or ")}, got ${match[2]}`
}

/** The `name` of `input[list][index]` in the raw input, when it has a usable one. */
const nameAt = (input: unknown, list: PropertyKey | undefined, index: PropertyKey | undefined): string | undefined => {
  if (typeof list !== "string" || typeof index !== "number" || typeof input !== "object" || input === null) return undefined
  const items: unknown = (input as Record<string, unknown>)[list]
  const item: unknown = Array.isArray(items) ? items[index] : undefined
  const name: unknown = typeof item === "object" && item !== null ? (item as { name?: unknown }).name : undefined
  return typeof name === "string" && name !== "" ? name : undefined
}

/**
 * Lists the issues of a failed Schema decode, each with its JSON path and, inside a named item of
 * one of the `owners` lists, that item's name from the raw input so the message can be matched to
 * the file: `layers[3].kernel: expected ..., got "3" (layer "conv")`.
 *
 * @example
 * const result = Schema.decodeUnknownEither(SpaceJsonSchema)(input)
 * if (Either.isLeft(result)) schemaIssues(result.left, input, { parameters: "parameter", constraints: "constraint" })
 */
export const schemaIssues = (error: ParseResult.ParseError, input: unknown, owners: Readonly<Record<string, string>>): JsonIssue[] =>
  ParseResult.ArrayFormatter.formatErrorSync(error).map((issue) => {
    const [list, index] = issue.path
    const owner = typeof list === "string" ? owners[list] : undefined
    const name = owner === undefined ? undefined : nameAt(input, list, index)
    const where = name === undefined || issue.path.length <= 2 ? "" : ` (${owner} "${name}")`
    return { path: formatPath(issue.path), message: `${reword(issue.message)}${where}` }
  })
