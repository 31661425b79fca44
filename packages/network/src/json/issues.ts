import { ParseResult } from "effect"

/**
 * One problem in a network file: where (`layers[3].kernel`) and what is wrong there.
 *
 * @example
 * const issue: NetworkJsonIssue = { path: "batch", message: "expected a positive integer, got 0" }
 */
export interface NetworkJsonIssue {
  readonly path: string
  readonly message: string
}

const identifier = /^[A-Za-z_$][\w$]*$/

/**
 * Renders a parse path as JavaScript-style access: `["layers", 3, "kernel"]` becomes `layers[3].kernel`.
 *
 * @example
 * formatJsonPath(["layers", 3, "kernel"]) // "layers[3].kernel"
 */
export const formatJsonPath = (path: readonly PropertyKey[]): string => {
  let text = ""
  for (const key of path) {
    if (typeof key === "number") text += `[${key}]`
    else if (typeof key === "string" && identifier.test(key)) text += text === "" ? key : `.${key}`
    else text += `[${JSON.stringify(String(key))}]`
  }
  return text === "" ? "(root)" : text
}

/** The `name` of `layers[index]` in the raw input, when it has a usable one. */
const layerNameAt = (input: unknown, index: PropertyKey | undefined): string | undefined => {
  if (typeof index !== "number" || typeof input !== "object" || input === null) return undefined
  const layers: unknown = (input as { layers?: unknown }).layers
  const layer: unknown = Array.isArray(layers) ? layers[index] : undefined
  const name: unknown = typeof layer === "object" && layer !== null ? (layer as { name?: unknown }).name : undefined
  return typeof name === "string" && name !== "" ? name : undefined
}

/**
 * Lists the issues of a failed decode, each with its path and, inside a layer, that layer's name
 * from the raw input so the message can be matched to the file.
 *
 * @example
 * const result = Schema.decodeUnknownEither(NetworkJsonSchema)(input)
 * if (Either.isLeft(result)) networkJsonIssues(result.left, input) // [{ path: "layers[3].kernel", ... }]
 */
export const networkJsonIssues = (error: ParseResult.ParseError, input: unknown): NetworkJsonIssue[] =>
  ParseResult.ArrayFormatter.formatErrorSync(error).map((issue) => {
    const name = issue.path[0] === "layers" ? layerNameAt(input, issue.path[1]) : undefined
    const where = name === undefined ? "" : ` (layer "${name}")`
    return { path: formatJsonPath(issue.path), message: `${issue.message}${where}` }
  })

/**
 * Joins issues into one message, one `path: message` line each.
 *
 * @example
 * formatNetworkJsonIssues([{ path: "batch", message: "expected a positive integer, got 0" }])
 * // "batch: expected a positive integer, got 0"
 */
export const formatNetworkJsonIssues = (issues: readonly NetworkJsonIssue[]): string =>
  issues.map((issue) => `${issue.path}: ${issue.message}`).join("\n")
