import { schemaIssues } from "@cosearch/space"
import type { ParseResult } from "effect"

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

/**
 * Lists the issues of a failed decode, each with its path and, inside a layer, that layer's name
 * from the raw input so the message can be matched to the file (see `schemaIssues`).
 *
 * @example
 * const result = Schema.decodeUnknownEither(NetworkJsonSchema)(input)
 * if (Either.isLeft(result)) networkJsonIssues(result.left, input) // [{ path: "layers[3].kernel", ... }]
 */
export const networkJsonIssues = (error: ParseResult.ParseError, input: unknown): NetworkJsonIssue[] =>
  schemaIssues(error, input, { layers: "layer" })

/**
 * Joins issues into one message, one `path: message` line each.
 *
 * @example
 * formatNetworkJsonIssues([{ path: "batch", message: "expected a positive integer, got 0" }])
 * // "batch: expected a positive integer, got 0"
 */
export const formatNetworkJsonIssues = (issues: readonly NetworkJsonIssue[]): string =>
  issues.map((issue) => `${issue.path}: ${issue.message}`).join("\n")
